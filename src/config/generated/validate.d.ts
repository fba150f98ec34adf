// Types for the ajv standalone validator generated beside this file (verbose errors).

export interface GeneratedError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Set on errors from `propertyNames`. */
  propertyName?: string;
  schema?: unknown;
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

export interface GeneratedValidate {
  /** Validates and fills in defaults in place. */
  (data: unknown): boolean;
  errors?: GeneratedError[] | null;
}

export declare const validate: GeneratedValidate;
export default validate;

// The slice of the loaded cortex.yaml that the artifact code reads. Structural, so the uploader
// builds against the config loader's CortexConfig without importing it (and tests can hand-roll it).

/** One problem in cortex.yaml, with the position it came from. Same shape as config's ConfigError. */
export interface ConfigErrorLike {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export interface ArtifactEntry {
  path: string;
  /** Defaulted by the config loader; /mnt/artifacts when absent. */
  mount?: string | undefined;
}

export interface ApiLike {
  name: string;
  /** Its position in cortex.yaml's list, when `apis` is a subset of it (errors point there). */
  index?: number | undefined;
  artifacts?: readonly ArtifactEntry[] | undefined;
}

export interface ArtifactsConfig {
  /** Path of cortex.yaml, as errors should name it. */
  file: string;
  /** Absolute folder holding cortex.yaml; artifact paths are relative to it. */
  dir: string;
  apis: readonly ApiLike[];
  /** Source position of a value in cortex.yaml, by its path from the root. */
  locate(path: (string | number)[]): { line: number; column: number };
}

/** One file as it will be uploaded: where it is on disk and where the pod sees it. */
export interface ResolvedFile {
  /** Absolute path of the file on disk (symlinks resolved). */
  source: string;
  /** Path under `mount`, forward slashes, no `..`. */
  path: string;
  mount: string;
  size: number;
  /** 0o755 when any execute bit is set, else 0o644: checkouts differ in umask, manifests must not. */
  mode: number;
}

export interface ResolvedApi {
  name: string;
  /** Sorted by mount, then path. */
  files: ResolvedFile[];
}

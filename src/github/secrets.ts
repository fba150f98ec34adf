// Masks credentials before anything is logged. A kubeconfig is masked line by line and value by
// value, because the runner masks exact strings and a multi-line secret is printed in pieces.
// The Action passes masked.ts's `mask` as `setSecret`, so they are redacted from what goes to GitHub.
import { parse } from "yaml";

/** Keys whose values are credentials, wherever they sit (user, auth-provider config, ...). */
const SECRET_KEY_NAMES = new Set([
  "token",
  "client-key-data",
  "client-certificate-data",
  "password",
  "id-token",
  "refresh-token",
  "access-token",
  "secret",
  "client-secret",
]);

const SECRET_KEYS = new RegExp(`^\\s*-?\\s*(${[...SECRET_KEY_NAMES].join("|")})\\s*:\\s*(.+)$`);

/** Every string in a kubeconfig that must never reach a log. */
export function kubeconfigSecrets(kubeconfig: string): string[] {
  const out = new Set<string>();
  for (const line of kubeconfig.split(/\r?\n/)) {
    const m = SECRET_KEYS.exec(line);
    const value = m?.[2]?.trim().replace(/^["']|["']$/g, "");
    if (value !== undefined && value.length >= 6) out.add(value);
  }
  return [...out];
}

export function maskKubeconfig(kubeconfig: string, setSecret: (s: string) => void): void {
  let structured: string[] = [];
  try {
    structured = structuredKubeconfigSecrets(parse(kubeconfig));
  } catch {
    // Not YAML: the line scan below still masks what it can; loading will report the syntax.
  }
  for (const secret of new Set([...kubeconfigSecrets(kubeconfig), ...structured]))
    setSecret(secret);
}

/**
 * The same secrets read structurally (YAML or JSON, any layout, including the `env` values an
 * exec plugin receives), so a one-line JSON kubeconfig is masked as well as a YAML one.
 */
export function structuredKubeconfigSecrets(doc: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node === "string") {
      if (key !== undefined && SECRET_KEY_NAMES.has(key) && node.length >= 6) out.add(node);
      return;
    }
    if (Array.isArray(node)) {
      if (key === "args") for (const secret of argSecrets(node)) out.add(secret);
      for (const item of node) visit(item, key === "env" ? "env" : undefined);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    // exec plugin env entries ({name, value}) often carry credentials: mask every value.
    if (key === "env" && typeof record.value === "string" && record.value.length >= 6) {
      out.add(record.value);
    }
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  visit(doc, undefined);
  return [...out];
}

/** A flag that takes a credential: `--token`, `--client-secret`, `--password`, `--api-key`. */
const SECRET_FLAG = /^--?[\w-]*(token|secret|password|key)$/i;

/**
 * Credentials passed to an exec plugin on its command line: `--token=VALUE`, or `--token VALUE`.
 */
function argSecrets(args: readonly unknown[]): string[] {
  const out: string[] = [];
  args.forEach((arg, i) => {
    if (typeof arg !== "string") return;
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (!SECRET_FLAG.test(flag)) return;
    const value = eq < 0 ? args[i + 1] : arg.slice(eq + 1);
    if (typeof value === "string" && value.length >= 6 && !value.startsWith("-")) out.push(value);
  });
  return out;
}

/** Credentials the environment carries (AWS keys from configure-aws-credentials and the like). */
export function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
  const names = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  ];
  return names.map((n) => env[n] ?? "").filter((v) => v.length >= 6);
}

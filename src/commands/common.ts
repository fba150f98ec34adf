// What the cluster commands share: how they report, how they reach the cluster and S3, and how a
// failure becomes a message for people (a stack trace only for bugs in cortex-deploy itself).
import {
  ArtifactConfigError,
  ArtifactReadError,
  S3EndpointError,
  S3UploadError,
} from "../artifacts/errors.ts";
import { KubeClient } from "../kube/client.ts";
import { DeployError, describeKubeError, isKubeError } from "../kube/errors.ts";

/** Where progress goes: the terminal for the CLI, the job log for the Action. */
export interface Reporter {
  info(line: string): void;
  warn(line: string): void;
}

export const consoleReporter: Reporter = {
  info: (line) => console.log(line),
  warn: (line) => console.error(line),
};

export const silentReporter: Reporter = { info: () => {}, warn: () => {} };

/** How to reach one cluster. */
export interface ClusterAccess {
  /** Kubeconfig contents; KUBECONFIG or ~/.kube/config when absent. */
  kubeconfig?: string | undefined;
  /** Where `kubeconfig` came from, for messages, e.g. "--kubeconfig prod.yaml". */
  kubeconfigSource?: string | undefined;
  /** The kubeconfig context to use; its current-context when absent. */
  context?: string | undefined;
  /** The error when no kubeconfig is given and none is found (the Action's: its input is empty). */
  ifNoKubeconfig?: string | undefined;
  /** An open client to use (tests, benchmarks); the command then leaves it open. */
  client?: KubeClient | undefined;
}

export interface ClusterOptions extends ClusterAccess {
  namespace: string;
}

export interface S3Options {
  bucket?: string | undefined;
  prefix: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  forcePathStyle?: boolean | undefined;
  uploadConcurrency?: number | undefined;
  /** Stops the upload (Ctrl-C): nothing new starts and multipart uploads in flight are aborted. */
  signal?: AbortSignal | undefined;
}

/** The user stopped the command (Ctrl-C, a cancelled job); the message says what was left. */
export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
}

/** Runs `fn` with the given client, or with a new one that is closed afterwards. */
export async function withClient<T>(
  // The namespace plays no part: commands pass their ClusterOptions as they are.
  opts: ClusterAccess & { namespace?: string },
  fn: (client: KubeClient) => Promise<T>,
): Promise<T> {
  if (opts.client) return fn(opts.client);
  const client = await KubeClient.create({
    kubeconfig: opts.kubeconfig,
    kubeconfigSource: opts.kubeconfigSource,
    context: opts.context,
    ifNoKubeconfig: opts.ifNoKubeconfig,
  }).catch((err: Error) => {
    throw new DeployError(err.message);
  });
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

export { s3EndpointFromEnv } from "../artifacts/s3-client.ts";

/** Whether an error is one we expected and worded; anything else is a bug worth a stack trace. */
export function isExpectedFailure(err: unknown): boolean {
  return (
    err instanceof DeployError ||
    err instanceof ArtifactConfigError ||
    err instanceof ArtifactReadError ||
    err instanceof S3UploadError ||
    err instanceof S3EndpointError ||
    err instanceof InterruptedError ||
    isKubeError(err)
  );
}

/** The message to show for a failed command. */
export function failureMessage(err: unknown): string {
  if (isKubeError(err)) return describeKubeError(err);
  if (isExpectedFailure(err)) return (err as Error).message;
  return `cortex-deploy failed unexpectedly (a bug; please report it): ${(err as Error).stack ?? String(err)}`;
}

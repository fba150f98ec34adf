// `install`: the CRDs (and with --with-controller the controller's manifests) from
// controller/deploy/, applied with server-side apply.
import { isNotFound, type KubeClient } from "../kube/client.ts";
import { DeployError } from "../kube/errors.ts";
import {
  findDeployDir,
  installManifests,
  type Manifest,
  readDeployManifests,
  sidecarImageOf,
  upgradeWarning,
  withControllerImage,
} from "../kube/install.ts";
import { listResources } from "../kube/objects.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";

export interface InstallOptions extends Omit<ClusterOptions, "namespace"> {
  withController: boolean;
  /** The controller image to run instead of the one the manifests name. */
  controllerImage?: string | undefined;
  /** controller/deploy of this installation when absent. */
  dir?: string | undefined;
  log: Reporter;
}

export async function install(opts: InstallOptions): Promise<string[]> {
  const dir = opts.dir ?? findDeployDir();
  if (!dir) throw new DeployError("cannot find controller/deploy/crds.yaml next to cortex-deploy");
  const read = await readDeployManifests(dir, opts.withController);
  const manifests = opts.controllerImage ? withControllerImage(read, opts.controllerImage) : read;
  if (opts.withController && !manifests.some((m) => m.kind === "Deployment")) {
    opts.log.warn(`no controller manifests in ${dir} yet; installing the CRDs only`);
  }
  return withClient({ ...opts, namespace: "default" }, async (client) => {
    const warning = await upgradeEffect(client, manifests).catch(() => undefined);
    if (warning !== undefined) opts.log.warn(warning);
    const { applied } = await installManifests(client, manifests, (l) => opts.log.info(l));
    return applied;
  });
}

/**
 * Upgrading the controller rolls every API's pods (their sidecars come from its image): said
 * before it happens. Best effort: a cluster that cannot be asked gets no warning, not a failure.
 */
async function upgradeEffect(
  client: KubeClient,
  manifests: readonly Manifest[],
): Promise<string | undefined> {
  const next = manifests.find((m) => m.kind === "Deployment");
  if (next === undefined) return undefined;
  const path = `/apis/apps/v1/namespaces/${next.metadata.namespace ?? "default"}/deployments/${next.metadata.name}`;
  const installed = await client.request("GET", path).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  const [from, to] = [sidecarImageOf(installed), sidecarImageOf(next)];
  if (from === undefined || from === to) return undefined;
  const [apis, splitters] = await Promise.all([
    listResources(client, "RealtimeAPI", undefined).then((r) => r.items),
    listResources(client, "TrafficSplitter", undefined).then((r) => r.items),
  ]);
  const namespaces = new Set(apis.map((a) => a.metadata.namespace)).size;
  return upgradeWarning(from, to, { apis: apis.length, namespaces, splitters: splitters.length });
}

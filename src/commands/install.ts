// `install`: the CRDs (and with --with-controller the controller's manifests) from
// controller/deploy/, applied with server-side apply.
import { isNotFound, type KubeClient } from "../kube/client.ts";
import { DeployError, describeKubeError } from "../kube/errors.ts";
import {
  controllerImageOf,
  findDeployDir,
  installManifests,
  keptImageNote,
  type Manifest,
  readDeployManifests,
  sidecarImageOf,
  upgradeWarning,
  withControllerImage,
  withInstalledImages,
} from "../kube/install.ts";
import { listResources } from "../kube/objects.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";

export interface InstallOptions extends Omit<ClusterOptions, "namespace"> {
  withController: boolean;
  /**
   * The controller image to run. Without it the installed controller keeps its image; only a
   * first install uses the one the manifests name.
   */
  controllerImage?: string | undefined;
  /** controller/deploy of this installation when absent. */
  dir?: string | undefined;
  log: Reporter;
}

export async function install(opts: InstallOptions): Promise<string[]> {
  const dir = opts.dir ?? findDeployDir();
  if (!dir) throw new DeployError("cannot find controller/deploy/crds.yaml next to cortex-deploy");
  const read = await readDeployManifests(dir, opts.withController);
  const next = read.find((m) => m.kind === "Deployment");
  if (opts.withController && next === undefined) {
    opts.log.warn(`no controller manifests in ${dir} yet; installing the CRDs only`);
  }
  return withClient({ ...opts, namespace: "default" }, async (client) => {
    const installed =
      next === undefined ? undefined : await installedController(client, next, opts);
    let manifests = read;
    if (opts.controllerImage !== undefined)
      manifests = withControllerImage(read, opts.controllerImage);
    else if (installed !== undefined) {
      manifests = withInstalledImages(read, installed);
      const kept = controllerImageOf(installed);
      if (kept !== undefined) opts.log.info(keptImageNote(kept, controllerImageOf(next)));
    }
    const warning = await upgradeEffect(client, installed, manifests).catch(() => undefined);
    if (warning !== undefined) opts.log.warn(warning);
    const { applied } = await installManifests(client, manifests, (l) => opts.log.info(l));
    return applied;
  });
}

/**
 * The controller Deployment in the cluster (undefined when there is none). Without
 * --controller-image its image is kept, so not knowing it stops the install; with one, the
 * Deployment only feeds the upgrade warning, which is best effort.
 */
async function installedController(
  client: KubeClient,
  next: Manifest,
  opts: InstallOptions,
): Promise<unknown> {
  const { name, namespace = "default" } = next.metadata;
  try {
    return await client.request("GET", `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`);
  } catch (err) {
    if (isNotFound(err) || opts.controllerImage !== undefined) return undefined;
    throw new DeployError(
      `${describeKubeError(err, `deployment/${name}`)} Nothing was changed: without ` +
        "--controller-image, install reads the installed controller to keep its image.",
    );
  }
}

/**
 * Upgrading the controller rolls every API's pods (their sidecars come from its image): said
 * before it happens. Best effort: a cluster that cannot be asked gets no warning, not a failure.
 */
async function upgradeEffect(
  client: KubeClient,
  installed: unknown,
  manifests: readonly Manifest[],
): Promise<string | undefined> {
  const next = manifests.find((m) => m.kind === "Deployment");
  const [from, to] = [sidecarImageOf(installed), sidecarImageOf(next)];
  if (from === undefined || from === to) return undefined;
  const [apis, splitters] = await Promise.all([
    listResources(client, "RealtimeAPI", undefined).then((r) => r.items),
    listResources(client, "TrafficSplitter", undefined).then((r) => r.items),
  ]);
  const namespaces = new Set(apis.map((a) => a.metadata.namespace)).size;
  return upgradeWarning(from, to, { apis: apis.length, namespaces, splitters: splitters.length });
}

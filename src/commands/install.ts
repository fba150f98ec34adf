// `install`: the CRDs (and with --with-controller the controller's manifests) from
// controller/deploy/, applied with server-side apply.
import { DeployError } from "../kube/errors.ts";
import {
  findDeployDir,
  installManifests,
  readDeployManifests,
  withControllerImage,
} from "../kube/install.ts";
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
    const { applied } = await installManifests(client, manifests, (l) => opts.log.info(l));
    return applied;
  });
}

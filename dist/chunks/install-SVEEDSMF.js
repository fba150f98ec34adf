import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  listResources
} from "./chunk-5JMQ7LUJ.js";
import {
  require_dist
} from "./chunk-L7FMGZYY.js";
import {
  plural
} from "./chunk-IJQPKFB2.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";
import "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import {
  DeployError,
  describeKubeError
} from "./chunk-FZVE6M4T.js";
import {
  isNotFound
} from "./chunk-6XWRUFJL.js";
import {
  FIELD_MANAGER
} from "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/kube/install.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
function findDeployDir(from = path.dirname(fileURLToPath(import.meta.url))) {
  let dir = from;
  for (; ; ) {
    const candidate = path.join(dir, "controller", "deploy");
    if (existsSync(path.join(candidate, "crds.yaml"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return void 0;
    dir = parent;
  }
}
function parseManifests(text, file) {
  const out = [];
  for (const doc of (0, import_yaml.parseAllDocuments)(text)) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    const value = doc.toJS();
    if (value === null) continue;
    if (!value.apiVersion || !value.kind || !value.metadata?.name) {
      throw new Error(`${file}: every document needs apiVersion, kind and metadata.name`);
    }
    out.push(value);
  }
  return out;
}
var RBAC_KINDS = /* @__PURE__ */ new Set([
  "ServiceAccount",
  "ClusterRole",
  "Role",
  "ClusterRoleBinding",
  "RoleBinding"
]);
function installRank(m) {
  if (m.kind === "Namespace") return 0;
  if (m.kind === "CustomResourceDefinition") return 1;
  return RBAC_KINDS.has(m.kind) ? 2 : 3;
}
async function readDeployManifests(dir, withController) {
  const files = ["crds.yaml"];
  if (withController) {
    const others = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f) && f !== "crds.yaml").sort();
    files.push(...others);
  }
  const docs = [];
  for (const f of files) {
    const full = path.join(dir, f);
    docs.push(...parseManifests(await readFile(full, "utf8"), full));
  }
  return docs.sort((a, b) => installRank(a) - installRank(b));
}
var IMAGE_VARIABLE = "CORTEX_CONTROLLER_IMAGE";
function withControllerImage(manifests, image) {
  return manifests.map((m) => {
    if (m.kind !== "Deployment") return m;
    const copy = structuredClone(m);
    for (const c of copy.spec?.template?.spec?.containers ?? []) {
      c.image = image;
      for (const e of c.env ?? []) if (e.name === IMAGE_VARIABLE) e.value = image;
    }
    return copy;
  });
}
function withInstalledImages(manifests, installed) {
  const live = installed?.spec?.template?.spec?.containers;
  const sidecar = sidecarImageOf(installed);
  return manifests.map((m) => {
    if (m.kind !== "Deployment") return m;
    const copy = structuredClone(m);
    for (const c of copy.spec?.template?.spec?.containers ?? []) {
      const image = live?.find((l) => l.name === c.name)?.image;
      if (image) c.image = image;
      for (const e of c.env ?? []) if (e.name === IMAGE_VARIABLE && sidecar) e.value = sidecar;
    }
    return copy;
  });
}
function keptImageNote(kept, published) {
  const other = published !== void 0 && published !== kept ? ` rather than controller.yaml's ${published}` : "";
  return `keeping the controller's installed image ${kept}${other}; give --controller-image IMAGE to change it`;
}
function controllerImageOf(deployment) {
  const containers = deployment?.spec?.template?.spec?.containers;
  return sidecarImageOf(deployment) ?? containers?.find((c) => c.image)?.image;
}
function sidecarImageOf(deployment) {
  const containers = deployment?.spec?.template?.spec?.containers;
  for (const c of containers ?? [])
    for (const e of c.env ?? []) if (e.name === IMAGE_VARIABLE && e.value) return e.value;
  return void 0;
}
function upgradeWarning(installed, next, running) {
  if (installed === void 0 || next === void 0 || installed === next) return void 0;
  if (running.apis + running.splitters === 0) return void 0;
  const what = [
    running.apis > 0 ? `${plural(running.apis, "RealtimeAPI")} in ${plural(running.namespaces, "namespace")}` : void 0,
    running.splitters > 0 ? plural(running.splitters, "TrafficSplitter") : void 0
  ].filter((w) => w !== void 0);
  return `the controller's image changes (${installed} \u2192 ${next}); the pods' proxy and downloader come from it, so the pods of ${what.join(" and ")} will roll, each within its own max_surge and max_unavailable, at about the same time`;
}
var ResourcePaths = class {
  constructor(client) {
    this.client = client;
  }
  client;
  cache = /* @__PURE__ */ new Map();
  base(apiVersion) {
    return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  }
  async pathOf(m) {
    let resources = this.cache.get(m.apiVersion);
    if (!resources) {
      resources = this.client.request("GET", this.base(m.apiVersion)).then((r) => r.resources);
      this.cache.set(m.apiVersion, resources);
    }
    const info = (await resources).find((r) => r.kind === m.kind && !r.name.includes("/"));
    if (!info) throw new DeployError(`the cluster does not serve ${m.kind} in ${m.apiVersion}`);
    const ns = info.namespaced ? `/namespaces/${encodeURIComponent(m.metadata.namespace ?? "default")}` : "";
    return `${this.base(m.apiVersion)}${ns}/${info.name}/${encodeURIComponent(m.metadata.name)}`;
  }
};
async function applyManifest(client, paths, m) {
  await client.request("PATCH", await paths.pathOf(m), {
    body: m,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: FIELD_MANAGER, force: true, fieldValidation: "Strict" }
  });
}
async function waitEstablished(client, names, timeoutMs = 6e4) {
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (; ; ) {
      const crd = await client.request(
        "GET",
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`
      );
      const conditions = crd.status?.conditions ?? [];
      if (conditions.some((c) => c.type === "Established" && c.status === "True")) break;
      const bad = conditions.find((c) => c.type === "NamesAccepted" && c.status === "False");
      if (bad) throw new DeployError(`CRD ${name} was not accepted: ${bad.message ?? ""}`);
      if (Date.now() > deadline)
        throw new DeployError(`CRD ${name} is not established yet; try again`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
async function installManifests(client, manifests, log) {
  const paths = new ResourcePaths(client);
  const applied = [];
  const crds = manifests.filter((m) => m.kind === "CustomResourceDefinition");
  const lastCrd = crds[crds.length - 1];
  for (const m of manifests) {
    const ref = `${m.kind.toLowerCase()}/${m.metadata.name}`;
    try {
      await applyManifest(client, paths, m);
    } catch (err) {
      throw new DeployError(describeKubeError(err, ref));
    }
    applied.push(ref);
    log(`${ref} applied`);
    if (m === lastCrd) {
      await waitEstablished(
        client,
        crds.map((c) => c.metadata.name)
      );
      log("custom resource definitions established");
    }
  }
  return { applied };
}

// src/commands/install.ts
async function install(opts) {
  const dir = opts.dir ?? findDeployDir();
  if (!dir) throw new DeployError("cannot find controller/deploy/crds.yaml next to cortex-deploy");
  const read = await readDeployManifests(dir, opts.withController);
  const next = read.find((m) => m.kind === "Deployment");
  if (opts.withController && next === void 0) {
    opts.log.warn(`no controller manifests in ${dir} yet; installing the CRDs only`);
  }
  return withClient({ ...opts, namespace: "default" }, async (client) => {
    const installed = next === void 0 ? void 0 : await installedController(client, next, opts);
    let manifests = read;
    if (opts.controllerImage !== void 0)
      manifests = withControllerImage(read, opts.controllerImage);
    else if (installed !== void 0) {
      manifests = withInstalledImages(read, installed);
      const kept = controllerImageOf(installed);
      if (kept !== void 0) opts.log.info(keptImageNote(kept, controllerImageOf(next)));
    }
    const warning = await upgradeEffect(client, installed, manifests).catch(() => void 0);
    if (warning !== void 0) opts.log.warn(warning);
    const { applied } = await installManifests(client, manifests, (l) => opts.log.info(l));
    return applied;
  });
}
async function installedController(client, next, opts) {
  const { name, namespace = "default" } = next.metadata;
  try {
    return await client.request("GET", `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`);
  } catch (err) {
    if (isNotFound(err) || opts.controllerImage !== void 0) return void 0;
    throw new DeployError(
      `${describeKubeError(err, `deployment/${name}`)} Nothing was changed: without --controller-image, install reads the installed controller to keep its image.`
    );
  }
}
async function upgradeEffect(client, installed, manifests) {
  const next = manifests.find((m) => m.kind === "Deployment");
  const [from, to] = [sidecarImageOf(installed), sidecarImageOf(next)];
  if (from === void 0 || from === to) return void 0;
  const [apis, splitters] = await Promise.all([
    listResources(client, "RealtimeAPI", void 0).then((r) => r.items),
    listResources(client, "TrafficSplitter", void 0).then((r) => r.items)
  ]);
  const namespaces = new Set(apis.map((a) => a.metadata.namespace)).size;
  return upgradeWarning(from, to, { apis: apis.length, namespaces, splitters: splitters.length });
}
export {
  install
};

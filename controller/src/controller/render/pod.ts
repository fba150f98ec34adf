// The pod template of an API: the `downloader` init container (when the API has artifacts), the
// user's containers, and the `proxy` sidecar that queues requests and reports in-flight counts.
// Pure: the same spec and options always give the same template (its hash labels the pods).
import {
  compareQuantities,
  type ExactQuantity,
  parseExactQuantity,
} from "../../../../src/config/quantity.ts";
import { hashJson } from "../hash.ts";
import type {
  Container,
  Handler,
  PodTemplateSpec,
  Probe,
  Toleration,
  Volume,
} from "../kube/types.ts";
import {
  ARTIFACTS_SECRET,
  apiLabels,
  CONTROLLER_ANNOTATIONS,
  DOWNLOADER_CONTAINER,
  PROXY_ADMIN_PORT,
  PROXY_CONTAINER,
  PROXY_PORT,
  TEMPLATE_HASH_LABEL,
} from "../names.ts";
import type { ApiSpec, ContainerSpec, HandlerSpec, ProbeSpec } from "../spec.ts";

export interface PodRenderOptions {
  /** The controller's own image; it runs the `proxy` and `downloader` commands too. */
  image: string;
  terminationGracePeriodSeconds: number;
  /** The node label that names a node group (cortex.yaml's node_groups). */
  nodeGroupLabel: string;
}

const SHM_VOLUME = "dshm";
const GPU_RESOURCE = "nvidia.com/gpu";
const INF_RESOURCE = "aws.amazon.com/neuron";

/**
 * Our own containers need no privileges and write nothing outside their volumes: Pod Security's
 * "restricted" profile, seccomp included, so splitter pods run in namespaces that enforce it.
 */
const RESTRICTED = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" as const },
};

export function artifactVolumeName(index: number): string {
  return `artifacts-${index}`;
}

function handler(h: HandlerSpec): Handler {
  if ("httpGet" in h) return { httpGet: { path: h.httpGet.path, port: h.httpGet.port } };
  if ("tcpSocket" in h) return { tcpSocket: { port: h.tcpSocket.port } };
  return { exec: { command: h.exec.command } };
}

function probe(p: ProbeSpec): Probe {
  return {
    ...handler(p.handler),
    initialDelaySeconds: p.initialDelaySeconds,
    timeoutSeconds: p.timeoutSeconds,
    periodSeconds: p.periodSeconds,
    successThreshold: p.successThreshold,
    failureThreshold: p.failureThreshold,
  };
}

function largestShm(containers: readonly ContainerSpec[]): string | undefined {
  // One /dev/shm per pod: size it for the container that asks most. Quantities compare exactly,
  // with the parser cortex.yaml's validation uses (every form it accepts: 1e3, 2P, 5u, ...).
  let best: { text: string; value: ExactQuantity } | undefined;
  for (const c of containers) {
    if (c.compute.shm === undefined) continue;
    const value = parseExactQuantity(c.compute.shm);
    // Not a quantity (readApiSpec checks only their shape): render it, for the API server to
    // refuse with its reason, rather than drop it.
    if (value === undefined) return c.compute.shm;
    if (best === undefined || compareQuantities(value, best.value) > 0)
      best = { text: c.compute.shm, value };
  }
  return best?.text;
}

function userContainer(c: ContainerSpec, spec: ApiSpec, shm: boolean): Container {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (c.compute.cpu !== undefined) requests.cpu = c.compute.cpu;
  if (c.compute.mem !== undefined) requests.memory = c.compute.mem;
  // Extended resources cannot be overcommitted: a limit is the request.
  if (c.compute.gpu > 0) limits[GPU_RESOURCE] = String(c.compute.gpu);
  if (c.compute.inf > 0) limits[INF_RESOURCE] = String(c.compute.inf);
  const out: Container = {
    name: c.name,
    image: c.image,
    env: [
      { name: "CORTEX_PORT", value: String(spec.port) },
      ...c.env.map(([name, value]) => ({ name, value })),
    ],
    resources: {
      ...(Object.keys(requests).length > 0 ? { requests } : {}),
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
    },
    // A crash's last log lines become the container status message, so rollbacks can say why.
    terminationMessagePolicy: "FallbackToLogsOnError",
  };
  if (c.command !== undefined) out.command = c.command;
  if (c.args !== undefined) out.args = c.args;
  const mounts = (spec.artifacts?.mounts ?? []).map((mountPath, i) => ({
    name: artifactVolumeName(i),
    mountPath,
    readOnly: true,
  }));
  if (shm) mounts.push({ name: SHM_VOLUME, mountPath: "/dev/shm", readOnly: false });
  if (mounts.length > 0) out.volumeMounts = mounts;
  if (c.readinessProbe !== undefined) out.readinessProbe = probe(c.readinessProbe);
  if (c.livenessProbe !== undefined) out.livenessProbe = probe(c.livenessProbe);
  if (c.preStop !== undefined) out.lifecycle = { preStop: handler(c.preStop) };
  return out;
}

/**
 * A container of the controller image that serves requests on PROXY_PORT (the proxy, a splitter):
 * its ports, its /healthz readiness on the admin port, and its hardening.
 */
export function servingContainer(
  name: string,
  image: string,
  command: string,
  env: Container["env"],
  resources: Container["resources"],
): Container {
  return {
    name,
    image,
    args: [command],
    env,
    ports: [
      { name: "http", containerPort: PROXY_PORT, protocol: "TCP" },
      { name: "admin", containerPort: PROXY_ADMIN_PORT, protocol: "TCP" },
    ],
    // /healthz fails while the command drains (and, for the proxy, while the model server does
    // not accept connections): it is the pod's readiness.
    readinessProbe: {
      httpGet: { path: "/healthz", port: PROXY_ADMIN_PORT },
      periodSeconds: 2,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 2,
    },
    resources,
    terminationMessagePolicy: "FallbackToLogsOnError",
    securityContext: RESTRICTED,
  };
}

function proxyContainer(spec: ApiSpec, image: string): Container {
  return servingContainer(
    PROXY_CONTAINER,
    image,
    "proxy",
    [
      { name: "CORTEX_PROXY_PORT", value: String(PROXY_PORT) },
      { name: "CORTEX_ADMIN_PORT", value: String(PROXY_ADMIN_PORT) },
      { name: "CORTEX_TARGET_PORT", value: String(spec.port) },
      { name: "CORTEX_MAX_CONCURRENCY", value: String(spec.maxConcurrency) },
      { name: "CORTEX_MAX_QUEUE_LENGTH", value: String(spec.maxQueueLength) },
    ],
    { requests: { cpu: "50m", memory: "64Mi" } },
  );
}

/**
 * Where the downloader writes why it failed, in one sentence: Kubernetes' default path, set on
 * the container and passed to the command alike, so the two cannot differ.
 */
export const DOWNLOADER_TERMINATION_LOG = "/dev/termination-log";

function downloaderContainer(spec: ApiSpec, image: string): Container | undefined {
  const a = spec.artifacts;
  if (a === undefined) return undefined;
  const env = [
    { name: "CORTEX_BUCKET", value: a.bucket },
    { name: "CORTEX_PREFIX", value: a.prefix },
    { name: "CORTEX_MANIFEST", value: a.manifest },
    { name: "CORTEX_TERMINATION_LOG", value: DOWNLOADER_TERMINATION_LOG },
  ];
  if (a.region !== undefined) env.push({ name: "AWS_REGION", value: a.region });
  if (a.forcePathStyle !== undefined)
    env.push({ name: "CORTEX_S3_FORCE_PATH_STYLE", value: String(a.forcePathStyle) });
  const out: Container = {
    name: DOWNLOADER_CONTAINER,
    image,
    // The endpoint the deploy used is the flag, as it was for the uploader, so it wins over
    // AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL from the Secret; without it, those are read as the
    // uploader reads them.
    args: a.endpoint === undefined ? ["downloader"] : ["downloader", "--s3-endpoint", a.endpoint],
    env,
    envFrom: [{ secretRef: { name: ARTIFACTS_SECRET, optional: true } }],
    resources: { requests: { cpu: "100m", memory: "64Mi" } },
    // The file's sentence when it wrote one; the log's last lines (JSON) only when it could not.
    terminationMessagePath: DOWNLOADER_TERMINATION_LOG,
    terminationMessagePolicy: "FallbackToLogsOnError",
    securityContext: RESTRICTED,
  };
  if (a.mounts.length > 0) {
    out.volumeMounts = a.mounts.map((mountPath, i) => ({
      name: artifactVolumeName(i),
      mountPath,
    }));
  }
  return out;
}

function tolerations(spec: ApiSpec): Toleration[] {
  const out: Toleration[] = [];
  // GPU and Inferentia node groups are usually tainted so that other pods stay off them.
  if (spec.containers.some((c) => c.compute.gpu > 0))
    out.push({ key: GPU_RESOURCE, operator: "Exists", effect: "NoSchedule" });
  if (spec.containers.some((c) => c.compute.inf > 0))
    out.push({ key: INF_RESOURCE, operator: "Exists", effect: "NoSchedule" });
  return out;
}

/** The pod template; its labels include TEMPLATE_HASH_LABEL, the hash of everything else. */
export function renderPodTemplate(
  apiName: string,
  spec: ApiSpec,
  options: PodRenderOptions,
): { template: PodTemplateSpec; templateHash: string } {
  const shm = largestShm(spec.containers);
  const volumes: Volume[] = (spec.artifacts?.mounts ?? []).map((_m, i) => ({
    name: artifactVolumeName(i),
    emptyDir: {},
  }));
  if (shm !== undefined)
    volumes.push({ name: SHM_VOLUME, emptyDir: { medium: "Memory", sizeLimit: shm } });
  const downloader = downloaderContainer(spec, options.image);
  const template: PodTemplateSpec = {
    metadata: {
      labels: apiLabels(apiName),
      ...(spec.retry === undefined
        ? {}
        : { annotations: { [CONTROLLER_ANNOTATIONS.retry]: String(spec.retry) } }),
    },
    spec: {
      ...(downloader === undefined ? {} : { initContainers: [downloader] }),
      containers: [
        ...spec.containers.map((c) => userContainer(c, spec, c.compute.shm !== undefined)),
        proxyContainer(spec, options.image),
      ],
      ...(volumes.length > 0 ? { volumes } : {}),
      terminationGracePeriodSeconds: options.terminationGracePeriodSeconds,
      // Service links put every Service of the namespace into each container's environment.
      enableServiceLinks: false,
      // Model servers do not talk to the Kubernetes API.
      automountServiceAccountToken: false,
    },
  };
  const t = tolerations(spec);
  if (t.length > 0) template.spec.tolerations = t;
  if (spec.nodeGroups !== undefined) {
    template.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: options.nodeGroupLabel, operator: "In", values: spec.nodeGroups },
              ],
            },
          ],
        },
      },
    };
  }
  const templateHash = hashJson(template).slice(0, 16);
  template.metadata.labels[TEMPLATE_HASH_LABEL] = templateHash;
  return { template, templateHash };
}

// What a TrafficSplitter becomes: a Deployment of the image's `splitter` command, which sends each
// request to one target API's Service by weight (and a copy to the shadow), and a Service named
// after the splitter, port 80 like an API's own, so its endpoint is reached the same way. Pure.
import { LABELS } from "../../../../src/kube/resource.ts";
import type { Deployment, Service } from "../kube/types.ts";
import {
  PROXY_ADMIN_PORT,
  PROXY_PORT,
  SERVICE_PORT,
  SPLITTER_CONTAINER,
  SPLITTER_LABEL,
  splitterLabels,
} from "../names.ts";
import { type ApiRef, ownerReference } from "../render/owner.ts";
import { servingContainer } from "../render/pod.ts";
import type { SplitterSpec } from "./spec.ts";

export interface SplitterRenderOptions {
  /** The controller's own image; it runs the `splitter` command too. */
  image: string;
  replicas: number;
  terminationGracePeriodSeconds: number;
}

/**
 * The splitter's pod count: the controller's --splitter-replicas, or fewer when the splitter's
 * max-replicas label (a preview's cap) says so. A label that is not a whole number ≥ 1 is ignored.
 */
export function splitterReplicas(
  flag: number,
  labels: Readonly<Record<string, string>> | undefined,
): number {
  const raw = labels?.[LABELS.maxReplicas] ?? "";
  const max = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  return max >= 1 ? Math.min(flag, max) : flag;
}

/** One entry of the splitter's CORTEX_SPLITTER_BACKENDS. */
export interface Backend {
  name: string;
  url: string;
  weight: number;
  shadow: boolean;
}

/** Each target through its API's Service (`<api>.<namespace>.svc`, port 80). */
export function splitterBackends(namespace: string, spec: SplitterSpec): Backend[] {
  return spec.targets.map((t) => ({
    name: t.name,
    url: `http://${t.name}.${namespace}.svc:${SERVICE_PORT}`,
    weight: t.weight,
    shadow: t.shadow,
  }));
}

/** Named after the splitter and owned by it, so deleting the splitter deletes it. */
function ownedMetadata(ref: ApiRef) {
  return {
    name: ref.name,
    namespace: ref.namespace,
    labels: splitterLabels(ref.name),
    ownerReferences: [ownerReference(ref, "TrafficSplitter")],
  };
}

export function renderSplitterDeployment(
  ref: ApiRef,
  spec: SplitterSpec,
  options: SplitterRenderOptions,
): Deployment {
  const selector = { [SPLITTER_LABEL]: ref.name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: ownedMetadata(ref),
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: splitterLabels(ref.name) },
        spec: {
          containers: [
            servingContainer(
              SPLITTER_CONTAINER,
              options.image,
              "splitter",
              [
                { name: "CORTEX_SPLITTER_PORT", value: String(PROXY_PORT) },
                { name: "CORTEX_ADMIN_PORT", value: String(PROXY_ADMIN_PORT) },
                {
                  name: "CORTEX_SPLITTER_BACKENDS",
                  value: JSON.stringify(splitterBackends(ref.namespace, spec)),
                },
              ],
              // Shadow copies are bounded (256 in flight × --shadow-buffer), so a limit well
              // above that bound stops a leak without ever cutting off normal work.
              { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "512Mi" } },
            ),
          ],
          terminationGracePeriodSeconds: options.terminationGracePeriodSeconds,
          enableServiceLinks: false,
          automountServiceAccountToken: false,
        },
      },
      // Never fewer ready splitters than asked for while a new weight table rolls out.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      revisionHistoryLimit: 3,
    },
  };
}

export function renderSplitterService(ref: ApiRef): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: ownedMetadata(ref),
    spec: {
      type: "ClusterIP",
      selector: { [SPLITTER_LABEL]: ref.name },
      ports: [{ name: "http", port: SERVICE_PORT, targetPort: PROXY_PORT, protocol: "TCP" }],
    },
  };
}

// Names, labels and annotations of the objects the controller derives from a RealtimeAPI or a
// TrafficSplitter.
import { ANNOTATIONS, LABELS, MANAGED_BY } from "../../../src/kube/resource.ts";

export { DOWNLOADER_CONTAINER, PROXY_CONTAINER } from "../../../src/config/rules/pod.ts";
export { ARTIFACTS_SECRET } from "../../../src/kube/resource.ts";

export const COMPONENT = "realtime-api";
export const PROXY_PORT = 8888;
export const PROXY_ADMIN_PORT = 15000;
export const SERVICE_PORT = 80;
/** The field manager of the autoscaler's writes to spec.replicas (see render/replicas.ts). */
export const AUTOSCALER_FIELD_MANAGER = "cortex-deploy-autoscaler";

/** Annotations the controller keeps on its own objects. */
export const CONTROLLER_ANNOTATIONS = {
  /** Hash of the rendered object; equal means the last apply is still current. */
  appliedHash: "cortexdeploy.dev/applied-hash",
  /** Hash of the rendered pod template; pods carry it as a label. */
  templateHash: "cortexdeploy.dev/template-hash",
  /** The ControllerRevision number whose spec the Deployment runs. */
  revision: "cortexdeploy.dev/revision",
  /** On ControllerRevisions: the RealtimeAPI generation the result belongs to. */
  generation: "cortexdeploy.dev/generation",
  /** On ControllerRevisions: the Kubernetes-style reason of a Failed or RolledBack result. */
  resultReason: "cortexdeploy.dev/result-reason",
  /** On ControllerRevisions: when the current rollout of this spec started (history reads it). */
  rolloutStartedAt: ANNOTATIONS.rolloutStartedAt,
  /** On pod templates: spec.retry, so a retried spec gets new pods, not its crash-looping ones. */
  retry: "cortexdeploy.dev/retry",
} as const;

export const TEMPLATE_HASH_LABEL = "cortexdeploy.dev/template-hash";

/** Labels every derived object carries. */
export function apiLabels(api: string): Record<string, string> {
  return {
    [LABELS.name]: api,
    [LABELS.instance]: api,
    [LABELS.component]: COMPONENT,
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.api]: api,
  };
}

/** The selector of the API's pods, across all revisions. */
export function podSelector(api: string): Record<string, string> {
  return { [LABELS.api]: api };
}

export const SPLITTER_COMPONENT = "traffic-splitter";
export const SPLITTER_CONTAINER = "splitter";
/** On a TrafficSplitter's objects; not the API label, so the RealtimeAPI caches never see them. */
export const SPLITTER_LABEL = LABELS.splitter;

/** Labels of the objects derived from a TrafficSplitter. */
export function splitterLabels(splitter: string): Record<string, string> {
  return {
    [LABELS.name]: splitter,
    [LABELS.instance]: splitter,
    [LABELS.component]: SPLITTER_COMPONENT,
    [LABELS.managedBy]: MANAGED_BY,
    [SPLITTER_LABEL]: splitter,
  };
}

/** `<api>-<first 10 hex of the spec hash>` */
export function revisionName(api: string, specHash: string): string {
  return `${api}-${specHash.slice(0, 10)}`;
}

// What one run did, in one shape: the job summary, the step outputs and the PR comment are all
// rendered from it, so they never disagree.
import type { UploadSummary } from "../artifacts/progress.ts";
import type { RolloutState } from "../kube/readiness.ts";

export interface Replicas {
  ready?: number | undefined;
  desired?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  init?: number | undefined;
}

export interface ApiReport {
  name: string;
  kind: "RealtimeAPI" | "TrafficSplitter";
  /** What this run did to it, for outputs. */
  action: "create" | "update" | "unchanged" | "delete";
  /** The same for people: created, configured, up to date, re-applied the spec of revision 3, deleted. */
  change: string;
  /** The rollout state when the run waited (or read the status). */
  state?: RolloutState | undefined;
  revision?: number | undefined;
  replicas?: Replicas | undefined;
  /** The URL from endpoint-url-template, or the endpoint path without one. */
  endpoint: string;
}

export interface Phase {
  name: string;
  seconds: number;
}

export type ReportCommand = "deploy" | "preview" | "rollback" | "teardown" | "cleanup" | "gc";

export interface RunReport {
  command: ReportCommand;
  /** The heading, e.g. "cortex-deploy: preview of #42". */
  title: string;
  namespace: string;
  /** The commit deployed (a pull request's head commit for previews). */
  commit: string;
  apis: ApiReport[];
  artifacts?: UploadSummary | undefined;
  phases: Phase[];
  /** Lines for people: pruned APIs, capped replicas, what cleanup removed. */
  notes: string[];
  /** Set when the run failed; the summary leads with it. */
  failure?: string | undefined;
  previewUrl?: string | undefined;
}

/** The revision the run deployed: the first RealtimeAPI's that has one. */
export function reportRevision(report: Pick<RunReport, "apis">): number | undefined {
  return report.apis.find((a) => a.kind === "RealtimeAPI" && a.revision !== undefined)?.revision;
}

/** "1/2 ready · min 1, max 2": what the cluster reports, then what the config allows. */
export function formatReplicas(r: Replicas | undefined): string {
  if (r === undefined) return "-";
  const parts: string[] = [];
  if (r.ready !== undefined || r.desired !== undefined) {
    parts.push(`${r.ready ?? 0}/${r.desired ?? "?"} ready`);
  }
  if (r.min !== undefined && r.max !== undefined) {
    parts.push(r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);
  }
  return parts.length === 0 ? "-" : parts.join(" · ");
}

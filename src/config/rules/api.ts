// The rules JSON Schema cannot say, per API and across the file. Each rule reads only fields that
// passed the schema, so one run reports schema and rule errors together.

import { canonicalEndpoint } from "../defaults.ts";
import { type Issue, issue, type RuleContext } from "../issue.ts";
import type { ApiConfig, TrafficSplitterConfig } from "../types.ts";
import { checkAutoscaling, checkUpdateStrategy } from "./autoscaling.ts";
import { checkArtifacts, checkEndpoint } from "./networking.ts";
import { checkPod } from "./pod.ts";
import { checkTargets, checkTrafficSplitter } from "./traffic-splitter.ts";

export type PodApi = Exclude<ApiConfig, TrafficSplitterConfig>;

/** The endpoint is a string that passed the schema (it stays null when the name it defaults from is broken). */
function endpointChecked(api: ApiConfig, index: number, ctx: RuleContext): boolean {
  return ctx.clean([index, "networking"]) && typeof api.networking.endpoint === "string";
}

/**
 * Whether a container sets compute.shm. Reads only what the schema accepted: `pod` may be a
 * string, `containers` a mapping, an item null (`- ` alone); those have their own errors.
 */
function setsShm(api: PodApi, index: number, ctx: RuleContext): boolean {
  const containers = [index, "pod", "containers"];
  if (!ctx.intact(containers) || !Array.isArray(api.pod.containers)) return false;
  return api.pod.containers.some(
    (c, j) => ctx.intact([...containers, j, "compute", "shm"]) && c.compute.shm !== null,
  );
}

/** Rules of one API whose kind is known, after its dependent defaults. */
export function checkApi(api: ApiConfig, index: number, ctx: RuleContext): Issue[] {
  const out = endpointChecked(api, index, ctx) ? checkEndpoint(api, index) : [];
  if (api.kind === "TrafficSplitter") {
    if (ctx.clean([index, "apis"])) out.push(...checkTrafficSplitter(api, index));
    return out;
  }
  if (ctx.intact([index, "pod"])) out.push(...checkPod(api, index, ctx));
  if (ctx.clean([index, "artifacts"])) {
    out.push(...checkArtifacts(api.artifacts, index, setsShm(api, index, ctx)));
  }
  if (api.kind === "RealtimeAPI" || api.kind === "AsyncAPI") {
    if (ctx.intact([index, "autoscaling"])) out.push(...checkAutoscaling(api, index, ctx));
    if (ctx.intact([index, "update_strategy"])) out.push(...checkUpdateStrategy(api, index, ctx));
  }
  return out;
}

/** Rules across APIs: unique names and endpoints, TrafficSplitter targets. */
export function checkFile(
  apis: readonly { api: ApiConfig; index: number }[],
  ctx: RuleContext,
): Issue[] {
  const out: Issue[] = [];
  const names = new Map<string, number>();
  const endpoints = new Map<string, string>();
  const named = apis.filter(({ index }) => ctx.clean([index, "name"]));
  for (const { api, index } of named) {
    const first = names.get(api.name);
    if (first !== undefined) {
      out.push(issue([index, "name"], `API name \`${api.name}\` is already used by [${first}]`));
      continue;
    }
    names.set(api.name, index);
    if (!endpointChecked(api, index, ctx)) continue;
    const endpoint = canonicalEndpoint(api.networking.endpoint);
    const owner = endpoints.get(endpoint);
    if (owner !== undefined) {
      out.push(
        issue(
          [index, "networking", "endpoint"],
          `endpoint ${endpoint} is already used by API \`${owner}\``,
        ),
      );
    } else endpoints.set(endpoint, api.name);
  }
  out.push(...checkTargets(named, ctx));
  return out;
}

// TrafficSplitter rules: weights, shadows, targets.

import { type Issue, issue, type RuleContext } from "../issue.ts";
import type { ApiConfig, TrafficSplitterConfig } from "../types.ts";

/** The TrafficSplitter CRD's limit (controller/deploy/crds.yaml): the API server refuses more. */
export const MAX_SPLITTER_TARGETS = 100;

export function checkTrafficSplitter(api: TrafficSplitterConfig, index: number): Issue[] {
  const out: Issue[] = [];
  const apis = [index, "apis"];
  if (api.apis.length > MAX_SPLITTER_TARGETS) {
    out.push(
      issue(
        apis,
        `lists ${api.apis.length} APIs; a TrafficSplitter can have at most ${MAX_SPLITTER_TARGETS}`,
        "key",
      ),
    );
  }
  const total = api.apis.filter((t) => !t.shadow).reduce((sum, t) => sum + t.weight, 0);
  if (total !== 100) {
    out.push(
      issue(
        apis,
        `the weights of the non-shadow APIs add up to ${total}; they must add up to 100`,
        "key",
      ),
    );
  }
  let shadow: number | undefined;
  const firstByName = new Map<string, number>();
  api.apis.forEach((t, j) => {
    if (t.shadow) {
      if (shadow !== undefined) {
        out.push(
          issue(
            [...apis, j, "shadow"],
            `only one API can be the shadow; apis[${shadow}] already is`,
          ),
        );
      } else shadow = j;
    }
    const first = firstByName.get(t.name);
    if (first !== undefined) {
      out.push(
        issue([...apis, j, "name"], `\`${t.name}\` is listed twice; first at apis[${first}]`),
      );
    } else firstByName.set(t.name, j);
  });
  return out;
}

/**
 * Targets named in this file must be RealtimeAPIs. A target that is not in the file may already be
 * deployed; checking that needs the cluster and happens later.
 */
export function checkTargets(
  apis: readonly { api: ApiConfig; index: number }[],
  ctx: RuleContext,
): Issue[] {
  const out: Issue[] = [];
  const byName = new Map(apis.map((a) => [a.api.name, a.api] as const));
  for (const { api, index } of apis) {
    if (api.kind !== "TrafficSplitter") continue;
    if (!ctx.intact([index, "apis"])) continue;
    api.apis.forEach((t, j) => {
      if (!ctx.clean([index, "apis", j, "name"])) return;
      const target = byName.get(t.name);
      if (target !== undefined && target.kind !== "RealtimeAPI") {
        out.push(
          issue(
            [index, "apis", j, "name"],
            `\`${t.name}\` is a ${target.kind}; a TrafficSplitter can only route to RealtimeAPIs`,
          ),
        );
      }
    });
  }
  return out;
}

import { describe, expect, it } from "vitest";
import { computeChanges, kindClashesByKey } from "../../../src/kube/changes.ts";
import {
  buildPlan,
  formatPlanMarkdown,
  formatPlanText,
  type Plan,
  planCounts,
  planFailed,
  planHasChanges,
  summaryLine,
} from "../../../src/kube/plan.ts";
import { renderApis } from "../../../src/kube/render.ts";
import { asLive, configOf, realtimeYaml } from "./helpers.ts";

const render = (yaml: string) =>
  renderApis(configOf(yaml).apis, {
    namespace: "ml",
    configId: "mine",
    git: {},
    artifacts: new Map(),
  });

describe("buildPlan", () => {
  const before = render(realtimeYaml("same") + realtimeYaml("edit") + realtimeYaml("gone"));
  const after = render(
    realtimeYaml("same") + realtimeYaml("edit", "x/edit:2") + realtimeYaml("new"),
  );
  const live = before.map((o) => asLive(o));
  const set = computeChanges(after, live, "mine");
  // The dry-run result of an update is the object as the server would store it.
  const dryRuns = after.map((resource) => ({ resource, result: asLive(resource) }));

  it("lists created, changed (field by field), unchanged and pruned objects", () => {
    const plan = buildPlan("ml", false, set, dryRuns, true);
    expect(plan.items.map((i) => [i.ref, i.action])).toEqual([
      ["realtimeapi/same", "unchanged"],
      ["realtimeapi/edit", "update"],
      ["realtimeapi/new", "create"],
      ["realtimeapi/gone", "prune"],
    ]);
    expect(plan.items[1]?.changes).toEqual([
      { path: "spec.pod.containers[api].image", op: "change", old: "x/edit:1", new: "x/edit:2" },
    ]);
    expect(planHasChanges(plan)).toBe(true);
    expect(planFailed(plan)).toBe(false);
    const text = formatPlanText(plan).join("\n");
    expect(text).toContain(
      '~ realtimeapi/edit: will be updated\n    ~ spec.pod.containers[api].image: "x/edit:1" → "x/edit:2"',
    );
    expect(text).toContain("+ realtimeapi/new: will be created");
    expect(text).toContain("- realtimeapi/gone: will be deleted (no longer in cortex.yaml)");
    expect(text).toContain("= realtimeapi/same: up to date");
    expect(text).toMatch(/1 to create, 1 to update, 1 to delete, 1 unchanged$/);
    const md = formatPlanMarkdown(plan);
    expect(md).toContain("| `realtimeapi/edit` | will be updated |");
    expect(md).toContain('```diff\n~ spec.pod.containers[api].image: "x/edit:1" → "x/edit:2"\n```');
  });

  it("keeps what prune would delete when prune is off, and shows rejections", () => {
    const rejected = dryRuns.map((d) =>
      d.resource.metadata.name === "new"
        ? { resource: d.resource, error: "spec.pod.port: reserved" }
        : d,
    );
    const plan = buildPlan("ml", false, set, rejected, false);
    expect(plan.items.find((i) => i.ref === "realtimeapi/gone")?.action).toBe("keep");
    expect(plan.items.find((i) => i.ref === "realtimeapi/new")?.action).toBe("error");
    expect(planFailed(plan)).toBe(true);
    expect(formatPlanText(plan).join("\n")).toContain(
      "x realtimeapi/new: rejected\n    spec.pod.port: reserved",
    );
  });

  it("shows an object another cortex.yaml holds as rejected, with no diff, as deploy refuses it", () => {
    const theirs = renderApis(configOf(realtimeYaml("edit", "x/edit:0")).apis, {
      namespace: "ml",
      configId: "theirs",
      git: {},
      artifacts: new Map(),
    }).map((o) => asLive(o));
    const taken = computeChanges(
      after,
      [...live.filter((o) => o.metadata.name !== "edit"), ...theirs],
      "mine",
    );
    const plan = buildPlan("ml", false, taken, dryRuns, true);
    const item = plan.items.find((i) => i.ref === "realtimeapi/edit");
    expect(item).toMatchObject({ action: "error", changes: [] });
    expect(item?.error).toContain(
      "realtimeapi/edit already exists and belongs to another cortex.yaml",
    );
    // Said once, on the item, not again among the plan's other errors.
    expect(plan.errors).toEqual([]);
    expect(planFailed(plan)).toBe(true);
    const text = formatPlanText(plan).join("\n");
    expect(text).toContain(
      "x realtimeapi/edit: rejected\n    realtimeapi/edit already exists and belongs to another " +
        "cortex.yaml (config id theirs, path unknown)\n    deploy refuses to take it over: rename " +
        "the API, delete the other object, or deploy with --force-conflicts (Action input " +
        "force-conflicts: true)",
    );
    expect(text).not.toContain("will be updated");
    expect(text).not.toContain("spec.pod.containers");
    expect(text).toMatch(/1 to create, 0 to update, 1 to delete, 1 unchanged, 1 rejected$/);
    expect(planCounts(plan).update).toBe(0);
  });

  it("rejects an object whose name a live object of the other kind keeps", () => {
    const splitter = render(
      "- name: new\n  kind: TrafficSplitter\n  apis:\n    - name: same\n      weight: 100\n",
    ).map((o) => asLive(o));
    const clashes = kindClashesByKey(after, [...live, ...splitter], []);
    const plan = buildPlan("ml", false, set, dryRuns, false, clashes);
    expect(plan.items.find((i) => i.ref === "realtimeapi/new")).toMatchObject({
      action: "error",
      error: expect.stringContaining(
        "realtimeapi/new: a TrafficSplitter of that name already exists",
      ),
    });
    expect(planFailed(plan)).toBe(true);
  });

  it("leaves spec.retry, a counter of ours, out of the diff", () => {
    // The live spec was rolled out again once; the file now changes the image.
    const retried = live.map((o) =>
      o.kind === "RealtimeAPI" ? { ...o, spec: { ...o.spec, retry: 1 } } : o,
    );
    const plan = buildPlan("ml", false, computeChanges(after, retried, "mine"), dryRuns, true);
    expect(plan.items.find((i) => i.ref === "realtimeapi/edit")?.changes).toEqual([
      { path: "spec.pod.containers[api].image", op: "change", old: "x/edit:1", new: "x/edit:2" },
    ]);
    expect(formatPlanText(plan).join("\n")).not.toContain("spec.retry");
  });

  it("reports no changes when everything is up to date", () => {
    const unchanged = computeChanges(before, live, "mine");
    const plan = buildPlan(
      "ml",
      false,
      unchanged,
      before.map((resource) => ({ resource })),
      true,
    );
    expect(planHasChanges(plan)).toBe(false);
    expect(buildPlan("new-ns", true, unchanged, [], true).namespaceMissing).toBe(true);
    expect(planHasChanges(buildPlan("new-ns", true, unchanged, [], true))).toBe(true);
    // The summary line counts the namespace it would create too.
    expect(summaryLine(buildPlan("new-ns", true, unchanged, [], true))).toBe(
      "plan for namespace new-ns (to be created): 0 to create, 0 to update, 0 to delete, 3 unchanged",
    );
  });

  it("says whose artifacts S3 has, would get, or did not answer for, and fails on none", () => {
    const plan = buildPlan("ml", false, computeChanges(before, live, "mine"), [], true);
    const hex = (c: string) => c.repeat(64);
    plan.artifacts = [
      { api: "a", manifest: hex("1"), state: "present" },
      { api: "b", manifest: hex("2"), state: "upload" },
      { api: "c", manifest: hex("3"), state: "unchecked", note: "no credentials" },
    ];
    expect(formatPlanText(plan).filter((l) => l.includes("artifacts of"))).toEqual([
      "= artifacts of a (sha256:111111111111): already in S3",
      "+ artifacts of b (sha256:222222222222): will be uploaded (only the files S3 does not have)",
      "! artifacts of c (sha256:333333333333): not checked in S3: no credentials",
    ]);
    expect(formatPlanMarkdown(plan)).toContain(
      "| artifacts of c (sha256:333333333333) | not checked in S3: no credentials |",
    );
    expect(planFailed(plan)).toBe(false);
  });

  it("fails when S3 refuses what deploy would ask, and says why in the summary", () => {
    const plan = buildPlan("ml", false, computeChanges(before, live, "mine"), [], true);
    const hex = (c: string) => c.repeat(64);
    const denied = "S3 HEAD s3://b/p/manifests/sha256/x.json failed: AccessDenied: UnknownError";
    plan.artifacts = [
      { api: "a", manifest: hex("1"), state: "refused", code: "AccessDenied", note: denied },
      { api: "b", manifest: hex("2"), state: "refused", code: "AccessDenied", note: denied },
      { api: "c", manifest: hex("3"), state: "refused", code: "NoSuchBucket", note: "no bucket" },
    ];
    expect(planFailed(plan)).toBe(true);
    const text = formatPlanText(plan);
    expect(text).toContain(`x artifacts of a (sha256:111111111111): deploy would fail: ${denied}`);
    expect(text.at(-1)).toBe(
      "plan for namespace ml: 0 to create, 0 to update, 0 to delete, 3 unchanged; deploy would " +
        "fail: S3 answered AccessDenied for the artifacts of a, b, and NoSuchBucket for the " +
        "artifacts of c",
    );
    expect(formatPlanMarkdown(plan)).toContain(
      "| artifacts of c (sha256:333333333333) | deploy would fail: no bucket |",
    );
  });

  it("keeps values from cortex.yaml inside the summary's diff block", () => {
    const plan: Plan = {
      namespace: "ml",
      namespaceMissing: false,
      items: [
        {
          ref: "realtimeapi/iris",
          action: "update",
          changes: [{ path: "spec.pod.containers[api].env.X", op: "add", new: "```\n<img src=x>" }],
        },
      ],
      artifacts: [],
      errors: ["<b>taken</b> by @someone"],
    };
    const md = formatPlanMarkdown(plan);
    expect(md).toContain("````diff\n");
    expect(md).toMatch(/\n````\n<\/details>/);
    expect(md).toContain("- :x: \\<b\\>taken\\</b\\> by @\u200bsomeone");
  });
});

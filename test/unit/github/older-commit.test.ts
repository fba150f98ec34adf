// A push must not deploy a commit older than one already deployed: which commits are compared,
// and what stops the deploy.
import { describe, expect, it } from "vitest";
import {
  type Comparison,
  checkOlderCommit,
  deployedCommits,
} from "../../../src/github/older-commit.ts";
import type { Live } from "../../../src/kube/objects.ts";
import { ANNOTATIONS, LABELS, MANAGED_BY } from "../../../src/kube/resource.ts";

const c = (n: string) => n.repeat(40);

function api(name: string, commit: string | undefined, config = "cfg"): Live {
  return {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "RealtimeAPI",
    metadata: {
      name,
      namespace: "ml",
      labels: { [LABELS.managedBy]: MANAGED_BY, [LABELS.config]: config },
      annotations:
        commit === undefined ? {} : { [ANNOTATIONS.commit]: commit, [ANNOTATIONS.actor]: "ana" },
    },
  } as unknown as Live;
}

/** A one-line history, oldest first. */
const linear =
  (history: string[]) =>
  async (base: string, head: string): Promise<Comparison> => {
    const [b, h] = [history.indexOf(base), history.indexOf(head)];
    if (b < 0 || h < 0) throw new Error("HTTP 404");
    return h > b ? "ahead" : h < b ? "behind" : "identical";
  };

describe("deployedCommits", () => {
  it("takes this config's commits, once each, not ours nor malformed ones", () => {
    const live = [
      api("a", c("1")),
      api("b", c("1")),
      api("c", c("2")),
      api("d", c("3"), "other-config"),
      api("e", c("9")),
      api("f", undefined),
      api("g", "not-a-sha"),
    ];
    const got = deployedCommits(live, "cfg", c("9"));
    expect([...got.keys()]).toEqual([c("1"), c("2")]);
    expect(got.get(c("1"))?.metadata.name).toBe("a");
  });
});

describe("checkOlderCommit", () => {
  it("refuses when a deployed commit contains ours, naming the API and who deployed it", async () => {
    const deployed = deployedCommits([api("a", c("1")), api("b", c("3"))], "cfg", c("2"));
    const check = await checkOlderCommit(deployed, c("2"), linear([c("1"), c("2"), c("3")]));
    expect(check.warnings).toEqual([]);
    expect(check.refusal).toContain(
      `commit ${c("2").slice(0, 12)} is older than what is deployed:`,
    );
    expect(check.refusal).toContain(`realtimeapi/b: commit ${c("3").slice(0, 12)} of cfg by ana`);
    expect(check.refusal).not.toContain("realtimeapi/a");
    expect(check.refusal).toContain("rollback-to");
  });

  it("lets a newer or diverged commit through", async () => {
    const deployed = deployedCommits([api("a", c("1"))], "cfg", c("2"));
    expect(await checkOlderCommit(deployed, c("2"), linear([c("1"), c("2")]))).toEqual({
      warnings: [],
    });
    const diverged = await checkOlderCommit(deployed, c("2"), async () => "diverged");
    expect(diverged.refusal).toBeUndefined();
  });

  it("warns, and does not refuse, when GitHub cannot compare", async () => {
    const deployed = deployedCommits([api("a", c("7"))], "cfg", c("2"));
    const check = await checkOlderCommit(deployed, c("2"), linear([c("2")]));
    expect(check.refusal).toBeUndefined();
    expect(check.warnings).toEqual([
      `could not check that commit ${c("2").slice(0, 12)} is not older than ${c("7").slice(0, 12)} (deployed to realtimeapi/a): HTTP 404`,
    ]);
  });
});

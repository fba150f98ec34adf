import { describe, expect, it } from "vitest";
import type { RealtimeApiSpec } from "../../../src/kube/resource.ts";
import {
  type ControllerRevisionLike,
  formatHistory,
  parseRevision,
  pickRevision,
  type RevisionInfo,
  untouchedByLastDeploy,
} from "../../../src/kube/revisions.ts";

const spec = (image: string, manifest?: string) =>
  ({
    pod: { containers: [{ name: "api", image }] },
    networking: { endpoint: "/iris" },
    ...(manifest ? { artifacts: { bucket: "b", prefix: "p", manifest, mounts: ["/m"] } } : {}),
  }) as unknown as RealtimeApiSpec;

function cr(
  n: number,
  commit: string,
  result: string,
  latestCommit?: string,
): ControllerRevisionLike {
  return {
    metadata: {
      name: `iris-${n}`,
      creationTimestamp: `2026-01-0${n}T00:00:00Z`,
      annotations: {
        "cortexdeploy.dev/result": result,
        ...(latestCommit ? { "cortexdeploy.dev/commit": latestCommit } : {}),
      },
    },
    revision: n,
    data: {
      spec: spec(`x/iris:${n}`, n === 2 ? "a".repeat(64) : undefined),
      annotations: { commit, actor: "ada" },
    },
  };
}

const revisions = [
  cr(3, "cccc3333", "Ready"),
  cr(1, "aaaa1111", "Ready", "eeee5555"),
  cr(2, "bbbb2222", "RolledBack"),
]
  .map(parseRevision)
  .filter((r): r is RevisionInfo => r !== undefined);

describe("parseRevision", () => {
  it("reads number, commit, manifest and result; skips objects without a spec", () => {
    const two = revisions.find((r) => r.number === 2);
    expect(two).toMatchObject({
      commit: "bbbb2222",
      result: "RolledBack",
      manifest: "a".repeat(64),
      actor: "ada",
    });
    // Re-applied from a later commit: that commit is its latest rollout's.
    expect(revisions.find((r) => r.number === 1)).toMatchObject({
      commit: "eeee5555",
      firstCommit: "aaaa1111",
    });
    expect(parseRevision({ metadata: { name: "x" }, revision: 1 })).toBeUndefined();
  });
});

describe("pickRevision", () => {
  it("previous is the newest revision older than the current one that did not fail", () => {
    // 2 was rolled back: during a rollout of 3, `previous` must not mean the spec that failed.
    expect(pickRevision(revisions, "previous", 3)).toMatchObject({
      ok: true,
      revision: { number: 1 },
    });
    expect(pickRevision(revisions, "", undefined)).toMatchObject({
      ok: true,
      revision: { number: 1 },
    });
    const first = pickRevision(revisions, "previous", 1);
    expect(first.ok ? "" : first.message).toBe("there is no revision before the current one (1)");
  });

  it("says when every earlier revision failed, and how to pick one anyway", () => {
    const failed = [cr(1, "aaaa1111", "Failed"), cr(2, "bbbb2222", "RolledBack")]
      .map(parseRevision)
      .filter((r): r is RevisionInfo => r !== undefined);
    const pick = pickRevision(failed, "previous", 3);
    expect(pick.ok ? "" : pick.message).toBe(
      // Worded for both the CLI's --to and the Action's rollback-to.
      "every revision before the current one (3) failed its rollout; name one by its number to use it anyway",
    );
    expect(pickRevision(failed, "2", 3)).toMatchObject({ ok: true, revision: { number: 2 } });
  });

  it("takes `previous` in any case, as people type it into a dispatch form", () => {
    expect(pickRevision(revisions, " Previous ", 3)).toMatchObject({
      ok: true,
      revision: { number: 1 },
    });
  });

  it("takes revision numbers and commit prefixes, including a later re-apply's commit", () => {
    expect(pickRevision(revisions, "1", 3)).toMatchObject({ ok: true, revision: { number: 1 } });
    expect(pickRevision(revisions, "bbbb", 3)).toMatchObject({ ok: true, revision: { number: 2 } });
    expect(pickRevision(revisions, "EEEE55", 3)).toMatchObject({
      ok: true,
      revision: { number: 1 },
    });
  });

  it("refuses a commit two revisions were deployed from, naming them", () => {
    // A deploy from a checkout with uncommitted changes records HEAD's commit with another spec.
    const twice = [
      cr(1, "aaaa1111", "Ready"),
      cr(2, "cccc3333", "Ready"),
      cr(3, "cccc3333", "Ready"),
    ]
      .map(parseRevision)
      .filter((r): r is RevisionInfo => r !== undefined);
    const pick = pickRevision(twice, "cccc", 3);
    expect(pick.ok ? "" : pick.message).toBe(
      "revisions 2, 3 were deployed from a commit starting with cccc; name one by its number",
    );
    expect(pickRevision(twice, "aaaa", 3)).toMatchObject({ ok: true, revision: { number: 1 } });
  });

  it("explains what it cannot find", () => {
    const missing = pickRevision(revisions, "9", 3);
    expect(missing.ok ? "" : missing.message).toBe("it has no revision 9 (revisions: 1, 2, 3)");
    const sha = pickRevision(revisions, "ffff0000", 3);
    expect(sha.ok ? "" : sha.message).toContain(
      "no revision was deployed from a commit starting with ffff0000",
    );
    const bad = pickRevision(revisions, "last-tuesday", 3);
    expect(bad.ok ? "" : bad.message).toBe(
      "that is not previous, a revision number or a commit SHA",
    );
    expect(pickRevision([], "previous", undefined).ok).toBe(false);
  });
});

describe("formatHistory", () => {
  it("lists revisions oldest first and marks the current one", () => {
    const lines = formatHistory(
      revisions.filter((r) => r.number !== 1),
      3,
      Date.parse("2026-01-04T00:00:00Z"),
    );
    expect(lines[0]).toMatch(/^REVISION\s+DEPLOYED\s+COMMIT\s+ARTIFACTS\s+RESULT\s+ACTOR$/);
    expect(lines[1]).toMatch(/^ 2\s+2d ago\s+bbbb2222\s+aaaaaaaaaaaa\s+RolledBack\s+ada$/);
    expect(lines[2]).toMatch(/^\*3\s+24h ago\s+cccc3333\s/);
  });

  it("names the commit and actor of a spec's latest rollout, and the first in a NOTE", () => {
    // Revision 1's spec, deployed from aaaa1111 by ada, then again from eeee5555 by bob after
    // another spec: now revision 4, rolled out an hour ago.
    const four = cr(1, "aaaa1111", "Ready");
    four.revision = 4;
    four.metadata.annotations = {
      ...four.metadata.annotations,
      "cortexdeploy.dev/commit": "eeee5555",
      "cortexdeploy.dev/actor": "bob",
      "cortexdeploy.dev/ref": "refs/heads/main",
      "cortexdeploy.dev/rollout-started-at": "2026-01-03T23:00:00Z",
    };
    const info = parseRevision(four);
    expect(info).toMatchObject({
      commit: "eeee5555",
      firstCommit: "aaaa1111",
      actor: "bob",
      ref: "refs/heads/main",
      created: "2026-01-01T00:00:00Z",
      deployed: "2026-01-03T23:00:00Z",
    });
    const rest = revisions.filter((r) => r.number !== 1);
    const lines = formatHistory(
      info ? [...rest, info] : rest,
      4,
      Date.parse("2026-01-04T00:00:00Z"),
    );
    expect(lines[0]).toMatch(/^REVISION\s+DEPLOYED\s+COMMIT\s+ARTIFACTS\s+RESULT\s+ACTOR\s+NOTE$/);
    expect(lines[1]).toMatch(/^ 2\s+2d ago\s+bbbb2222\s+aaaaaaaaaaaa\s+RolledBack\s+ada$/);
    expect(lines[3]).toMatch(
      /^\*4\s+60m ago\s+eeee5555\s+-\s+Ready\s+bob\s+first deployed from aaaa1111, 3d ago$/,
    );
  });

  it("keeps the first deploy's provenance for a revision whose metadata has none", () => {
    // Recorded before the controller wrote the latest rollout's provenance into the metadata.
    expect(parseRevision(cr(1, "aaaa1111", "Ready"))).toMatchObject({
      commit: "aaaa1111",
      firstCommit: "aaaa1111",
      actor: "ada",
    });
  });

  it("dates a revision by its latest rollout: a rolled-back-to spec was deployed just now", () => {
    const old = cr(1, "aaaa1111", "Ready");
    old.revision = 4;
    old.metadata.annotations = {
      ...old.metadata.annotations,
      "cortexdeploy.dev/rollout-started-at": "2026-01-03T23:00:00Z",
    };
    const info = parseRevision(old);
    expect(info?.created).toBe("2026-01-01T00:00:00Z");
    expect(info?.deployed).toBe("2026-01-03T23:00:00Z");
    const lines = formatHistory(info ? [info] : [], 4, Date.parse("2026-01-04T00:00:00Z"));
    expect(lines[1]).toMatch(/^\*4\s+60m ago\s+aaaa1111\s/);
  });
});

describe("a rollback in the history", () => {
  const RUN = "https://github.com/acme/ml/actions/runs/9";
  /** Revision 1's spec, re-applied by alice's rollback: now revision 4. */
  function rolledBack(mark: Record<string, string>) {
    const four = cr(1, "aaaa1111", "Ready");
    four.revision = 4;
    four.metadata.annotations = {
      ...four.metadata.annotations,
      "cortexdeploy.dev/commit": "aaaa1111",
      "cortexdeploy.dev/rollout-started-at": "2026-01-03T23:00:00Z",
      ...mark,
    };
    return parseRevision(four);
  }
  const mark = {
    "cortexdeploy.dev/rollback-of": "1",
    "cortexdeploy.dev/rolled-back-by": "alice",
    "cortexdeploy.dev/rollback-run-url": RUN,
  };

  it("is read from the revision's latest apply", () => {
    expect(rolledBack(mark)?.rollback).toEqual({ revision: 1, actor: "alice", runUrl: RUN });
    expect(rolledBack({})?.rollback).toBeUndefined();
  });

  it("shows in a NOTE column, with who rolled back and from which run; deploys get none", () => {
    const four = rolledBack(mark);
    const rest = revisions.filter((r) => r.number !== 1);
    const lines = formatHistory(
      four ? [...rest, four] : rest,
      4,
      Date.parse("2026-01-04T00:00:00Z"),
    );
    expect(lines[0]).toMatch(/^REVISION\s+DEPLOYED\s+COMMIT\s+ARTIFACTS\s+RESULT\s+ACTOR\s+NOTE$/);
    expect(lines[1]).toMatch(/^ 2\s+2d ago\s+bbbb2222\s+aaaaaaaaaaaa\s+RolledBack\s+ada$/);
    // Revision 1's commit and first actor: that code runs; the note says who put it back.
    expect(lines[3]).toMatch(
      new RegExp(
        `^\\*4\\s+60m ago\\s+aaaa1111\\s+-\\s+Ready\\s+ada\\s+rollback to 1 by alice, ${RUN}$`,
      ),
    );
  });

  it("names no actor or run it does not know (a CLI rollback has no run)", () => {
    const four = rolledBack({ "cortexdeploy.dev/rollback-of": "1" });
    const lines = formatHistory(four ? [four] : [], 4, Date.parse("2026-01-04T00:00:00Z"));
    expect(lines[1]).toMatch(/\s+ada\s+rollback to 1$/);
  });
});

describe("untouchedByLastDeploy", () => {
  const rev = (n: number, deployed: string) =>
    ({ number: n, deployed, commits: [], spec: spec("x") }) as unknown as RevisionInfo;
  const api = (name: string, commit: string | undefined, deployed: string) => ({
    name,
    commit,
    current: 2,
    revisions: [rev(1, "2026-01-01T00:00:00.000Z"), rev(2, deployed)],
  });

  it("leaves the APIs whose live spec came from another commit than the last rollout's", () => {
    const leave = untouchedByLastDeploy([
      api("iris", "c".repeat(40), "2026-01-03T00:00:00.500Z"),
      api("lite", "b".repeat(40), "2026-01-02T00:00:00.000Z"),
      api("big", "c".repeat(40), "2026-01-03T00:00:00.100Z"),
    ]);
    expect([...leave]).toEqual([
      ["lite", "the last deploy (commit cccccccccccc) did not change it"],
    ]);
  });

  it("cannot tell without commits, or when two commits rolled out at the same instant", () => {
    const at = "2026-01-03T00:00:00.000Z";
    expect(untouchedByLastDeploy([api("iris", undefined, at), api("lite", "b", at)]).size).toBe(0);
    expect(untouchedByLastDeploy([api("iris", "a", at), api("lite", "b", at)]).size).toBe(0);
  });

  it("says when previous has nothing to go to", () => {
    const nothingBefore = (revs: RevisionInfo[], current: number) => {
      const pick = pickRevision(revs, "previous", current);
      return !pick.ok && pick.nothingBefore === true;
    };
    expect(nothingBefore([rev(1, "")], 1)).toBe(true);
    expect(nothingBefore([rev(1, ""), rev(2, "")], 2)).toBe(false);
    // A rollback renumbers the spec it re-applied: the current one may not be the newest.
    expect(nothingBefore([rev(2, ""), rev(3, "")], 2)).toBe(true);
  });
});

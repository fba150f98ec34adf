// What a failed deploy says it left: rollouts still going after a timeout, failures joined.
import { describe, expect, it } from "vitest";
import {
  joinFailures,
  leftAfterTimeout,
  stillRollingOut,
  timedOutWaiting,
} from "../../../src/commands/deploy.ts";

describe("stillRollingOut", () => {
  it("says nothing without APIs, and speaks of one API or several", () => {
    expect(stillRollingOut([], "previousServes")).toBe("");
    expect(stillRollingOut(["a", "b"], "previousServes")).toBe(
      "a, b stay applied: the controller keeps rolling them out while the previous revision " +
        "serves, and rolls them back if they are not Ready by update_strategy.progress_deadline.",
    );
    expect(stillRollingOut(["a", "b"], "firstRollout")).toBe(
      "a, b stay applied: the controller keeps rolling them out, and marks them Failed if they " +
        "are not Ready by update_strategy.progress_deadline (no revision has been Ready yet: none " +
        "serves, and there is none to go back to).",
    );
  });

  it("does not say the previous revision serves when it has no ready replica", () => {
    expect(stillRollingOut(["a"], "noneServes")).toBe(
      "a stays applied: the controller keeps rolling it out, and rolls it back if it is not " +
        "Ready by update_strategy.progress_deadline; meanwhile nothing serves: its previous " +
        "Ready revision has no ready replica either.",
    );
  });

  it("says a settled revision that serves no more is neither rolled out nor back", () => {
    expect(stillRollingOut(["iris-lite"], "settledNotServing")).toBe(
      "iris-lite stays applied: its current revision was Ready, so the controller neither rolls " +
        "it out nor back, but none of its replicas is ready, so nothing serves until its pods " +
        "start (the reason is above).",
    );
  });
});

describe("leftAfterTimeout", () => {
  it("reads from the status whether a revision serves and what the controller does next", () => {
    // The QA case: the first revision was Ready, its pods then failed, and a deploy that changed
    // no pod made revision 2 Ready at once: settled, nothing serves, nothing rolls back.
    expect(
      leftAfterTimeout({
        phase: "Ready",
        currentRevision: 2,
        lastReadyRevision: 2,
        readyReplicas: 0,
        desiredReplicas: 1,
      }),
    ).toBe("settledNotServing");
    // The controller's own word for it.
    expect(leftAfterTimeout({ phase: "NotReady", currentRevision: 2, readyReplicas: 0 })).toBe(
      "settledNotServing",
    );
    const rolling = { phase: "Progressing", currentRevision: 3, lastReadyRevision: 2 };
    expect(leftAfterTimeout({ ...rolling, readyReplicas: 1 })).toBe("previousServes");
    expect(leftAfterTimeout({ ...rolling, readyReplicas: 0 })).toBe("noneServes");
    expect(leftAfterTimeout({ phase: "Progressing", currentRevision: 1, readyReplicas: 0 })).toBe(
      "firstRollout",
    );
    expect(leftAfterTimeout(undefined)).toBe("firstRollout");
  });
});

describe("timedOutWaiting", () => {
  it("names what it waited for and where each object stands", () => {
    expect(
      timedOutWaiting(30, [{ name: "iris-lite", state: "NotReady, 0/1 ready (revision 2)" }]),
    ).toBe(
      "timed out after 30s waiting for iris-lite to be Ready (NotReady, 0/1 ready (revision 2))",
    );
    expect(
      timedOutWaiting(5, [
        { name: "a", state: "Progressing" },
        { name: "b", state: "Pending" },
        { name: "c", state: "NotReady" },
      ]),
    ).toBe(
      "timed out after 5s waiting for a, b and c to be Ready (a: Progressing; b: Pending; c: NotReady)",
    );
  });
});

describe("joinFailures", () => {
  it("puts each failure on its own line, and is undefined without one", () => {
    expect(joinFailures(undefined, undefined)).toBeUndefined();
    expect(joinFailures("timed out", undefined, "Not pruned")).toBe("timed out\nNot pruned");
  });
});

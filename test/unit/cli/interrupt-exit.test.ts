// The exit code of a command a signal stopped: the shell's 128 + the signal's number, so scripts
// and CI tell a cancelled run from a failed one.
import { describe, expect, it } from "vitest";
import { InterruptedError } from "../../../src/commands/common.ts";
import {
  interrupted,
  interruptedExitCode,
  SignalInterruptedError,
} from "../../../src/commands/interrupt.ts";

const stoppedBy = (reason: unknown): AbortSignal => AbortSignal.abort(reason);

describe("interrupted and its exit code", () => {
  it("is 130 for Ctrl-C and 143 for SIGTERM, keeping what was left in the message", () => {
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      const err = interrupted(
        stoppedBy(new SignalInterruptedError(`interrupted by ${signal}`, signal)),
        "nothing was applied",
      );
      expect(err).toBeInstanceOf(InterruptedError);
      expect(err?.message).toBe(`interrupted by ${signal}: nothing was applied`);
      expect(interruptedExitCode(err)).toBe(code);
    }
  });

  it("leaves other failures, and stops that were not a signal, to the usual exit code", () => {
    expect(interruptedExitCode(interrupted(stoppedBy(new Error("stopped")), "left"))).toBe(
      undefined,
    );
    expect(interruptedExitCode(new Error("S3 PUT failed"))).toBe(undefined);
    expect(interrupted(new AbortController().signal, "left")).toBeUndefined();
  });
});

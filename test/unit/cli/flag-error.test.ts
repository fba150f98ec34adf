// Flag errors from node:util's parseArgs, reworded: the flag named, a likely typo corrected.
import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { flagErrorMessage } from "../../../src/text/flag-error.ts";

const flags = {
  config: { type: "string", short: "c" },
  timeout: { type: "string" },
  "upload-concurrency": { type: "string" },
  wait: { type: "boolean" },
  "no-wait": { type: "boolean" },
} as const;

/** The message for what parseArgs throws on `args`. */
function messageFor(...args: string[]): string {
  try {
    parseArgs({ args, options: flags, allowPositionals: true, strict: true });
  } catch (err) {
    return flagErrorMessage(err, flags);
  }
  throw new Error(`parseArgs accepted ${args.join(" ")}`);
}

describe("flagErrorMessage", () => {
  it("names an unknown flag and suggests the one probably meant", () => {
    expect(messageFor("--upload-concurency", "4")).toBe(
      "unknown flag '--upload-concurency'; did you mean '--upload-concurrency'?",
    );
    expect(messageFor("--no-wiat")).toBe("unknown flag '--no-wiat'; did you mean '--no-wait'?");
  });

  it("suggests nothing when no flag is close, or for a short flag", () => {
    expect(messageFor("--bogus")).toBe("unknown flag '--bogus'");
    expect(messageFor("-x")).toBe("unknown flag '-x'");
  });

  it("says a flag needs a value, however the value went missing", () => {
    expect(messageFor("--timeout")).toBe("--timeout needs a value");
    expect(messageFor("-c")).toBe("--config needs a value");
  });

  it("says how to give a value that starts with '-', since it may have been meant as one", () => {
    const hint = "(one that starts with '-' is written --timeout=VALUE)";
    expect(messageFor("--timeout", "--wait")).toBe(`--timeout needs a value ${hint}`);
    expect(messageFor("--timeout", "-5s")).toBe(`--timeout needs a value ${hint}`);
    expect(messageFor("-c", "-x")).toMatch(/^--config needs a value/);
  });

  it("says a switch takes no value, and how to turn it off when it can be", () => {
    expect(messageFor("--wait=no")).toBe("--wait takes no value; --no-wait turns it off");
    expect(messageFor("--timeout=1m", "--no-wait=yes")).toBe("--no-wait takes no value");
  });

  it("passes other errors through as their first line", () => {
    expect(flagErrorMessage(new Error("first\nsecond"), flags)).toBe("first");
  });
});

import { describe, expect, it } from "vitest";
import { containerLogNote } from "../../../src/kube/container-log-note.ts";

const ref = { pod: "iris-7d9f-x2x", container: "api" };

describe("the note that keeps a crashed container's log", () => {
  it("names the container and keeps the log's lines", () => {
    expect(containerLogNote(ref, true, "loading model\nValueError: bad model\n")).toBe(
      "last lines of iris-7d9f-x2x/api (its last run):\nloading model\nValueError: bad model",
    );
  });

  it("keeps the last lines that fit, the ones nearest the crash", () => {
    const log = Array.from({ length: 50 }, (_, i) => `line ${i} ${"x".repeat(40)}`).join("\n");
    const note = containerLogNote(ref, false, log, 200);
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(200);
    expect(note.split("\n")[0]).toBe("last lines of iris-7d9f-x2x/api:");
    expect(note.endsWith(`line 49 ${"x".repeat(40)}`)).toBe(true);
    expect(note).not.toContain("line 45 ");
  });

  it("cuts a last line too long to fit from its start, whole characters only", () => {
    const note = containerLogNote(ref, false, `${"é".repeat(300)}END`, 120);
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(120);
    expect(note).toMatch(/\n…é+END$/);
  });

  it("says when the container wrote nothing", () => {
    expect(containerLogNote(ref, false, "  \n")).toBe(
      "last lines of iris-7d9f-x2x/api:\n(no output)",
    );
  });
});

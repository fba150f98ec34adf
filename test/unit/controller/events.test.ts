// Event notes fit the API server's limit of 1024 bytes, counted in UTF-8, or the event is refused.
import { describe, expect, it } from "vitest";
import { fitNote } from "../../../controller/src/controller/events.ts";

describe("fitNote", () => {
  it("keeps a note that fits", () => {
    expect(fitNote("revision 2 is Ready")).toBe("revision 2 is Ready");
    const exact = "x".repeat(1024);
    expect(fitNote(exact)).toBe(exact);
  });

  it("cuts a long note to 1024 bytes, marked as cut", () => {
    const cut = fitNote("y".repeat(5000));
    expect(Buffer.byteLength(cut)).toBe(1024);
    expect(cut.endsWith("y...")).toBe(true);
  });

  it("counts bytes, not characters, and never splits one", () => {
    // 'é' is 2 bytes and '🙂' 4 (two UTF-16 units): a cut by length would pass 1024 bytes.
    for (const ch of ["é", "🙂"]) {
      const cut = fitNote(ch.repeat(1000));
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1024);
      expect(cut.endsWith(`${ch}...`)).toBe(true);
      expect(cut).not.toContain("\uFFFD");
    }
  });
});

// The downloader's termination message: the failure's sentence made short enough for a pod's
// status, whose reader (the controller) shows 300 characters of it.
import { describe, expect, it } from "vitest";
import {
  TERMINATION_MESSAGE_MAX,
  terminationMessage,
} from "../../../controller/src/downloader/termination.ts";

const A = "5f84".repeat(16);
const B = "9ed3".repeat(16);

describe("terminationMessage", () => {
  it("cuts SHA-256 digests to 12 digits and keeps the rest of the sentence", () => {
    expect(
      terminationMessage(
        `blob corrupted for /mnt/m/model.bin: s3://b/p/blobs/sha256/${A} has SHA-256 ${B}, the manifest says ${A}; to repair it, delete that object`,
      ),
    ).toBe(
      "blob corrupted for /mnt/m/model.bin: s3://b/p/blobs/sha256/5f845f845f84… has SHA-256 " +
        "9ed39ed39ed3…, the manifest says 5f845f845f84…; to repair it, delete that object",
    );
  });

  it("is one line of at most 300 characters, its start kept", () => {
    expect(terminationMessage("one\n  two\tthree ")).toBe("one two three");
    const long = `cannot write /mnt/${"d/".repeat(200)}x: EROFS`;
    const short = terminationMessage(long);
    expect(TERMINATION_MESSAGE_MAX).toBe(300);
    expect(short).toHaveLength(300);
    expect(short.startsWith("cannot write /mnt/d/d/")).toBe(true);
    expect(short.endsWith("…")).toBe(true);
  });
});

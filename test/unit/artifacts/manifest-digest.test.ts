// The check the downloader and gc both make of a manifest read from S3: its bytes must hash to the
// hex its key names, since other bytes there, however valid, are another manifest.
import { describe, expect, it } from "vitest";
import { manifestDigestMismatch, serializeManifest } from "../../../src/artifacts/manifest.ts";

// Known SHA-256 digests, so the test does not compute them the way the code does.
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

describe("manifestDigestMismatch", () => {
  it("finds nothing wrong with bytes that hash to the key's hex", () => {
    expect(manifestDigestMismatch(Buffer.from("abc"), ABC)).toBeUndefined();
    expect(manifestDigestMismatch(new Uint8Array(0), EMPTY)).toBeUndefined();
  });

  it("gives the bytes' own SHA-256 when they hash to something else", () => {
    expect(manifestDigestMismatch(Buffer.from("abc"), EMPTY)).toBe(ABC);
    // A valid manifest is no exception: its bytes are still not the manifest the key names.
    const other = Buffer.from(serializeManifest([]));
    expect(manifestDigestMismatch(other, ABC)).toMatch(/^[0-9a-f]{64}$/);
    expect(manifestDigestMismatch(other, ABC)).not.toBe(ABC);
  });

  it("compares the whole lowercase hex: a digest in capitals or cut short does not match", () => {
    expect(manifestDigestMismatch(Buffer.from("abc"), ABC.toUpperCase())).toBe(ABC);
    expect(manifestDigestMismatch(Buffer.from("abc"), ABC.slice(0, 63))).toBe(ABC);
  });
});

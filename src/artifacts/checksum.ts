// The SHA-256 checksums S3 keeps for an object, in the form it gives them: base64 of the whole
// object's digest for a single PUT; for a multipart upload, a composite: base64 of the digest of
// the parts' digests (raw bytes, in part order), followed by "-<number of parts>".
import { createHash } from "node:crypto";

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64");
}

/** The composite checksum of a multipart upload whose parts have these base64 SHA-256 digests. */
export function compositeChecksum(partSha256: readonly string[]): string {
  const digest = createHash("sha256");
  for (const part of partSha256) digest.update(Buffer.from(part, "base64"));
  return `${digest.digest("base64")}-${partSha256.length}`;
}

/** The part count of a composite checksum; undefined for a whole-object one. */
export function compositeParts(checksum: string): number | undefined {
  const match = /-(\d+)$/.exec(checksum);
  return match ? Number(match[1]) : undefined;
}

// Content hashes of JSON values, with the same canonical JSON as the CLI's spec hash: keys sorted
// first, so the same spec written in another key order (YAML → JSON → etcd round trips do reorder)
// hashes the same.
import { canonicalJson, sha256Hex } from "../../../src/kube/hash.ts";

export { canonicalJson };

/** SHA-256 hex of the canonical JSON. */
export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

// UTF-16 files with a byte order mark (Windows PowerShell 5.1 writes them by default: `>` and
// Out-File) are decoded, as Cortex's reader does, with lines and columns as in the UTF-8 file.

import { describe, expect, it } from "vitest";
import { formatConfigError, parseConfig } from "../../../src/config/index.ts";

/** `text` as UTF-16 with its byte order mark. */
function utf16(text: string, order: "LE" | "BE"): Uint8Array {
  const out = new Uint8Array(2 + 2 * text.length);
  out.set(order === "LE" ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const [a, b] = order === "LE" ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
    out[2 + 2 * i] = a;
    out[3 + 2 * i] = b;
  }
  return out;
}

const VALID = `- name: api
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/api:1
        env: {GREETING: "grüße 👋"}
`;
// An error after a non-ASCII character and an emoji (two UTF-16 units) on its line.
const INVALID = VALID.replace('{GREETING: "grüße 👋"}', '{GREETING: "grüße 👋", N: 1}');

const load = (bytes: Uint8Array) => parseConfig(bytes, "cortex.yaml");

describe("UTF-16 with a byte order mark", () => {
  it.each(["LE", "BE"] as const)("%s: decodes a valid file", (order) => {
    for (const text of [VALID, VALID.replace(/\n/g, "\r\n")]) {
      const result = load(utf16(text, order));
      expect(result.ok ? [] : result.errors.map(formatConfigError)).toEqual([]);
      const api = result.ok ? result.config.apis[0] : undefined;
      expect(api?.kind === "RealtimeAPI" && api.pod.containers[0]?.env).toEqual({
        GREETING: "grüße 👋",
      });
    }
  });

  it.each(["LE", "BE"] as const)("%s: locates errors as in the UTF-8 file", (order) => {
    const expected = parseConfig(INVALID, "cortex.yaml");
    const got = load(utf16(INVALID, order));
    expect(got.ok).toBe(false);
    expect(got.ok ? [] : got.errors.map(formatConfigError)).toEqual(
      expected.ok ? ["expected errors"] : expected.errors.map(formatConfigError),
    );
    expect(got.ok ? [] : got.errors.map((e) => [e.line, e.column])).toEqual([[7, 40]]);
  });

  it("refuses a lone surrogate or an odd last byte, at its place", () => {
    const lone = utf16("- name: a\n  kind: \ud800x\n", "LE");
    expect(load(lone).ok ? [] : (load(lone) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 9,
        message: "file is not valid UTF-16 LE (a lone surrogate); save it as UTF-8",
      }),
    ]);
    const odd = new Uint8Array([...utf16("- a\n", "BE"), 0x41]);
    const result = load(odd);
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 1, "file is not valid UTF-16 BE (an odd byte at the end); save it as UTF-8"],
    ]);
  });

  it("is not guessed without a byte order mark, as in Cortex: its NUL bytes are refused", () => {
    const result = load(utf16("- name: api\n", "LE").subarray(2));
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        1,
        2,
        "file holds a NUL character, which YAML does not allow; if it is UTF-16 without a byte order mark, save it as UTF-8",
      ],
    ]);
  });
});

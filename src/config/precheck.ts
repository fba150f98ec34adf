// Checks on the raw bytes before YAML parsing: size, encoding and emptiness, each with a location.
// Files are UTF-8, or UTF-16 with a byte order mark (what Windows PowerShell 5.1 writes by
// default), which Cortex's reader (libyaml's, in go-yaml) decodes too.

import type { ConfigError } from "./errors.ts";

export const MAX_CONFIG_BYTES = 1024 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; error: ConfigError };

function at(file: string, line: number, column: number, message: string): ConfigError {
  return { file, line, column, path: "", message };
}

export function tooLargeError(file: string, size: number): ConfigError {
  const mib = (size / MAX_CONFIG_BYTES).toFixed(1);
  return at(file, 1, 1, `file is ${mib} MiB (${size} bytes); the limit is 1 MiB`);
}

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let extra: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) extra = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= extra; k++) {
      const next = b[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += extra + 1;
  }
  return -1;
}

function utf8Error(bytes: Uint8Array, file: string): ConfigError {
  const offset = firstInvalidUtf8(bytes);
  const bad = Math.max(offset, 0);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes before the bad one on its line are valid, so decoding them gives the column.
  const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
  const hex = (bytes[bad] ?? 0).toString(16).padStart(2, "0");
  return at(file, line, column, `file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`);
}

type Utf16 = "LE" | "BE";

/** The byte order a UTF-16 byte order mark says, if the bytes start with one. */
function utf16Bom(b: Uint8Array): Utf16 | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return "LE";
  if (b[0] === 0xfe && b[1] === 0xff) return "BE";
  return undefined;
}

/**
 * UTF-16 after its byte order mark, or the located first bad code unit: a lone surrogate, or an
 * odd byte at the end. Lines and columns count UTF-16 code units, as everywhere else.
 */
function decodeUtf16(b: Uint8Array, order: Utf16, file: string): TextResult {
  const units = Math.floor((b.length - 2) / 2);
  const unit = (i: number) => {
    const hi = b[2 + 2 * i] as number;
    const lo = b[3 + 2 * i] as number;
    return order === "LE" ? hi | (lo << 8) : (hi << 8) | lo;
  };
  let bad = b.length % 2 === 1 ? units : -1;
  for (let i = 0; i < units; i++) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? unit(i + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      bad = i;
      break;
    }
  }
  if (bad < 0) {
    const text = new TextDecoder(order === "LE" ? "utf-16le" : "utf-16be").decode(b.subarray(2));
    return { ok: true, text };
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (unit(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const what = bad === units ? "an odd byte at the end" : "a lone surrogate";
  return {
    ok: false,
    error: at(
      file,
      line,
      bad - lineStart + 1,
      `file is not valid UTF-16 ${order} (${what}); save it as UTF-8`,
    ),
  };
}

/** Size, encoding and emptiness checks; the decoded text when they pass. */
export function decodeConfigText(input: Uint8Array | string, file: string): TextResult {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > MAX_CONFIG_BYTES) return { ok: false, error: tooLargeError(file, size) };
  let text: string;
  const order = typeof input === "string" ? undefined : utf16Bom(input);
  if (typeof input === "string") text = input.startsWith("\ufeff") ? input.slice(1) : input;
  else if (order !== undefined) {
    const decoded = decodeUtf16(input, order, file);
    if (!decoded.ok) return decoded;
    text = decoded.text;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      return { ok: false, error: utf8Error(input, file) };
    }
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    // YAML allows no NUL character (Cortex's reader refuses it too); they come from UTF-16 saved
    // without a byte order mark, every other byte of ASCII text being 0.
    const before = text.slice(0, nul).split("\n");
    const column = (before[before.length - 1] ?? "").length + 1;
    const message =
      "file holds a NUL character, which YAML does not allow; if it is UTF-16 without a byte order mark, save it as UTF-8";
    return { ok: false, error: at(file, before.length, column, message) };
  }
  if (text.trim() === "") {
    return { ok: false, error: at(file, 1, 1, "file is empty; expected a list of APIs") };
  }
  return { ok: true, text };
}

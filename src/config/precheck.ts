// Checks on the raw bytes before YAML parsing: size, UTF-8 and emptiness, each with a location.

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

/** Size, encoding and emptiness checks; the decoded text when they pass. */
export function decodeConfigText(input: Uint8Array | string, file: string): TextResult {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > MAX_CONFIG_BYTES) return { ok: false, error: tooLargeError(file, size) };
  let text: string;
  if (typeof input === "string") text = input.startsWith("\ufeff") ? input.slice(1) : input;
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      return { ok: false, error: utf8Error(input, file) };
    }
  }
  if (text.trim() === "") {
    return { ok: false, error: at(file, 1, 1, "file is empty; expected a list of APIs") };
  }
  return { ok: true, text };
}

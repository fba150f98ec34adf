// HTTP/1.1 framing for the raw fast path (fast.ts): parse a request or response head into what the
// proxy needs (framing, connection handling, the rewritten head to pass on), and track where a
// chunked body ends. Pure: strings and bytes in, decisions out; no I/O.
//
// Only what the proxy must understand is parsed. Bodies are never decoded, only followed, so bytes
// pass through untouched. Anything the parser does not want to handle (HTTP/1.0, Upgrade, Expect,
// unusual methods or targets) is reported as HEAD_FALLBACK, and the caller hands the connection to
// node:http. Malformed or ambiguous input (request smuggling material) is HEAD_INVALID, answered
// with 400 as node:http would.
import { connectionTokens, forwardedFor, HOP_BY_HOP, REQUEST_ONLY_DROPPED } from "./headers.ts";

/** Largest request or response head (request/status line + headers + final CRLF), as node:http. */
export const MAX_HEAD_BYTES = 16 * 1024;

/** The end of a head. */
export const HEAD_END = Buffer.from("\r\n\r\n", "latin1");

export const HEAD_OK = 0;
/** Valid, perhaps, but not for the fast path: let node:http have the connection. */
export const HEAD_FALLBACK = 1;
/** Malformed or ambiguous: 400 (request) or 502 (response), then close. */
export const HEAD_INVALID = 2;
export type HeadResult = typeof HEAD_OK | typeof HEAD_FALLBACK | typeof HEAD_INVALID;

// CTLs other than HTAB, DEL, and a CR or LF that is not part of a CRLF pair (RFC 9112 §2.2: a bare
// CR or LF is how some smuggling attacks split a head differently for different parsers).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// origin-form: a path starting with "/", visible ASCII only (node:http refuses the rest).
const ORIGIN_FORM = /\/[!-~]*/y;
const DIGITS = /^[0-9]{1,15}$/;
const FAST_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
]);

/** s[from, to) without leading and trailing SP / HTAB (optional whitespace around a value). */
function fieldValue(s: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return s.slice(a, b);
}

/**
 * The header lines of `s` (a validated head, each line ending in CRLF) from `pos` to `end` (the
 * final CRLF), without those `drop` rejects. The slow second pass for heads whose Connection header
 * lists extra names.
 */
function keptLines(s: string, pos: number, end: number, drop: (name: string) => boolean): string {
  let out = "";
  let seg = pos;
  while (pos < end) {
    const next = s.indexOf("\r\n", pos);
    const name = s.slice(pos, s.indexOf(":", pos)).toLowerCase();
    if (drop(name)) {
      out += s.slice(seg, pos);
      seg = next + 2;
    }
    pos = next + 2;
  }
  return out + s.slice(seg, end);
}

/** What the proxy needs from a request head. One per connection, overwritten per request. */
export class RequestHead {
  /** HEAD: the response has no body whatever its headers say. */
  isHead = false;
  /** Content-Length, or -1 when absent. */
  contentLength = -1;
  /** Transfer-Encoding: chunked. */
  chunked = false;
  /** The client sent `Connection: close`. */
  close = false;
  /** The head for the model server: request line, end-to-end headers, X-Forwarded-*, final CRLF. */
  upstream = "";
}

/**
 * Parses a request head. `s` is the head decoded as latin1, from the request line up to and
 * including the blank line ("\r\n\r\n"). Fills `out` when the result is HEAD_OK.
 */
export function parseRequestHead(
  s: string,
  clientAddress: string | undefined,
  out: RequestHead,
): HeadResult {
  if (FORBIDDEN.test(s)) return HEAD_INVALID;
  const lineEnd = s.indexOf("\r\n");
  const sp1 = s.indexOf(" ");
  if (sp1 <= 0 || sp1 > lineEnd) return HEAD_INVALID;
  const method = s.slice(0, sp1);
  if (!FAST_METHODS.has(method)) return TOKEN.test(method) ? HEAD_FALLBACK : HEAD_INVALID;
  const sp2 = s.lastIndexOf(" ", lineEnd);
  if (sp2 === sp1) return HEAD_INVALID;
  // HTTP/1.0 (and anything else node:http may accept) keeps node:http's handling.
  if (sp2 + 9 !== lineEnd || !s.startsWith("HTTP/1.1", sp2 + 1)) return HEAD_FALLBACK;
  ORIGIN_FORM.lastIndex = sp1 + 1;
  if (!ORIGIN_FORM.test(s) || ORIGIN_FORM.lastIndex !== sp2) return HEAD_FALLBACK;

  const end = s.length - 2;
  let forwarded = "";
  let seg = 0;
  let contentLength = -1;
  let chunked = false;
  let close = false;
  let hosts = 0;
  let prior: string | undefined;
  let hasProto = false;
  let listed: Set<string> | undefined;
  let sawCloseHeader = false;
  let pos = lineEnd + 2;
  while (pos < end) {
    const next = s.indexOf("\r\n", pos);
    const colon = s.indexOf(":", pos);
    // No colon on the line, or whitespace before it (includes obs-fold continuation lines).
    if (colon === -1 || colon > next) return HEAD_INVALID;
    const name = s.slice(pos, colon);
    if (!TOKEN.test(name)) return HEAD_INVALID;
    const lower = name.toLowerCase();
    let drop = false;
    switch (lower) {
      case "host":
        // Two Hosts are ambiguous; node:http keeps the first and forwards only that.
        if (++hosts > 1) return HEAD_FALLBACK;
        break;
      case "content-length": {
        // node:http refuses any repeated Content-Length, even an identical one.
        if (contentLength !== -1) return HEAD_INVALID;
        const value = fieldValue(s, colon + 1, next);
        if (!DIGITS.test(value)) return HEAD_INVALID;
        contentLength = Number(value);
        break;
      }
      case "transfer-encoding":
        // Exactly one `chunked`; anything else could be framed differently by the model server.
        if (chunked || fieldValue(s, colon + 1, next).toLowerCase() !== "chunked") {
          return HEAD_INVALID;
        }
        chunked = true;
        drop = true;
        break;
      case "connection": {
        const value = fieldValue(s, colon + 1, next);
        drop = true;
        // The usual single token, without splitting (keep-alive is hop-by-hop anyway).
        if (value === "keep-alive" || value === "Keep-Alive") break;
        for (const token of connectionTokens(value)) {
          if (token === "close") close = true;
          else if (token === "upgrade") return HEAD_FALLBACK;
          else if (!HOP_BY_HOP.has(token)) {
            listed ??= new Set();
            listed.add(token);
          }
        }
        break;
      }
      case "upgrade":
      case "expect":
        return HEAD_FALLBACK;
      case "x-forwarded-for": {
        const value = fieldValue(s, colon + 1, next);
        prior = prior === undefined ? value : `${prior}, ${value}`;
        drop = true;
        break;
      }
      case "x-forwarded-proto":
        hasProto = true;
        break;
      case "close":
        sawCloseHeader = true;
        break;
      default:
        drop = HOP_BY_HOP.has(lower) || REQUEST_ONLY_DROPPED.has(lower);
    }
    if (drop) {
      forwarded += s.slice(seg, pos);
      seg = next + 2;
    }
    pos = next + 2;
  }
  if (hosts === 0) return HEAD_INVALID;
  if (contentLength !== -1 && chunked) return HEAD_INVALID;

  if (listed !== undefined || (close && sawCloseHeader)) {
    // Rare: Connection names headers of its own; drop those too (same rule as headers.ts).
    const names = listed ?? new Set<string>();
    if (close) names.add("close");
    forwarded =
      s.slice(0, lineEnd + 2) +
      keptLines(
        s,
        lineEnd + 2,
        end,
        (n) => n === "x-forwarded-for" || HOP_BY_HOP.has(n) || names.has(n),
      );
  } else {
    forwarded += s.slice(seg, end);
  }
  // The body's framing is passed through unchanged, so the model server must be told it.
  if (chunked) forwarded += "Transfer-Encoding: chunked\r\n";
  forwarded += `X-Forwarded-For: ${forwardedFor(prior, clientAddress)}\r\n`;
  if (!hasProto) forwarded += "X-Forwarded-Proto: http\r\n";

  out.isHead = method === "HEAD";
  out.contentLength = contentLength;
  out.chunked = chunked;
  out.close = close;
  out.upstream = `${forwarded}\r\n`;
  return HEAD_OK;
}

/** What the proxy needs from a response head. One per connection, overwritten per response. */
export class ResponseHead {
  status = 0;
  /** Content-Length, or -1 when absent. */
  contentLength = -1;
  /** The last transfer coding is chunked: the body is followed as chunks and passed on as is. */
  chunked = false;
  /** The Transfer-Encoding value to pass on with a chunked body (e.g. "chunked", "gzip, chunked"). */
  transferEncoding = "";
  /** The model server closes its connection after this response (Connection: close, HTTP/1.0). */
  close = false;
  /** The response has a Date header (else the proxy adds one, RFC 9110 §6.6.1). */
  hasDate = false;
  /**
   * Status line (always HTTP/1.1) and end-to-end headers for the client, each line ending in CRLF,
   * without framing or connection headers and without the final CRLF.
   */
  head = "";
}

/**
 * Parses a response head from the model server (`s` as in parseRequestHead). HEAD_INVALID when
 * node:http's client would refuse it too (the proxy answers 502).
 */
export function parseResponseHead(s: string, out: ResponseHead): HeadResult {
  if (FORBIDDEN.test(s)) return HEAD_INVALID;
  const lineEnd = s.indexOf("\r\n");
  if (!s.startsWith("HTTP/1.") || s.charCodeAt(8) !== 32) return HEAD_INVALID;
  const minor = s.charCodeAt(7);
  if (minor !== 48 && minor !== 49) return HEAD_INVALID;
  const d0 = s.charCodeAt(9) - 48;
  const d1 = s.charCodeAt(10) - 48;
  const d2 = s.charCodeAt(11) - 48;
  if (d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return HEAD_INVALID;
  if (lineEnd !== 12 && s.charCodeAt(12) !== 32) return HEAD_INVALID;

  const end = s.length - 2;
  // The client talks HTTP/1.1 to the proxy whatever the model server speaks.
  let forwarded = minor === 49 ? "" : `HTTP/1.1${s.slice(8, lineEnd + 2)}`;
  let seg = minor === 49 ? 0 : lineEnd + 2;
  let contentLength = -1;
  let transferEncoding: string | undefined;
  let closeToken = false;
  let hasDate = false;
  let listed: Set<string> | undefined;
  let sawCloseHeader = false;
  let pos = lineEnd + 2;
  while (pos < end) {
    const next = s.indexOf("\r\n", pos);
    const colon = s.indexOf(":", pos);
    if (colon === -1 || colon > next) return HEAD_INVALID;
    const name = s.slice(pos, colon);
    if (!TOKEN.test(name)) return HEAD_INVALID;
    const lower = name.toLowerCase();
    let drop = false;
    switch (lower) {
      case "content-length": {
        if (contentLength !== -1) return HEAD_INVALID;
        const value = fieldValue(s, colon + 1, next);
        if (!DIGITS.test(value)) return HEAD_INVALID;
        contentLength = Number(value);
        break;
      }
      case "transfer-encoding": {
        const value = fieldValue(s, colon + 1, next);
        transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
        drop = true;
        break;
      }
      case "connection": {
        const value = fieldValue(s, colon + 1, next);
        drop = true;
        if (value === "keep-alive" || value === "Keep-Alive") break;
        for (const token of connectionTokens(value)) {
          if (token === "close") closeToken = true;
          else if (!HOP_BY_HOP.has(token)) {
            listed ??= new Set();
            listed.add(token);
          }
        }
        break;
      }
      case "date":
        hasDate = true;
        break;
      case "close":
        sawCloseHeader = true;
        break;
      default:
        drop = HOP_BY_HOP.has(lower);
    }
    if (drop) {
      forwarded += s.slice(seg, pos);
      seg = next + 2;
    }
    pos = next + 2;
  }

  let chunked = false;
  if (transferEncoding !== undefined) {
    if (contentLength !== -1) return HEAD_INVALID;
    const codings = transferEncoding.toLowerCase().split(",");
    // RFC 9112 §6.3: chunked last frames the body; otherwise the body runs until the close.
    chunked = codings[codings.length - 1]?.trim() === "chunked";
  }

  if (listed !== undefined || (closeToken && sawCloseHeader)) {
    const names = listed ?? new Set<string>();
    if (closeToken) names.add("close");
    forwarded =
      (minor === 49 ? s.slice(0, lineEnd + 2) : `HTTP/1.1${s.slice(8, lineEnd + 2)}`) +
      keptLines(s, lineEnd + 2, end, (n) => HOP_BY_HOP.has(n) || names.has(n));
  } else {
    forwarded += s.slice(seg, end);
  }

  out.status = d0 * 100 + d1 * 10 + d2;
  out.contentLength = contentLength;
  out.chunked = chunked;
  out.transferEncoding = chunked ? (transferEncoding ?? "") : "";
  // HTTP/1.0 servers close unless they say otherwise; the proxy does not reuse their sockets.
  out.close = closeToken || minor === 48;
  out.hasDate = hasDate;
  out.head = forwarded;
  return HEAD_OK;
}

/** ChunkedTracker.feed: the message needs more bytes. */
export const CHUNKED_MORE = -1;
/** ChunkedTracker.feed: the bytes are not valid chunked encoding. */
export const CHUNKED_INVALID = -2;

// States of the chunked tracker.
const SIZE_START = 0; // the first hex digit of a chunk size
const SIZE = 1; // more hex digits, ';' or CR
const EXTENSION = 2; // a chunk extension, up to CR
const SIZE_LF = 3; // LF ending the size line
const DATA = 4; // chunk data
const DATA_CR = 5; // CR after chunk data
const DATA_LF = 6; // LF after chunk data
const TRAILER_START = 7; // a trailer field line, or the CR of the final blank line
const TRAILER = 8; // inside a trailer field line, up to CR
const TRAILER_LF = 9; // LF ending a trailer field line
const FINAL_LF = 10; // LF of the final blank line
const DONE = 11;
const INVALID = 12;

/** Beyond this, a chunk size is nonsense (and would lose precision). */
const MAX_CHUNK_SIZE = 2 ** 52;
/** Extension and trailer bytes allowed per message, like the head limit. */
const MAX_META_BYTES = MAX_HEAD_BYTES;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

/** Field-content bytes allowed in extensions and trailers: HTAB, visible ASCII, SP, obs-text. */
function isFieldByte(c: number): boolean {
  return c === 9 || (c >= 32 && c !== 127);
}

/**
 * Follows a chunked body (RFC 9112 §7.1: chunk sizes, extensions, data, the last chunk, trailers)
 * to find where the message ends, without decoding it. Bytes are fed as they arrive, split
 * anywhere. One per direction per connection; `reset` before each message.
 */
export class ChunkedTracker {
  private state = SIZE_START;
  private size = 0;
  private remaining = 0;
  private meta = 0;

  reset(): void {
    this.state = SIZE_START;
    this.size = 0;
    this.remaining = 0;
    this.meta = 0;
  }

  /** True once the last chunk and the trailers have been seen. */
  get done(): boolean {
    return this.state === DONE;
  }

  /**
   * Consumes buf[start, end). Returns the index just past the message's last byte when the message
   * ends inside the range (bytes from there on belong to the next message), CHUNKED_MORE when
   * every byte belonged to the message and it continues, CHUNKED_INVALID on a framing error (the
   * tracker then stays invalid).
   */
  feed(buf: Uint8Array, start: number, end: number): number {
    let i = start;
    while (i < end) {
      switch (this.state) {
        case DATA: {
          const n = Math.min(this.remaining, end - i);
          i += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = DATA_CR;
          continue;
        }
        case SIZE_START: {
          const v = HEX[buf[i] as number] as number;
          if (v < 0) return this.fail();
          this.size = v;
          this.state = SIZE;
          break;
        }
        case SIZE: {
          const c = buf[i] as number;
          const v = HEX[c] as number;
          if (v >= 0) {
            this.size = this.size * 16 + v;
            if (this.size > MAX_CHUNK_SIZE) return this.fail();
          } else if (c === 13) this.state = SIZE_LF;
          else if (c === 59 /* ; */) this.state = EXTENSION;
          else return this.fail();
          break;
        }
        case EXTENSION: {
          const c = buf[i] as number;
          if (c === 13) this.state = SIZE_LF;
          else if (!isFieldByte(c) || ++this.meta > MAX_META_BYTES) return this.fail();
          break;
        }
        case SIZE_LF:
          if (buf[i] !== 10) return this.fail();
          if (this.size === 0) this.state = TRAILER_START;
          else {
            this.remaining = this.size;
            this.state = DATA;
          }
          break;
        case DATA_CR:
          if (buf[i] !== 13) return this.fail();
          this.state = DATA_LF;
          break;
        case DATA_LF:
          if (buf[i] !== 10) return this.fail();
          this.state = SIZE_START;
          break;
        case TRAILER_START: {
          const c = buf[i] as number;
          if (c === 13) this.state = FINAL_LF;
          // A trailer line must start with a field name: no obs-fold, no control bytes.
          else if (c === 32 || c === 9 || !isFieldByte(c)) return this.fail();
          else {
            if (++this.meta > MAX_META_BYTES) return this.fail();
            this.state = TRAILER;
          }
          break;
        }
        case TRAILER: {
          const c = buf[i] as number;
          if (c === 13) this.state = TRAILER_LF;
          else if (!isFieldByte(c) || ++this.meta > MAX_META_BYTES) return this.fail();
          break;
        }
        case TRAILER_LF:
          if (buf[i] !== 10) return this.fail();
          this.state = TRAILER_START;
          break;
        case FINAL_LF:
          if (buf[i] !== 10) return this.fail();
          this.state = DONE;
          return i + 1;
        default:
          // DONE or INVALID: nothing more belongs to this message.
          return this.state === DONE ? i : CHUNKED_INVALID;
      }
      i++;
    }
    return this.state === INVALID ? CHUNKED_INVALID : CHUNKED_MORE;
  }

  private fail(): number {
    this.state = INVALID;
    return CHUNKED_INVALID;
  }
}

// The fast path's HTTP/1.1 framing, pure: request and response head parsing, and the chunked
// body tracker fed with every possible split of its input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestHeaders, responseHeaders } from "../../../controller/src/proxy/headers.ts";
import {
  CHUNKED_INVALID,
  CHUNKED_MORE,
  ChunkedTracker,
  HEAD_FALLBACK,
  HEAD_INVALID,
  HEAD_OK,
  parseRequestHead,
  parseResponseHead,
  RequestHead,
  ResponseHead,
} from "../../../controller/src/proxy/http1.ts";

function request(text: string, client = "10.0.0.9"): { result: number; head: RequestHead } {
  const head = new RequestHead();
  return { result: parseRequestHead(text, client, head), head };
}

function response(text: string): { result: number; head: ResponseHead } {
  const head = new ResponseHead();
  return { result: parseResponseHead(text, head), head };
}

/** Header lines of a head (no start line), as [name, value] pairs. */
function lines(head: string): Array<[string, string]> {
  return head
    .split("\r\n")
    .slice(1)
    .filter((l) => l !== "")
    .map((l) => {
      const colon = l.indexOf(":");
      return [l.slice(0, colon), l.slice(colon + 1).trim()];
    });
}

describe("parseRequestHead", () => {
  it("rewrites the head: hop-by-hop and Connection-listed headers out, X-Forwarded-* in", () => {
    const { result, head } = request(
      "POST /predict?x=1 HTTP/1.1\r\n" +
        "Host: api\r\n" +
        "Connection: keep-alive, X-Trace\r\n" +
        "Keep-Alive: timeout=5\r\n" +
        "X-Trace: 1\r\n" +
        "TE: trailers\r\n" +
        "Proxy-Authorization: secret\r\n" +
        "Content-Type: application/json\r\n" +
        "Content-Length: 2\r\n" +
        "\r\n",
    );
    expect(result).toBe(HEAD_OK);
    // Kept lines are passed on byte for byte (case included), in order.
    expect(head.upstream).toBe(
      "POST /predict?x=1 HTTP/1.1\r\n" +
        "Host: api\r\n" +
        "Content-Type: application/json\r\n" +
        "Content-Length: 2\r\n" +
        "X-Forwarded-For: 10.0.0.9\r\n" +
        "X-Forwarded-Proto: http\r\n" +
        "\r\n",
    );
    expect(head.contentLength).toBe(2);
    expect(head.chunked).toBe(false);
    expect(head.close).toBe(false);
    expect(head.isHead).toBe(false);
  });

  it("appends to X-Forwarded-For (repeated lines joined) and keeps X-Forwarded-Proto", () => {
    const { result, head } = request(
      "GET / HTTP/1.1\r\nx-forwarded-for: 1.2.3.4\r\nHost: a\r\nX-Forwarded-For: 5.6.7.8\r\n" +
        "X-Forwarded-Proto: https\r\n\r\n",
    );
    expect(result).toBe(HEAD_OK);
    expect(lines(head.upstream)).toEqual([
      ["Host", "a"],
      ["X-Forwarded-Proto", "https"],
      ["X-Forwarded-For", "1.2.3.4, 5.6.7.8, 10.0.0.9"],
    ]);
  });

  it("reads the framing and connection facts", () => {
    const chunked = request(
      "PUT /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n",
    );
    expect(chunked.result).toBe(HEAD_OK);
    expect(chunked.head.chunked).toBe(true);
    expect(chunked.head.contentLength).toBe(-1);
    expect(chunked.head.close).toBe(true);
    // The body goes on chunked, so the model server is told so.
    expect(lines(chunked.head.upstream)).toContainEqual(["Transfer-Encoding", "chunked"]);

    const head = request("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n");
    expect(head.head.isHead).toBe(true);
    expect(head.head.contentLength).toBe(-1);
  });

  it("passes User-Agent on as it came, kube-probe included", () => {
    const head = request("GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: kube-probe/1.34\r\n\r\n").head;
    expect(head.upstream).toContain("User-Agent: kube-probe/1.34\r\n");
  });

  it("drops a header named by `Connection: close` too", () => {
    const { head } = request("GET / HTTP/1.1\r\nClose: x\r\nHost: a\r\nConnection: close\r\n\r\n");
    expect(lines(head.upstream).map(([n]) => n)).toEqual([
      "Host",
      "X-Forwarded-For",
      "X-Forwarded-Proto",
    ]);
  });

  it.each([
    ["HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\n\r\n"],
    ["an Upgrade header", "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n"],
    ["Connection: upgrade", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\n\r\n"],
    ["Expect", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n"],
    ["CONNECT", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"],
    ["OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"],
    ["an absolute-form target", "GET http://a/x HTTP/1.1\r\nHost: a\r\n\r\n"],
    ["another method", "PROPFIND /d HTTP/1.1\r\nHost: a\r\n\r\n"],
    ["two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"],
    ["a non-ASCII target", "GET /\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"],
    ["a space in the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n"],
    ["a lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n"],
  ])("leaves %s to node:http", (_what, text) => {
    expect(request(text).result).toBe(HEAD_FALLBACK);
  });

  it.each([
    ["Content-Length with Transfer-Encoding", "Content-Length: 3\r\nTransfer-Encoding: chunked"],
    ["Transfer-Encoding with Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 3"],
    ["differing Content-Lengths", "Content-Length: 3\r\nContent-Length: 4"],
    [
      "repeated Content-Length (node:http refuses it too)",
      "Content-Length: 3\r\nContent-Length: 3",
    ],
    ["a Content-Length list", "Content-Length: 3, 3"],
    ["a signed Content-Length", "Content-Length: +3"],
    ["an empty Content-Length", "Content-Length: "],
    ["a huge Content-Length", "Content-Length: 99999999999999999999"],
    ["Transfer-Encoding gzip", "Transfer-Encoding: gzip"],
    ["Transfer-Encoding gzip, chunked", "Transfer-Encoding: gzip, chunked"],
    ["Transfer-Encoding twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"],
    ["whitespace before the colon", "X-A : 1"],
    ["an obs-fold line", "X-A: 1\r\n 2"],
    ["a line without colon", "X-A"],
    ["an empty name", ": 1"],
    ["a name with a separator", "X(A): 1"],
    ["a control character in a value", "X-A: a\u0001b"],
    ["DEL in a value", "X-A: a\u007fb"],
    ["NUL in a value", "X-A: \u0000"],
    ["a bare LF", "X-A: 1\nX-B: 2"],
    ["a bare CR", "X-A: 1\rX-B: 2"],
  ])("refuses %s", (_what, header) => {
    expect(request(`POST / HTTP/1.1\r\nHost: a\r\n${header}\r\n\r\n`).result).toBe(HEAD_INVALID);
  });

  it.each([
    ["a missing Host", "GET / HTTP/1.1\r\n\r\n"],
    ["a request line without spaces", "GARBAGE\r\nHost: a\r\n\r\n"],
    ["a request line with one space", "GET /\r\nHost: a\r\n\r\n"],
    ["a method with a separator", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"],
  ])("refuses %s", (_what, text) => {
    expect(request(text).result).toBe(HEAD_INVALID);
  });

  it("accepts obs-text in values and HTAB around them, as node:http does", () => {
    const { result, head } = request("GET / HTTP/1.1\r\nHost: a\r\nX-A:\t\u00e9t\u00e9\t\r\n\r\n");
    expect(result).toBe(HEAD_OK);
    expect(head.upstream).toContain("X-A:\t\u00e9t\u00e9\t\r\n");
  });

  it("decides which headers go on exactly as headers.ts does for node:http", () => {
    // Differential: random heads through the fast parser vs the IncomingHttpHeaders rewrite.
    const names = [
      "Accept",
      "X-Custom",
      "x-trace",
      "Keep-Alive",
      "Proxy-Connection",
      "Proxy-Authorization",
      "Proxy-Authenticate",
      "TE",
      "Trailer",
      "X-Forwarded-Proto",
      "Content-Type",
      "Cookie",
      "Close",
    ];
    const tokens = ["keep-alive", "close", "x-trace", "X-Custom", "te", "cookie", "accept"];
    const value = fc.stringMatching(/^[a-z0-9=.;/]{0,8}$/);
    const header = fc.tuple(fc.constantFrom(...names), value, fc.boolean());
    fc.assert(
      fc.property(
        fc.uniqueArray(header, { selector: ([n]) => n.toLowerCase(), maxLength: 10 }),
        fc.array(value, { maxLength: 3 }),
        fc.option(fc.uniqueArray(fc.constantFrom(...tokens), { minLength: 1, maxLength: 4 })),
        fc.integer({ min: 0, max: 12 }),
        (picked, forwardedFor, connection, at) => {
          const raw: Array<[string, string]> = picked.map(([n, v, upper]) => [
            upper ? n.toUpperCase() : n,
            v,
          ]);
          raw.unshift(["Host", "h"]);
          for (const v of forwardedFor) raw.push(["X-Forwarded-For", v]);
          if (connection !== null)
            raw.splice(Math.min(at, raw.length), 0, ["Connection", connection.join(", ")]);
          const text = `GET /p HTTP/1.1\r\n${raw.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`;
          const { result, head } = request(text, "10.1.1.1");
          expect(result).toBe(HEAD_OK);

          // What node:http would give forward.ts: lower-case names, repeated ones joined.
          const incoming: Record<string, string> = {};
          for (const [n, v] of raw) {
            const k = n.toLowerCase();
            incoming[k] = incoming[k] === undefined ? v : `${incoming[k]}, ${v}`;
          }
          const expected = requestHeaders(incoming, "10.1.1.1");
          const actual: Record<string, string> = {};
          for (const [n, v] of lines(head.upstream)) actual[n.toLowerCase()] = v;
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("parseResponseHead", () => {
  it("passes the status line and end-to-end headers; drops hop-by-hop ones", () => {
    const { result, head } = response(
      "HTTP/1.1 201 Made\r\nContent-Type: text/plain\r\nConnection: keep-alive, X-Hop\r\n" +
        "X-Hop: 1\r\nKeep-Alive: timeout=5\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n" +
        "Content-Length: 5\r\n\r\n",
    );
    expect(result).toBe(HEAD_OK);
    expect(head.status).toBe(201);
    expect(head.hasDate).toBe(false);
    expect(
      response("HTTP/1.1 200 OK\r\ndate: Tue, 01 Jan 2030 00:00:00 GMT\r\n\r\n").head.hasDate,
    ).toBe(true);
    expect(head.contentLength).toBe(5);
    expect(head.chunked).toBe(false);
    expect(head.close).toBe(false);
    expect(head.head).toBe(
      "HTTP/1.1 201 Made\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n" +
        "Content-Length: 5\r\n",
    );
  });

  it("answers HTTP/1.1 for an HTTP/1.0 server, which closes after the response", () => {
    const { result, head } = response("HTTP/1.0 200 OK\r\nX-A: 1\r\n\r\n");
    expect(result).toBe(HEAD_OK);
    expect(head.head).toBe("HTTP/1.1 200 OK\r\nX-A: 1\r\n");
    expect(head.close).toBe(true);
    expect(head.contentLength).toBe(-1);
  });

  it("accepts a status line without a reason", () => {
    const { result, head } = response("HTTP/1.1 204\r\n\r\n");
    expect(result).toBe(HEAD_OK);
    expect(head.status).toBe(204);
    expect(head.head).toBe("HTTP/1.1 204\r\n");
  });

  it("follows chunked when it is the last coding, else the body runs until the close", () => {
    const chunked = response("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
    expect(chunked.head.chunked).toBe(true);
    expect(chunked.head.transferEncoding).toBe("gzip, chunked");
    expect(chunked.head.head).toBe("HTTP/1.1 200 OK\r\n");
    const gzip = response(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
    );
    expect(gzip.head.chunked).toBe(false);
    expect(gzip.head.contentLength).toBe(-1);
    expect(gzip.head.close).toBe(true);
  });

  it.each([
    ["two Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n"],
    [
      "Content-Length with Transfer-Encoding",
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
    ],
    ["a bad version", "HTTP/2.0 200 OK\r\n\r\n"],
    ["a short status", "HTTP/1.1 20 OK\r\n\r\n"],
    ["a status starting with 0", "HTTP/1.1 099 X\r\n\r\n"],
    ["junk after the status", "HTTP/1.1 200x\r\n\r\n"],
    ["a control character", "HTTP/1.1 200 OK\r\nX: \u0001\r\n\r\n"],
    ["a bad name", "HTTP/1.1 200 OK\r\nX Y: 1\r\n\r\n"],
  ])("refuses %s", (_what, text) => {
    expect(response(text).result).toBe(HEAD_INVALID);
  });

  it("decides which headers go back exactly as headers.ts does for node:http", () => {
    const names = [
      "Content-Type",
      "X-Model",
      "x-trace",
      "Keep-Alive",
      "Trailer",
      "Upgrade",
      "ETag",
    ];
    const tokens = ["keep-alive", "x-trace", "X-Model", "etag"];
    const value = fc.stringMatching(/^[a-z0-9=.;/]{0,8}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.constantFrom(...names), value), {
          selector: ([n]) => n.toLowerCase(),
          maxLength: 7,
        }),
        fc.option(fc.uniqueArray(fc.constantFrom(...tokens), { minLength: 1, maxLength: 3 })),
        (picked, connection) => {
          const raw: Array<[string, string]> = [...picked];
          if (connection !== null) raw.push(["Connection", connection.join(", ")]);
          const text = `HTTP/1.1 200 OK\r\n${raw.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`;
          const { result, head } = response(text);
          expect(result).toBe(HEAD_OK);
          const incoming: Record<string, string> = {};
          for (const [n, v] of raw) incoming[n.toLowerCase()] = v;
          const actual: Record<string, string> = {};
          for (const [n, v] of lines(head.head)) actual[n.toLowerCase()] = v;
          expect(actual).toEqual(responseHeaders(incoming));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * Feeds `bytes` to a fresh tracker in pieces cut at `cuts`; returns where the message ended
 * (an index into `bytes`), CHUNKED_MORE or CHUNKED_INVALID, as one feed of the whole would.
 */
function feedInPieces(bytes: Buffer, cuts: readonly number[]): number {
  const tracker = new ChunkedTracker();
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  let start = 0;
  for (const end of [...points, bytes.length]) {
    const r = tracker.feed(bytes, start, end);
    if (r !== CHUNKED_MORE) return r;
    start = end;
  }
  return CHUNKED_MORE;
}

/** The result of feeding bytes split at every single position, and byte by byte. */
function everySplit(bytes: Buffer): number[] {
  const results: number[] = [];
  for (let cut = 0; cut <= bytes.length; cut++) results.push(feedInPieces(bytes, [cut]));
  results.push(
    feedInPieces(
      bytes,
      Array.from({ length: bytes.length }, (_, i) => i),
    ),
  );
  return results;
}

interface Chunk {
  data: Uint8Array;
  extension: string;
}

function encodeChunked(chunks: readonly Chunk[], trailers: readonly string[], upper: boolean) {
  const parts: Buffer[] = [];
  for (const c of chunks) {
    if (c.data.length === 0) continue;
    const size = c.data.length.toString(16);
    parts.push(Buffer.from(`${upper ? size.toUpperCase() : size}${c.extension}\r\n`, "latin1"));
    parts.push(Buffer.from(c.data), Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`0\r\n${trailers.map((t) => `${t}\r\n`).join("")}\r\n`, "latin1"));
  return Buffer.concat(parts);
}

describe("ChunkedTracker", () => {
  const message = Buffer.from(
    "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Sum: 1\r\nX-B: \t2\r\n\r\n",
    "latin1",
  );
  const next = Buffer.from("GET /next HTTP/1.1\r\n\r\n");

  it("finds the end of a message split at every byte boundary", () => {
    expect(new Set(everySplit(message))).toEqual(new Set([message.length]));
  });

  it("stops at the end of the message; the following bytes are the next message's", () => {
    const both = Buffer.concat([message, next]);
    expect(new Set(everySplit(both))).toEqual(new Set([message.length]));
  });

  it("needs more while the message is incomplete, wherever it stops", () => {
    for (let n = 0; n < message.length; n++) {
      expect(new Set(everySplit(message.subarray(0, n)))).toEqual(new Set([CHUNKED_MORE]));
    }
  });

  it("ends at the blank line after a last chunk without trailers", () => {
    const bare = Buffer.from("0\r\n\r\nNEXT");
    expect(new Set(everySplit(bare))).toEqual(new Set([5]));
  });

  it.each([
    ["a non-hex size", "zz\r\nab\r\n0\r\n\r\n"],
    ["a space after the size", "2 \r\nab\r\n0\r\n\r\n"],
    ["a space before an extension", "2 ;a=b\r\nab\r\n0\r\n\r\n"],
    ["data longer than its size", "2\r\nabc\r\n0\r\n\r\n"],
    ["a bare LF after the size", "2\nab\r\n0\r\n\r\n"],
    ["a bare LF after data", "2\r\nab\n0\r\n\r\n"],
    ["a CR without LF after data", "2\r\nab\r00\r\n\r\n"],
    ["a CR without LF after the size", "1\rXa\r\n0\r\n\r\n"],
    ["an empty size", "\r\n\r\n"],
    ["an extension without size", ";a\r\n\r\n"],
    ["a CR without LF ending the trailers", "0\r\n\r0"],
    ["a control byte in an extension", "2;a\u0001\r\nab\r\n0\r\n\r\n"],
    ["an obs-fold trailer", "0\r\nX-A: 1\r\n 2\r\n\r\n"],
    ["a bare LF ending a trailer", "0\r\nX-A: 1\n\r\n"],
    ["a control byte in a trailer", "0\r\nX-A: \u0000\r\n\r\n"],
    ["a size beyond 2^52", "20000000000001\r\n"],
  ])("refuses %s wherever it is split", (_what, text) => {
    expect(new Set(everySplit(Buffer.from(text, "latin1")))).toEqual(new Set([CHUNKED_INVALID]));
  });

  it("stays invalid once invalid", () => {
    const t = new ChunkedTracker();
    const bad = Buffer.from("x");
    expect(t.feed(bad, 0, 1)).toBe(CHUNKED_INVALID);
    const good = Buffer.from("0\r\n\r\n");
    expect(t.feed(good, 0, good.length)).toBe(CHUNKED_INVALID);
    t.reset();
    expect(t.feed(good, 0, good.length)).toBe(good.length);
    expect(t.done).toBe(true);
  });

  it("finds the end of any chunked message, however it is split (property)", () => {
    const chunk = fc.record({
      data: fc.uint8Array({ maxLength: 40 }),
      extension: fc.constantFrom("", ";a", ";a=b", ';n="q v"', ";x=1;y"),
    });
    const trailer = fc.stringMatching(/^[A-Za-z-]{1,6}: ?[ -~]{0,10}$/);
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 8 }),
        fc.array(trailer, { maxLength: 3 }),
        fc.boolean(),
        fc.uint8Array({ maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (chunks, trailers, upper, after, cutSeeds) => {
          const encoded = encodeChunked(chunks, trailers, upper);
          const bytes = Buffer.concat([encoded, after]);
          const cuts = cutSeeds.map((s) => s % (bytes.length + 1));
          expect(feedInPieces(bytes, cuts)).toBe(encoded.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("gives the same answer for arbitrary bytes whatever the split (property)", () => {
    // Random bytes biased towards the framing alphabet, so that every state is visited.
    const byte = fc.oneof(
      fc.constantFrom(...Buffer.from("0123456789abcdefABCDEF;=\r\n \t:xX")),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (values, cutSeeds) => {
          const bytes = Buffer.from(values);
          const whole = feedInPieces(bytes, []);
          const cuts = cutSeeds.map((s) => s % (bytes.length + 1));
          expect(feedInPieces(bytes, cuts)).toBe(whole);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

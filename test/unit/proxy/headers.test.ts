import { describe, expect, it } from "vitest";
import { hasBody, requestHeaders, responseHeaders } from "../../../controller/src/proxy/headers.ts";

describe("header rewriting", () => {
  it("drops hop-by-hop headers and those named in Connection", () => {
    const out = requestHeaders(
      {
        host: "api",
        connection: "keep-alive, X-Trace",
        "keep-alive": "timeout=5",
        "x-trace": "1",
        "transfer-encoding": "chunked",
        te: "trailers",
        upgrade: "websocket",
        "proxy-authorization": "secret",
        expect: "100-continue",
        "content-type": "application/json",
      },
      "10.0.0.9",
    );
    expect(out).toEqual({
      host: "api",
      "content-type": "application/json",
      "x-forwarded-for": "10.0.0.9",
      "x-forwarded-proto": "http",
    });
  });

  it("appends to X-Forwarded-For and keeps X-Forwarded-Proto", () => {
    const out = requestHeaders(
      { "x-forwarded-for": "1.2.3.4, 5.6.7.8", "x-forwarded-proto": "https" },
      "10.0.0.9",
    );
    expect(out["x-forwarded-for"]).toBe("1.2.3.4, 5.6.7.8, 10.0.0.9");
    expect(out["x-forwarded-proto"]).toBe("https");
  });

  it("passes response headers through, repeated ones included", () => {
    const out = responseHeaders({
      "set-cookie": ["a=1", "b=2"],
      "content-length": "10",
      connection: "close",
      "keep-alive": "timeout=5",
    });
    expect(out).toEqual({ "set-cookie": ["a=1", "b=2"], "content-length": "10" });
  });

  it("knows when a request has a body", () => {
    expect(hasBody({})).toBe(false);
    expect(hasBody({ "content-length": "0" })).toBe(false);
    expect(hasBody({ "content-length": "12" })).toBe(true);
    expect(hasBody({ "transfer-encoding": "chunked" })).toBe(true);
  });
});

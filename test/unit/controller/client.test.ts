// Request bodies are written as the API server re-encodes them (see goJson).
import { describe, expect, it } from "vitest";
import { goJson } from "../../../controller/src/controller/kube/client.ts";

describe("goJson", () => {
  it("escapes <, >, & and the JavaScript line separators as Go's encoder does", () => {
    const text = goJson({ command: "a => b && c < d", sep: "x\u2028y\u2029z" });
    expect(text).toBe(
      '{"command":"a =\\u003e b \\u0026\\u0026 c \\u003c d","sep":"x\\u2028y\\u2029z"}',
    );
    expect(JSON.parse(text)).toEqual({ command: "a => b && c < d", sep: "x\u2028y\u2029z" });
  });
});

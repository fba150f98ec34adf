import { describe, expect, it } from "vitest";
import {
  compileDirFilter,
  compileGlob,
  expandBraces,
  isGlob,
  splitGlob,
} from "../../../src/artifacts/glob.ts";

describe("glob", () => {
  it("tells globs from plain paths", () => {
    expect(isGlob("models/a.bin")).toBe(false);
    expect(isGlob("models/*.bin")).toBe(true);
    expect(isGlob("models/{a,b}.bin")).toBe(true);
    expect(isGlob("models/a?.bin")).toBe(true);
  });

  it("splits off the static folder before the first wildcard", () => {
    expect(splitGlob("models/v1/**/*.onnx")).toEqual({ base: "models/v1", rest: "**/*.onnx" });
    expect(splitGlob("*.bin")).toEqual({ base: "", rest: "*.bin" });
    expect(splitGlob("a/b")).toEqual({ base: "a/b", rest: "" });
  });

  it("expands braces, nested ones too, and keeps unpaired braces literal", () => {
    expect(expandBraces("{a,b}.{x,y}")).toEqual(["a.x", "a.y", "b.x", "b.y"]);
    expect(expandBraces("m{1,{2,3}}")).toEqual(["m1", "m2", "m3"]);
    expect(compileGlob("a{b.bin")("a{b.bin")).toBe(true);
  });

  it("matches * and ? within one segment, ** across segments", () => {
    const m = compileGlob("*.bin");
    expect(m("a.bin")).toBe(true);
    expect(m(".hidden.bin")).toBe(true);
    expect(m("sub/a.bin")).toBe(false);
    const deep = compileGlob("**/*.onnx");
    expect(deep("x.onnx")).toBe(true);
    expect(deep("a/b/c/x.onnx")).toBe(true);
    expect(deep("a/b/c/x.onnx.txt")).toBe(false);
    expect(compileGlob("part-??.bin")("part-07.bin")).toBe(true);
    expect(compileGlob("part-??.bin")("part-7.bin")).toBe(false);
  });

  it("supports character classes and negated classes", () => {
    expect(compileGlob("[ab].bin")("a.bin")).toBe(true);
    expect(compileGlob("[ab].bin")("c.bin")).toBe(false);
    expect(compileGlob("[!ab].bin")("c.bin")).toBe(true);
    expect(compileGlob("[0-9].bin")("5.bin")).toBe(true);
  });

  it("treats regular-expression characters literally", () => {
    expect(compileGlob("a+b(1).bin")("a+b(1).bin")).toBe(true);
    expect(compileGlob("a.bin")("axbin")).toBe(false);
  });

  it("prunes folders below which nothing can match", () => {
    const d = compileDirFilter("v1/*/weights/*.bin");
    expect(d("v1")).toBe(true);
    expect(d("v1/x")).toBe(true);
    expect(d("v2")).toBe(false);
    expect(d("v1/x/other")).toBe(false);
    expect(compileDirFilter("*.bin")("sub")).toBe(false);
    expect(compileDirFilter("**/*.bin")("a/b/c")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  containerArgv,
  type ImageMap,
  missingImageMessage,
  parseImageMap,
  resolveImage,
} from "../../sandbox/kubelet/image-map.ts";

const map = (file: string, text: string): ImageMap => parseImageMap(file, text);

describe("parseImageMap", () => {
  it("resolves workdir relative to the map file and defaults it to the file's folder", () => {
    const parsed = map(
      "/repo/test/images.yaml",
      [
        "images:",
        "  ghcr.io/acme/iris:*:",
        "    entrypoint: [python3, server.py]",
        "    cmd: [--port, 8080]",
        "    workdir: ../examples/iris",
        "  plain:latest:",
        "    entrypoint: [node, main.js]",
      ].join("\n"),
    );
    expect(parsed.entries).toEqual([
      {
        pattern: "ghcr.io/acme/iris:*",
        entrypoint: ["python3", "server.py"],
        cmd: ["--port", "8080"],
        workdir: "/repo/examples/iris",
        file: "/repo/test/images.yaml",
      },
      {
        pattern: "plain:latest",
        entrypoint: ["node", "main.js"],
        cmd: [],
        workdir: "/repo/test",
        file: "/repo/test/images.yaml",
      },
    ]);
  });

  it("keeps an absolute workdir and reads a string entrypoint as Docker's shell form", () => {
    const parsed = map("/m/i.yaml", "images:\n  x:\n    entrypoint: echo hi\n    workdir: /srv\n");
    expect(parsed.entries[0]?.entrypoint).toEqual(["/bin/sh", "-c", "echo hi"]);
    expect(parsed.entries[0]?.workdir).toBe("/srv");
  });

  it("treats an empty file as no entries and rejects malformed ones with the file name", () => {
    expect(map("/m/empty.yaml", "").entries).toEqual([]);
    expect(() => map("/m/bad.yaml", "foo: 1\n")).toThrow(
      /\/m\/bad\.yaml: expected a top-level "images:"/,
    );
    expect(() => map("/m/bad.yaml", "images:\n  x: [a]\n")).toThrow(
      /images\["x"\]: must be a mapping/,
    );
    expect(() => map("/m/bad.yaml", "images:\n  x:\n    entrypoint: {a: 1}\n")).toThrow(
      /images\["x"\]\.entrypoint: must be a list of strings/,
    );
  });
});

describe("resolveImage", () => {
  const first = map(
    "/a/images.yaml",
    [
      "images:",
      "  sandbox.test/*: {entrypoint: [generic]}",
      "  sandbox.test/http-echo:*: {entrypoint: [echo-a]}",
      "  same:*: {entrypoint: [from-a]}",
    ].join("\n"),
  );
  const second = map(
    "/b/images.yaml",
    [
      "images:",
      "  sandbox.test/http-echo:v2: {entrypoint: [exact-b]}",
      "  sandbox.test/http-echo:v*: {entrypoint: [longer-prefix-b]}",
      "  same:*: {entrypoint: [from-b]}",
    ].join("\n"),
  );
  const maps = [first, second];
  const resolved = (image: string) => resolveImage(maps, image)?.entrypoint[0];

  it("prefers an exact reference over any prefix, even in a later file", () => {
    expect(resolved("sandbox.test/http-echo:v2")).toBe("exact-b");
  });

  it("prefers the longest matching prefix", () => {
    expect(resolved("sandbox.test/http-echo:v3")).toBe("longer-prefix-b");
    expect(resolved("sandbox.test/http-echo:latest")).toBe("echo-a");
    expect(resolved("sandbox.test/other:1")).toBe("generic");
  });

  it("lets the first file win between equal patterns", () => {
    expect(resolved("same:1")).toBe("from-a");
    expect(resolveImage([second, first], "same:1")?.entrypoint[0]).toBe("from-b");
  });

  it("returns undefined when nothing matches", () => {
    expect(resolveImage(maps, "docker.io/library/nginx:1.27")).toBeUndefined();
    expect(resolveImage([], "x")).toBeUndefined();
  });

  it("does not treat a pattern without '*' as a prefix", () => {
    const exactOnly = map("/c/i.yaml", "images:\n  app: {entrypoint: [app]}\n");
    expect(resolveImage([exactOnly], "app:v1")).toBeUndefined();
  });
});

describe("containerArgv", () => {
  const entry = { entrypoint: ["python3", "server.py"], cmd: ["--port", "8080"] };

  it("runs the image's entrypoint and cmd by default", () => {
    expect(containerArgv(entry, undefined, undefined)).toEqual([
      "python3",
      "server.py",
      "--port",
      "8080",
    ]);
  });

  it("replaces the cmd with args", () => {
    expect(containerArgv(entry, undefined, ["--port", "9000"])).toEqual([
      "python3",
      "server.py",
      "--port",
      "9000",
    ]);
  });

  it("replaces the entrypoint with command and then drops the image's cmd", () => {
    expect(containerArgv(entry, ["node", "x.js"], undefined)).toEqual(["node", "x.js"]);
    expect(containerArgv(entry, ["node", "x.js"], ["a"])).toEqual(["node", "x.js", "a"]);
  });
});

it("names the image and every file consulted when there is no mapping", () => {
  const message = missingImageMessage("ghcr.io/acme/x:1", ["/a/images.yaml", "/b/more.yaml"]);
  expect(message).toContain('"ghcr.io/acme/x:1"');
  expect(message).toContain("/a/images.yaml, /b/more.yaml");
  expect(missingImageMessage("x", [])).toContain("SANDBOX_IMAGES is empty");
});

import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactConfigError } from "../../../src/artifacts/errors.ts";
import { resolveArtifacts } from "../../../src/artifacts/resolve.ts";
import type { ArtifactEntry, ArtifactsConfig } from "../../../src/artifacts/types.ts";
import { walk } from "../../../src/artifacts/walk.ts";

let root: string; // the repository
let outside: string; // a folder beside it

beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), "resolve-test-"));
  root = join(base, "repo");
  outside = join(base, "outside");
  await mkdir(join(root, ".git"), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, "secret"), "secret");
});
afterEach(async () => {
  await rm(dirname(root), { recursive: true, force: true });
});

async function files(tree: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A config whose `locate` returns line = 10 * api + entry + 1, column 9 for paths, 10 for mounts. */
function config(apis: ArtifactEntry[][], dir = root): ArtifactsConfig {
  return {
    file: join(dir, "cortex.yaml"),
    dir,
    apis: apis.map((artifacts, i) => ({ name: `api${i}`, artifacts })),
    locate: (path) => ({
      line: 10 * Number(path[0]) + Number(path[2]) + 1,
      column: path[3] === "mount" ? 10 : 9,
    }),
  };
}

async function errorsOf(cfg: ArtifactsConfig) {
  try {
    await resolveArtifacts(cfg);
  } catch (err) {
    if (err instanceof ArtifactConfigError) return err.errors;
    throw err;
  }
  throw new Error("expected an ArtifactConfigError");
}

describe("resolveArtifacts", () => {
  it("maps a file to its name, a folder's contents and a glob's matches under the mount", async () => {
    await files({
      "model.bin": "m",
      "models/iris/a.json": "a",
      "models/iris/sub/b.json": "b",
      "weights/v1/x.onnx": "x",
      "weights/v1/deep/y.onnx": "y",
      "weights/v1/deep/z.txt": "z",
    });
    const [api] = await resolveArtifacts(
      config([
        [
          { path: "model.bin", mount: "/mnt/m" },
          { path: "models/iris", mount: "/mnt/iris/" },
          { path: "weights/v1/**/*.onnx", mount: "/mnt/w" },
        ],
      ]),
    );
    expect(api?.files.map((f) => `${f.mount}:${f.path}`)).toEqual([
      "/mnt/iris:a.json",
      "/mnt/iris:sub/b.json",
      "/mnt/m:model.bin",
      "/mnt/w:deep/y.onnx",
      "/mnt/w:x.onnx",
    ]);
    expect(api?.files[0]).toMatchObject({ source: join(root, "models/iris/a.json"), size: 1 });
  });

  it("defaults the mount to /mnt/artifacts and normalises modes to 644 or 755", async () => {
    await files({ "run.sh": "#!/bin/sh", "data.bin": "d" });
    await chmod(join(root, "run.sh"), 0o700);
    await chmod(join(root, "data.bin"), 0o600);
    const [api] = await resolveArtifacts(config([[{ path: "run.sh" }, { path: "data.bin" }]]));
    expect(api?.files.map((f) => [f.mount, f.path, f.mode])).toEqual([
      ["/mnt/artifacts", "data.bin", 0o644],
      ["/mnt/artifacts", "run.sh", 0o755],
    ]);
  });

  it("leaves out what .cortexignore excludes, and never walks into .git", async () => {
    await files({
      ".cortexignore": "*.tmp\ncache/\n!keep.tmp\n",
      "m/a.bin": "a",
      "m/b.tmp": "b",
      "m/keep.tmp": "k",
      "m/cache/c.bin": "c",
      "m/.git/HEAD": "ref",
    });
    const [api] = await resolveArtifacts(config([[{ path: "m", mount: "/x" }]]));
    expect(api?.files.map((f) => f.path)).toEqual(["a.bin", "keep.tmp"]);
  });

  it("allows `..` that stays inside the repository", async () => {
    await files({ "deploy/cortex.yaml": "", "models/a.bin": "a" });
    const [api] = await resolveArtifacts(
      config([[{ path: "../models/a.bin", mount: "/m" }]], join(root, "deploy")),
    );
    expect(api?.files.map((f) => f.source)).toEqual([join(root, "models/a.bin")]);
  });

  it("follows symlinks that stay inside the repository", async () => {
    await files({ "real/a.bin": "a", "real/sub/b.bin": "b" });
    await mkdir(join(root, "m"));
    await symlink(join(root, "real/a.bin"), join(root, "m/link.bin"));
    await symlink(join(root, "real/sub"), join(root, "m/dir"));
    const [api] = await resolveArtifacts(config([[{ path: "m", mount: "/m" }]]));
    expect(api?.files.map((f) => f.path)).toEqual(["dir/b.bin", "link.bin"]);
  });

  it("refuses `..`, absolute paths and symlinks that leave the repository, at their line", async () => {
    await files({ "m/ok.bin": "ok" });
    await symlink(join(outside, "secret"), join(root, "m/escape"));
    await symlink(outside, join(root, "outdir"));
    const errors = await errorsOf(
      config([
        [
          { path: "../outside/secret", mount: "/m" },
          { path: "/etc/hostname", mount: "/m" },
          { path: "m", mount: "/m" },
        ],
        [{ path: "outdir/secret", mount: "/m" }],
      ]),
    );
    expect(errors.map((e) => [e.line, e.column, e.path])).toEqual([
      [1, 9, "[0].artifacts[0].path"],
      [2, 9, "[0].artifacts[1].path"],
      [3, 9, "[0].artifacts[2].path"],
      [11, 9, "[1].artifacts[0].path"],
    ]);
    expect(errors[0]?.message).toContain("leaves the repository");
    expect(errors[1]?.message).toContain("relative");
    expect(errors[2]?.message).toMatch(
      /^m\/escape is a symlink to \S+\/outside\/secret, outside the repository$/,
    );
    expect(errors[3]?.message).toContain("outside the repository");
    expect(errors[0]?.file).toBe(join(root, "cortex.yaml"));
  });

  it("never uploads a .git folder's files, listed or reached through a symlink", async () => {
    // actions/checkout keeps its token in .git/config.
    await files({ ".git/config": "[http] extraheader = AUTHORIZATION: basic x", "m/ok.bin": "ok" });
    await symlink(join(root, ".git/config"), join(root, "m/cfg"));
    await symlink(join(root, ".git"), join(root, "gitlink"));
    const errors = await errorsOf(
      config([
        [
          { path: ".git/config", mount: "/m" },
          { path: ".git", mount: "/m" },
          { path: "m", mount: "/m" },
          { path: "gitlink", mount: "/m" },
        ],
      ]),
    );
    expect(errors.map((e) => e.message)).toEqual([
      ".git/config is in a .git folder, which is never uploaded (it can hold credentials)",
      ".git is in a .git folder, which is never uploaded (it can hold credentials)",
      "m/cfg is a symlink into a .git folder, which is never uploaded",
      "gitlink is in a .git folder, which is never uploaded (it can hold credentials)",
    ]);
  });

  it("leaves alone a symlink .cortexignore excludes, wherever it points, and names a loop", async () => {
    await files({ "m/ok.bin": "ok", ".cortexignore": "escape\n" });
    await symlink(join(outside, "secret"), join(root, "m/escape"));
    const [api] = await resolveArtifacts(config([[{ path: "m", mount: "/m" }]]));
    expect(api?.files.map((f) => f.path)).toEqual(["ok.bin"]);
    await symlink("b", join(root, "m/a"));
    await symlink("a", join(root, "m/b"));
    const errors = await errorsOf(config([[{ path: "m", mount: "/m" }]]));
    expect(errors[0]?.message).toBe("m/a is a symlink loop");
  });

  it("reports every bad symlink of a folder in one run, each at the entry's line", async () => {
    await files({ "m/ok.bin": "ok", "other/x.bin": "x" });
    await symlink("/etc/passwd", join(root, "m/outside"));
    await symlink("loopA", join(root, "m/loopA"));
    await symlink(".", join(root, "m/selfdir"));
    const errors = await errorsOf(
      config([
        [
          { path: "other", mount: "/o" },
          { path: "m", mount: "/m" },
        ],
      ]),
    );
    expect(errors.map((e) => [e.line, e.column, e.path, e.message])).toEqual([
      [2, 9, "[0].artifacts[1].path", "m/loopA is a symlink loop"],
      [
        2,
        9,
        "[0].artifacts[1].path",
        "m/outside is a symlink to /etc/passwd, outside the repository",
      ],
      [2, 9, "[0].artifacts[1].path", "m/selfdir is a symlink loop"],
    ]);
  });

  it("refuses a file name the pod's downloader cannot use, at its line", async () => {
    await files({ "m/ok.bin": "ok", "m/back\\slash.bin": "x", "m/sub/two\\.bin": "y" });
    const errors = await errorsOf(config([[{ path: "m", mount: "/m" }]]));
    const why =
      "has a backslash in its name, which the pod cannot use; rename it or list it in .cortexignore";
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, `"back\\\\slash.bin" ${why}`],
      [1, `"sub/two\\\\.bin" ${why}`],
    ]);
  });

  it("refuses a file name that is not UTF-8 at its line, rather than failing as a bug", async () => {
    await files({ "m/ok.bin": "ok" });
    // "café.bin" in Latin-1: the é is byte 0xe9, which UTF-8 cannot decode.
    await writeFile(
      Buffer.concat([Buffer.from(join(root, "m/caf")), Buffer.from([0xe9]), Buffer.from(".bin")]),
      "x",
    );
    const errors = await errorsOf(config([[{ path: "m", mount: "/m" }]]));
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        1,
        "m/caf\uFFFD.bin has a name that is not valid UTF-8; rename it or exclude it in .cortexignore",
      ],
    ]);
  });

  it("stops a walk that symlinked folders multiply", async () => {
    // d0 holds two links to d1, d1 two to d2...: 2^depth paths to the last folder.
    for (let i = 0; i < 12; i++) {
      await mkdir(join(root, `m/d${i}`), { recursive: true });
      await writeFile(join(root, `m/d${i}/f.bin`), "x");
    }
    for (let i = 0; i < 11; i++) {
      await symlink(`../d${i + 1}`, join(root, `m/d${i}/a`));
      await symlink(`../d${i + 1}`, join(root, `m/d${i}/b`));
    }
    const walked = await walk(join(root, "m/d0"), {
      repoRoot: await realpath(root),
      ignored: () => false,
      wanted: () => true,
      maxEntries: 1000,
    });
    expect(walked.problems).toEqual([
      expect.objectContaining({
        message:
          "holds more than 1000 files and folders (counting each path a symlinked folder is " +
          "reached by); list the model files themselves",
      }),
    ]);
  });

  it("reports an escaping symlink only where the glob would take it", async () => {
    await files({ "m/a.bin": "a" });
    await symlink(join(outside, "secret"), join(root, "m/escape.txt"));
    const [api] = await resolveArtifacts(config([[{ path: "m/*.bin", mount: "/m" }]]));
    expect(api?.files.map((f) => f.path)).toEqual(["a.bin"]);
    const errors = await errorsOf(config([[{ path: "m/*", mount: "/m" }]]));
    expect(errors[0]?.message).toContain("outside the repository");
  });

  it("treats a glob that matches nothing, or only ignored files, as a located error", async () => {
    await files({ "m/a.txt": "a", "m/b.tmp": "b", ".cortexignore": "*.tmp\n" });
    const errors = await errorsOf(
      config([
        [
          { path: "m/*.onnx", mount: "/m" },
          { path: "m/*.tmp", mount: "/m" },
          { path: "nope/*.bin", mount: "/m" },
          { path: "missing.bin", mount: "/m" },
        ],
      ]),
    );
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(errors[0]?.message).toContain("matches no files");
    expect(errors[1]?.message).toContain("matches no files");
    expect(errors[2]?.message).toBe('matches no files (the folder "nope" does not exist)');
    expect(errors[3]?.message).toContain("no such file or folder");
  });

  // [how, files, [path, mount] per artifact, the place both give]
  it.each<[string, Record<string, string>, [string, string][], string]>([
    [
      "through one mount",
      { "a/m.bin": "1", "b/m.bin": "2" },
      [
        ["a/m.bin", "/m"],
        ["b/m.bin", "/m"],
      ],
      "/m/m.bin",
    ],
    [
      "through two mounts",
      { "d/x/g.bin": "1", "e/g.bin": "2" },
      [
        ["d", "/m"],
        ["e/g.bin", "/m/x/"],
      ],
      "/m/x/g.bin",
    ],
  ])(
    "refuses two different files at the same place in the pod %s",
    async (_, tree, entries, place) => {
      await files(tree);
      const errors = await errorsOf(config([entries.map(([path, mount]) => ({ path, mount }))]));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ line: 2, path: "[0].artifacts[1].path" });
      expect(errors[0]?.message).toBe(`${place} is also provided by artifacts[0]`);
    },
  );

  it("refuses a file where another artifact needs a folder", async () => {
    await files({ x: "a file named x", "d/x/g.bin": "in a folder named x" });
    const errors = await errorsOf(
      config([
        [
          { path: "x", mount: "/m" },
          { path: "d", mount: "/m" },
        ],
      ]),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2, path: "[0].artifacts[1].path" });
    expect(errors[0]?.message).toBe(
      "/m/x/g.bin needs /m/x as a folder, but artifacts[0] puts a file there",
    );
  });

  it("refuses a mount that is not absolute, at the mount's position", async () => {
    await files({ "a.bin": "a" });
    const errors = await errorsOf(config([[{ path: "a.bin", mount: "relative/dir" }]]));
    expect(errors[0]).toMatchObject({ line: 1, column: 10, path: "[0].artifacts[0].mount" });
  });

  it("gives the same order every time and an empty list for an API without artifacts", async () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 50; i++) tree[`m/d${i % 7}/f${i}.bin`] = String(i);
    await files(tree);
    const cfg = config([[{ path: "m", mount: "/m" }], []]);
    const first = await resolveArtifacts(cfg);
    const second = await resolveArtifacts(cfg);
    expect(second).toEqual(first);
    const paths = first[0]?.files.map((f) => f.path) ?? [];
    expect(paths).toEqual([...paths].sort());
    expect(first[1]).toEqual({ name: "api1", files: [] });
  });
});

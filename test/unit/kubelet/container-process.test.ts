import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  findExecutable,
  type LaunchSpec,
  launchArgv,
  prologue,
  shellQuote,
} from "../../sandbox/kubelet/container-process.ts";

const spec: LaunchSpec = {
  argv: ["node", "server.js", "--name=it's"],
  env: {},
  workdir: "/srv/app dir",
  hostname: "web-1",
  mounts: [
    { source: "/state/pods/u/volumes/cfg", target: "/etc/app/conf", readOnly: true, isFile: false },
    {
      source: "/state/pods/u/volumes/art",
      target: "/mnt/artifacts",
      readOnly: false,
      isFile: false,
    },
    { source: "/state/pods/u/volumes/etc", target: "/etc/app", readOnly: false, isFile: false },
    { source: "/state/token", target: "/var/run/token", readOnly: false, isFile: true },
  ],
  netns: "cdsb3-7",
  namespaced: true,
};

describe("shellQuote", () => {
  it("survives a round trip through sh", () => {
    const value = `it's "quoted" $HOME \`x\``;
    expect(
      execFileSync("/bin/sh", ["-c", `printf %s ${shellQuote(value)}`], { encoding: "utf8" }),
    ).toBe(value);
  });
});

describe("prologue", () => {
  const script = prologue(spec);
  const lines = script.split("\n");

  it("sets the hostname, mounts parents before children, then cds and execs", () => {
    expect(lines[0]).toBe("set -e");
    expect(lines[1]).toBe("hostname 'web-1'");
    const mountOrder = lines
      .filter((l) => l.startsWith("mount --bind"))
      .map((l) => l.split(" ").at(-1));
    expect(mountOrder).toEqual([
      "'/etc/app'",
      "'/etc/app/conf'",
      "'/mnt/artifacts'",
      "'/var/run/token'",
    ]);
    expect(lines.at(-2)).toBe("cd '/srv/app dir'");
    expect(lines.at(-1)).toBe('exec "$@"');
  });

  it("remounts read-only mounts and creates file mountpoints as files", () => {
    expect(script).toContain("mount -o remount,bind,ro '/etc/app/conf'");
    expect(script).not.toContain("remount,bind,ro '/mnt/artifacts'");
    expect(script).toContain(`[ -e '/var/run/token' ] || : > '/var/run/token'`);
    expect(script).toContain("mkdir -p '/mnt/artifacts'");
  });

  it("is valid sh", () => {
    expect(() => execFileSync("/bin/sh", ["-n", "-c", script])).not.toThrow();
  });
});

describe("launchArgv", () => {
  it("enters the pod's network namespace, then new mount and UTS namespaces", () => {
    const argv = launchArgv(spec);
    expect(argv.slice(0, 4)).toEqual(["ip", "netns", "exec", "cdsb3-7"]);
    expect(argv.slice(4, 10)).toEqual([
      "unshare",
      "--mount",
      "--uts",
      "--propagation",
      "private",
      "--",
    ]);
    expect(argv.slice(-3)).toEqual(spec.argv);
  });

  it("skips the network namespace in loopback mode and everything without namespaces", () => {
    expect(launchArgv({ ...spec, netns: undefined })[0]).toBe("unshare");
    expect(launchArgv({ ...spec, namespaced: false })).toEqual(spec.argv);
  });
});

describe("findExecutable", () => {
  const dir = mkdtempSync(join(tmpdir(), "kubelet-exec-"));
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "tool"), "#!/bin/sh\n");
  chmodSync(join(dir, "bin", "tool"), 0o755);
  writeFileSync(join(dir, "data.txt"), "not executable");

  it("searches PATH for a bare name and the working directory for a relative path", () => {
    expect(findExecutable("tool", "/", `/nonexistent:${join(dir, "bin")}`)).toBe(
      join(dir, "bin", "tool"),
    );
    expect(findExecutable("./bin/tool", dir, "")).toBe(join(dir, "bin", "tool"));
    expect(findExecutable(join(dir, "bin", "tool"), "/", "")).toBe(join(dir, "bin", "tool"));
  });

  it("rejects what is missing or not executable", () => {
    expect(findExecutable("tool", dir, "/nonexistent")).toBeUndefined();
    expect(findExecutable("./data.txt", dir, "")).toBeUndefined();
    expect(findExecutable("bin", dir, dir)).toBeUndefined();
  });
});

// Starting a container's process: inside the pod's network namespace (`ip netns exec`), in a
// mount and UTS namespace of its own (`unshare`), where a small sh prologue sets the hostname,
// bind-mounts each volume onto its mountPath, changes to the working directory and execs the
// command. The process leads its own process group, so one signal reaches all it forks.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

export interface MountSpec {
  source: string;
  target: string;
  readOnly: boolean;
  /** Bind a file onto a file (hostPath files, subPath into a file). */
  isFile: boolean;
}

export interface LaunchSpec {
  argv: string[];
  env: Record<string, string>;
  workdir: string;
  hostname: string;
  mounts: MountSpec[];
  /** The pod's network namespace; undefined in loopback mode. */
  netns?: string;
  /** Mount/UTS namespaces are available (root); without them volumes are not mounted. */
  namespaced: boolean;
}

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The prologue that runs inside the new namespaces before exec'ing the container command. */
export function prologue(spec: LaunchSpec): string {
  const lines = ["set -e", `hostname ${shellQuote(spec.hostname)}`];
  // Parents before children, so a volume mounted inside another lands on top of it.
  const mounts = [...spec.mounts].sort((a, b) => a.target.length - b.target.length);
  for (const m of mounts) {
    const target = shellQuote(m.target);
    if (m.isFile) {
      lines.push(`mkdir -p "$(dirname ${target})"`, `[ -e ${target} ] || : > ${target}`);
    } else {
      lines.push(`mkdir -p ${target}`);
    }
    lines.push(`mount --bind ${shellQuote(m.source)} ${target}`);
    if (m.readOnly) lines.push(`mount -o remount,bind,ro ${target}`);
  }
  lines.push(`cd ${shellQuote(spec.workdir)}`, 'exec "$@"');
  return lines.join("\n");
}

/** The full command line that starts the container. */
export function launchArgv(spec: LaunchSpec): string[] {
  if (!spec.namespaced) return spec.argv;
  const inner = [
    "unshare",
    "--mount",
    "--uts",
    "--propagation",
    "private",
    "--",
    "/bin/sh",
    "-c",
    prologue(spec),
    "container",
    ...spec.argv,
  ];
  return spec.netns ? ["ip", "netns", "exec", spec.netns, ...inner] : inner;
}

/**
 * Where argv[0] is, as exec would find it (relative to the working directory or on PATH);
 * undefined when it is not there, so the start can fail as Kubernetes' StartError does.
 */
export function findExecutable(command: string, workdir: string, path: string): string | undefined {
  const candidates = command.includes("/")
    ? [isAbsolute(command) ? command : join(workdir, command)]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command));
  for (const file of candidates) {
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export function spawnContainer(spec: LaunchSpec): ChildProcess {
  const [file, ...args] = launchArgv(spec);
  if (!file) throw new Error("empty command");
  return spawn(file, args, {
    env: spec.env,
    cwd: spec.namespaced ? undefined : spec.workdir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

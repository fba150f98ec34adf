// Endpoint rules beyond the schema's character set and length, and our artifacts extension.

import path from "node:path";
import { canonicalEndpoint } from "../defaults.ts";
import { type Issue, issue } from "../issue.ts";
import type { ApiConfig, Artifact } from "../types.ts";

export function checkEndpoint(api: ApiConfig, index: number): Issue[] {
  const endpoint = api.networking.endpoint;
  const at = [index, "networking", "endpoint"];
  if (endpoint.includes("//")) return [issue(at, `must not contain "//", got "${endpoint}"`)];
  if (canonicalEndpoint(endpoint) === "/") {
    return [issue(at, 'cannot be the root path "/"; give the API its own path')];
  }
  return [];
}

function hasDotDot(p: string): boolean {
  return p.split(/[/\\]/).includes("..");
}

/** Where the container runtime puts its own file systems; an artifact volume there breaks them. */
const RUNTIME_PATHS = ["/dev", "/proc", "/sys"];

/** `shm`: some container sets compute.shm, so /dev/shm is the pod's shared-memory volume. */
export function checkArtifacts(
  artifacts: readonly Artifact[],
  index: number,
  shm: boolean,
): Issue[] {
  const out: Issue[] = [];
  artifacts.forEach((a, j) => {
    const at = [index, "artifacts", j];
    if (path.posix.isAbsolute(a.path) || path.win32.isAbsolute(a.path)) {
      out.push(
        issue([...at, "path"], `must be relative to the folder of cortex.yaml, got "${a.path}"`),
      );
    } else if (hasDotDot(a.path)) {
      out.push(
        issue([...at, "path"], `must stay inside the repository (no ".."), got "${a.path}"`),
      );
    }
    if (!a.mount.startsWith("/")) {
      out.push(issue([...at, "mount"], `must be an absolute path in the pod, got "${a.mount}"`));
    } else if (hasDotDot(a.mount)) {
      out.push(issue([...at, "mount"], `must not contain "..", got "${a.mount}"`));
    } else if (path.posix.normalize(a.mount) === "/") {
      out.push(issue([...at, "mount"], `cannot be the pod's root "/"`));
    } else {
      const mount = path.posix.normalize(a.mount).replace(/\/+$/, "");
      const under = (p: string) => mount === p || mount.startsWith(`${p}/`);
      if (under("/dev/shm")) {
        if (shm) {
          out.push(
            issue(
              [...at, "mount"],
              `${a.mount} is where compute.shm puts the pod's shared memory; mount the artifacts elsewhere`,
            ),
          );
        }
      } else if (RUNTIME_PATHS.some(under)) {
        out.push(
          issue(
            [...at, "mount"],
            `cannot be under /dev, /proc or /sys, which the container runtime provides; got "${a.mount}"`,
          ),
        );
      }
    }
  });
  return out;
}

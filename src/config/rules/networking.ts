// Endpoint rules beyond the schema's character set and length, and our artifacts extension.

import path from "node:path";
import { canonicalEndpoint, canonicalMount } from "../defaults.ts";
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

/**
 * Where Kubernetes mounts the pod's ServiceAccount token (/var/run/secrets, often a symlink to
 * /run/secrets, which Docker's secrets use too): an artifact volume there hides the token.
 */
const SECRET_PATHS = ["/var/run/secrets", "/run/secrets"];

/**
 * System folders of an image: a volume on one of them replaces the folder's programs, libraries
 * or configuration with the artifacts, and the container cannot start. Only these exact folders:
 * /etc/model or /usr/local/model are fine, as are /root, /home, /opt, /srv, /mnt and /tmp.
 */
const SYSTEM_FOLDERS: ReadonlySet<string> = new Set([
  "/bin",
  "/boot",
  "/etc",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/run",
  "/sbin",
  "/usr",
  "/usr/bin",
  "/usr/lib",
  "/usr/lib64",
  "/usr/local",
  "/usr/sbin",
  "/usr/share",
  "/var",
  "/var/lib",
  "/var/run",
]);

/** What a volume at `mount` (canonical) would hide, if it is a place artifacts cannot go. */
function hiddenBy(mount: string): string | undefined {
  const under = (p: string) => mount === p || mount.startsWith(`${p}/`);
  if (mount === "/") return "the image's whole file system";
  if (RUNTIME_PATHS.some(under)) return "what the container runtime provides there";
  if (SECRET_PATHS.some(under)) return "the pod's ServiceAccount token and secrets";
  if (SYSTEM_FOLDERS.has(mount)) return `the image's own ${mount}`;
  return undefined;
}

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
    } else {
      const mount = canonicalMount(a.mount);
      const shmFolder = mount === "/dev/shm" || mount.startsWith("/dev/shm/");
      // /dev/shm is free unless compute.shm puts the pod's shared memory there.
      const hidden = shmFolder && !shm ? undefined : hiddenBy(mount);
      if (shmFolder && shm) {
        out.push(
          issue(
            [...at, "mount"],
            `${a.mount} is where compute.shm puts the pod's shared memory; mount the artifacts elsewhere`,
          ),
        );
      } else if (hidden !== undefined) {
        out.push(
          issue(
            [...at, "mount"],
            `cannot be ${JSON.stringify(a.mount)}: a volume there would hide ${hidden}; mount the artifacts elsewhere, such as /mnt/artifacts`,
          ),
        );
      }
    }
  });
  return out;
}

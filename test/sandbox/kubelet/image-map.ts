// The image → command map (DESIGN.md, "The local sandbox"): which local program stands in for a
// container image. Parsing and resolution are pure; image-map-files.ts reads the files.
import { dirname, isAbsolute, resolve } from "node:path";
import { parse } from "yaml";

export interface ImageEntry {
  /** The key as written: an exact reference, or a prefix ending in '*'. */
  pattern: string;
  entrypoint: string[];
  cmd: string[];
  /** Absolute; the map file's folder when the entry names none. */
  workdir: string;
  file: string;
}

export interface ImageMap {
  file: string;
  entries: ImageEntry[];
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  // A string is Docker's shell form.
  if (typeof value === "string") return ["/bin/sh", "-c", value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.map(String);
  }
  throw new Error(`${where}: must be a list of strings`);
}

export function parseImageMap(file: string, text: string): ImageMap {
  const doc = parse(text) as unknown;
  if (doc === null || doc === undefined) return { file, entries: [] };
  const images = (doc as { images?: unknown }).images;
  if (typeof doc !== "object" || images === undefined || images === null) {
    throw new Error(`${file}: expected a top-level "images:" mapping`);
  }
  if (typeof images !== "object" || Array.isArray(images)) {
    throw new Error(`${file}: "images" must map image references to commands`);
  }
  const base = dirname(file);
  const entries: ImageEntry[] = [];
  for (const [pattern, raw] of Object.entries(images as Record<string, unknown>)) {
    const where = `${file}: images["${pattern}"]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new Error(`${where}: must be a mapping with entrypoint/cmd/workdir`);
    }
    const entry = raw as { entrypoint?: unknown; cmd?: unknown; workdir?: unknown };
    if (entry.workdir !== undefined && typeof entry.workdir !== "string") {
      throw new Error(`${where}.workdir: must be a string`);
    }
    const workdir = entry.workdir === undefined ? base : entry.workdir;
    entries.push({
      pattern,
      entrypoint: stringList(entry.entrypoint, `${where}.entrypoint`),
      cmd: stringList(entry.cmd, `${where}.cmd`),
      workdir: isAbsolute(workdir) ? workdir : resolve(base, workdir),
      file,
    });
  }
  return { file, entries };
}

/**
 * The entry for an image. An exact reference beats any prefix; among prefixes the longest wins;
 * on a tie the file listed first in SANDBOX_IMAGES wins (as with PATH).
 */
export function resolveImage(maps: readonly ImageMap[], image: string): ImageEntry | undefined {
  let best: ImageEntry | undefined;
  let bestLength = -1;
  for (const map of maps) {
    for (const entry of map.entries) {
      if (entry.pattern.endsWith("*")) {
        const prefix = entry.pattern.slice(0, -1);
        if (image.startsWith(prefix) && prefix.length > bestLength) {
          best = entry;
          bestLength = prefix.length;
        }
      } else if (entry.pattern === image) {
        return entry;
      }
    }
  }
  return best;
}

/**
 * Kubernetes' rule: `command` replaces the image's ENTRYPOINT (and then its CMD is dropped),
 * `args` replace its CMD.
 */
export function containerArgv(
  entry: Pick<ImageEntry, "entrypoint" | "cmd">,
  command: string[] | undefined,
  args: string[] | undefined,
): string[] {
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  if (args && args.length > 0) return [...entry.entrypoint, ...args];
  return [...entry.entrypoint, ...entry.cmd];
}

export function missingImageMessage(image: string, files: readonly string[]): string {
  const consulted = files.length > 0 ? files.join(", ") : "none (SANDBOX_IMAGES is empty)";
  // "not found", as a registry says of a missing image: the controller fails the rollout at once.
  return `image "${image}" not found: it is not in the sandbox image map; no exact or prefix ('*') entry matches it in SANDBOX_IMAGES files: ${consulted}`;
}

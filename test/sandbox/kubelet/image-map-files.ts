// Reads the image map files, re-reading one only when its modification time changes, so an edit
// takes effect on the next container start without a kubelet restart.
import { readFileSync, statSync } from "node:fs";
import { type ImageMap, parseImageMap } from "./image-map.ts";

export class ImageMapFiles {
  private readonly cache = new Map<string, { mtimeMs: number; map: ImageMap }>();

  constructor(readonly files: readonly string[]) {}

  /** The parsed maps in SANDBOX_IMAGES order; a missing file counts as empty. */
  load(): ImageMap[] {
    const maps: ImageMap[] = [];
    for (const file of this.files) {
      let mtimeMs: number;
      try {
        mtimeMs = statSync(file).mtimeMs;
      } catch {
        this.cache.delete(file);
        continue;
      }
      const cached = this.cache.get(file);
      if (cached && cached.mtimeMs === mtimeMs) {
        maps.push(cached.map);
        continue;
      }
      const map = parseImageMap(file, readFileSync(file, "utf8"));
      this.cache.set(file, { mtimeMs, map });
      maps.push(map);
    }
    return maps;
  }
}

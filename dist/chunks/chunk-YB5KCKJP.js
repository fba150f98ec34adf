import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/artifacts/manifest.ts
import { posix } from "node:path";
function joinKey(prefix, rest) {
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return clean === "" ? rest : `${clean}/${rest}`;
}
function blobKey(prefix, sha256) {
  return joinKey(prefix, `blobs/sha256/${sha256}`);
}
function manifestKey(prefix, sha256) {
  return joinKey(prefix, `manifests/sha256/${sha256}.json`);
}
function compareFiles(a, b) {
  if (a.mount !== b.mount) return a.mount < b.mount ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return 0;
}
function serializeManifest(files) {
  const sorted = [...files].sort(compareFiles);
  const manifest = {
    version: 1,
    files: sorted.map((f) => ({
      path: f.path,
      mount: f.mount,
      sha256: f.sha256,
      size: f.size,
      mode: f.mode
    }))
  };
  return `${JSON.stringify(manifest)}
`;
}
function isSafeRelativePath(p) {
  if (p === "" || p.startsWith("/") || p.includes("\\") || p.includes("\0")) return false;
  return p.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
function fileWhereFolderIsNeeded(byDest) {
  for (const [dest, owner] of byDest) {
    for (let folder = posix.dirname(dest); folder !== "/"; folder = posix.dirname(folder)) {
      const fileOwner = byDest.get(folder);
      if (fileOwner !== void 0) return { dest, folder, owner, fileOwner };
    }
  }
  return void 0;
}

export {
  blobKey,
  manifestKey,
  serializeManifest,
  isSafeRelativePath,
  fileWhereFolderIsNeeded
};

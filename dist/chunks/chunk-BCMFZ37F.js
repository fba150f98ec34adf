import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/artifacts/manifest.ts
import { createHash } from "node:crypto";
import { posix } from "node:path";
var SHA256_HEX = /^[0-9a-f]{64}$/;
var MANIFEST_MAX_BYTES = 64 * 1024 * 1024;
function manifestDigestMismatch(bytes, sha256) {
  const actual = createHash("sha256").update(bytes).digest("hex");
  return actual === sha256 ? void 0 : actual;
}
function joinKey(prefix, rest) {
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return clean === "" ? rest : `${clean}/${rest}`;
}
function prefixRoot(prefix) {
  return joinKey(prefix, "");
}
function blobKey(prefix, sha256) {
  return joinKey(prefix, `blobs/sha256/${sha256}`);
}
function manifestsRoot(prefix) {
  return joinKey(prefix, "manifests/sha256/");
}
function manifestKey(prefix, sha256) {
  return `${manifestsRoot(prefix)}${sha256}.json`;
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
function parseManifest(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`artifact manifest is not JSON: ${err.message}`);
  }
  if (typeof value !== "object" || value === null)
    throw new Error("artifact manifest: not an object");
  const obj = value;
  if (obj.version !== 1)
    throw new Error(`artifact manifest: unsupported version ${String(obj.version)}`);
  if (!Array.isArray(obj.files)) throw new Error("artifact manifest: files is not a list");
  const files = obj.files.map((raw, i) => {
    const f = raw;
    const where = `artifact manifest: files[${i}]`;
    if (typeof f.path !== "string" || !isSafeRelativePath(f.path))
      throw new Error(`${where}.path is not a safe relative path`);
    if (typeof f.mount !== "string" || !f.mount.startsWith("/") || f.mount.split("/").includes(".."))
      throw new Error(`${where}.mount is not an absolute path`);
    if (typeof f.sha256 !== "string" || !SHA256_HEX.test(f.sha256))
      throw new Error(`${where}.sha256 is not a SHA-256 hex digest`);
    if (typeof f.size !== "number" || !Number.isSafeInteger(f.size) || f.size < 0)
      throw new Error(`${where}.size is not a byte count`);
    if (typeof f.mode !== "number" || !Number.isInteger(f.mode) || f.mode < 0 || f.mode > 511 || (f.mode & 256) === 0)
      throw new Error(
        `${where}.mode is not a permission mode from 0400 to 0777 its owner can read`
      );
    return { path: f.path, mount: f.mount, sha256: f.sha256, size: f.size, mode: f.mode };
  });
  checkDestinations(files);
  return { version: 1, files };
}
function checkDestinations(files) {
  const owner = /* @__PURE__ */ new Map();
  files.forEach((f, i) => {
    const dest = posix.join(f.mount, f.path);
    const other = owner.get(dest);
    if (other !== void 0) {
      throw new Error(`artifact manifest: files[${other}] and files[${i}] both write ${dest}`);
    }
    owner.set(dest, i);
  });
  const clash = fileWhereFolderIsNeeded(owner);
  if (clash) {
    throw new Error(
      `artifact manifest: files[${clash.fileOwner}] writes the file ${clash.folder}, which files[${clash.owner}] needs as a folder`
    );
  }
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
  MANIFEST_MAX_BYTES,
  manifestDigestMismatch,
  prefixRoot,
  blobKey,
  manifestsRoot,
  manifestKey,
  serializeManifest,
  isSafeRelativePath,
  parseManifest,
  fileWhereFolderIsNeeded
};

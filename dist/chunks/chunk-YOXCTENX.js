import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  sha256Hex
} from "./chunk-3PPBRAAG.js";
import {
  findRepoRoot
} from "./chunk-EEXP2E6B.js";

// src/kube/config-id.ts
import { readFileSync } from "node:fs";
import path from "node:path";
var LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
function configIdForPath(repoRelativePath, repository) {
  const normalized = repoRelativePath.split(path.sep).join("/").replace(/^\.\//, "");
  return sha256Hex(`${repository}
${normalized}`).slice(0, 16);
}
function normalizeRemote(url) {
  let u = url.trim().replace(/\/+$/, "").replace(/\.git$/, "");
  const scp = /^[^/@:]+@([^:/]+):(?!\/)(.*)$/.exec(u);
  if (scp) u = `${scp[1]}/${scp[2]}`;
  else {
    try {
      const parsed = new URL(u);
      if (parsed.host !== "") u = `${parsed.hostname}${parsed.pathname}`;
    } catch {
    }
  }
  return u.replace(/\/+$/, "").toLowerCase();
}
function originUrl(repoRoot) {
  let text;
  try {
    text = readFileSync(path.join(repoRoot, ".git", "config"), "utf8");
  } catch {
    return void 0;
  }
  let inOrigin = false;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) inOrigin = /^remote\s+"origin"$/.test(section[1] ?? "");
    const url = inOrigin ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line) : null;
    if (url?.[1]) return url[1];
  }
  return void 0;
}
function repositoryName(repoRoot, env) {
  const origin = originUrl(repoRoot);
  if (origin) return normalizeRemote(origin);
  if (env.GITHUB_REPOSITORY) {
    const server = env.GITHUB_SERVER_URL || "https://github.com";
    return normalizeRemote(`${server}/${env.GITHUB_REPOSITORY}`);
  }
  return repoRoot;
}
function checkConfigId(id) {
  if (id === "") return "the config id is empty";
  if (id.length > 63 || !LABEL_VALUE.test(id)) {
    return `the config id '${id}' is not a valid label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  return void 0;
}
function configIdentity(configFile, explicitId, env = process.env) {
  const absolute = path.resolve(configFile);
  const root = findRepoRoot(path.dirname(absolute));
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  return { id: explicitId ?? configIdForPath(relative, repositoryName(root, env)), path: relative };
}

export {
  configIdForPath,
  repositoryName,
  checkConfigId,
  configIdentity
};

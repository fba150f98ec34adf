import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatBytes
} from "./chunk-S6A6OYJH.js";
import {
  listByHexDigit
} from "./chunk-Y2LMNQ7K.js";
import {
  interrupted
} from "./chunk-EQ45TEFW.js";
import {
  listResources
} from "./chunk-5JMQ7LUJ.js";
import {
  createLimiter
} from "./chunk-VEHN3BLQ.js";
import {
  plural
} from "./chunk-IJQPKFB2.js";
import {
  MANIFEST_MAX_BYTES,
  blobKey,
  manifestDigestMismatch,
  manifestKey,
  manifestsRoot,
  parseManifest,
  prefixRoot
} from "./chunk-BCMFZ37F.js";
import {
  failureMessage,
  withClient
} from "./chunk-ZF2MBM3L.js";
import {
  createS3Client
} from "./chunk-7VA77F3F.js";
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import {
  DEFAULT_RETRY,
  errorCode,
  isRetryable,
  statusOf,
  toS3UploadError,
  withRetry
} from "./chunk-VQJSBGHP.js";
import {
  checkBucketName
} from "./chunk-PU3PLDT3.js";
import {
  DeployError,
  describeKubeError
} from "./chunk-FZVE6M4T.js";
import {
  defaultKubeconfigSource
} from "./chunk-6XWRUFJL.js";
import {
  LABELS,
  MANAGED_BY
} from "./chunk-332YSSNY.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/commands/gc.ts
import { setMaxListeners } from "node:events";

// src/artifacts/gc-plan.ts
function isInTarget(root, target) {
  return root.bucket === target.bucket && manifestKey(root.prefix, root.manifest) === manifestKey(target.prefix, root.manifest);
}
var SHA256_HEX = /^[0-9a-f]{64}$/;
var MANIFEST_NAME = /^([0-9a-f]{64})\.json$/;
function ourKey(prefix, key) {
  const blobs = blobKey(prefix, "");
  if (key.startsWith(blobs)) {
    const sha256 = key.slice(blobs.length);
    return SHA256_HEX.test(sha256) ? { kind: "blob", sha256 } : void 0;
  }
  const manifests = manifestsRoot(prefix);
  if (key.startsWith(manifests)) {
    const sha256 = MANIFEST_NAME.exec(key.slice(manifests.length))?.[1];
    return sha256 === void 0 ? void 0 : { kind: "manifest", sha256 };
  }
  return void 0;
}
function neededKeys(target, roots, manifests) {
  const needed = /* @__PURE__ */ new Map();
  const add = (key, source) => {
    const sources = needed.get(key);
    if (sources === void 0) needed.set(key, [source]);
    else if (!sources.includes(source)) sources.push(source);
  };
  for (const root of roots) {
    if (!isInTarget(root, target)) continue;
    const manifest = manifests.get(root.manifest);
    if (manifest === void 0)
      throw new Error(`gc planned without reading manifest ${root.manifest} (a bug)`);
    add(manifestKey(target.prefix, root.manifest), root.source);
    for (const file of manifest.files) add(blobKey(target.prefix, file.sha256), root.source);
  }
  return needed;
}
var emptySet = () => ({ manifests: [], blobs: [] });
function planGc(input) {
  const needed = neededKeys(input.target, input.roots, input.manifests);
  const plan = {
    delete: emptySet(),
    referenced: emptySet(),
    young: emptySet(),
    missing: /* @__PURE__ */ new Map(),
    foreign: 0,
    roots: input.roots.filter((r) => isInTarget(r, input.target)).length
  };
  const listed = /* @__PURE__ */ new Set();
  for (const object of [...input.objects].sort((a, b) => a.key < b.key ? -1 : 1)) {
    const ours = ourKey(input.target.prefix, object.key);
    if (ours === void 0) {
      plan.foreign++;
      continue;
    }
    listed.add(object.key);
    const set = needed.has(object.key) ? plan.referenced : isYoung(object, input.now, input.minAgeMs) ? plan.young : plan.delete;
    (ours.kind === "manifest" ? set.manifests : set.blobs).push(object);
  }
  for (const [key, sources] of needed) if (!listed.has(key)) plan.missing.set(key, sources);
  return plan;
}
function isYoung(object, now, minAgeMs) {
  const modified = object.lastModified?.getTime();
  if (modified === void 0 || Number.isNaN(modified)) return true;
  return now - modified < minAgeMs || modified > now;
}
function totalBytes(objects) {
  return objects.reduce((n, o) => n + o.size, 0);
}

// src/artifacts/gc-report.ts
var EXAMPLE_KEYS = 20;
function users(sources) {
  return sources.length > 1 ? `${sources[0]} and ${sources.length - 1} more` : `${sources[0]}`;
}
function formatSet(set) {
  return `${plural(set.manifests.length, "manifest")} (${formatBytes(totalBytes(set.manifests))}), ${plural(set.blobs.length, "blob")} (${formatBytes(totalBytes(set.blobs))})`;
}
function setSize(set) {
  return set.manifests.length + set.blobs.length;
}
function example(o) {
  const date = o.lastModified ? o.lastModified.toISOString().slice(0, 16).replace("T", " ") : "?";
  return `  ${o.key}  ${formatBytes(o.size)}  ${date}`;
}
function formatPlan(plan, ctx) {
  const lines = [
    `gc: ${ctx.where}: ${plural(plan.roots, "reference")} to it in ${plural(ctx.clusters.length, "cluster")}` + (ctx.others > 0 ? ` (${plural(ctx.others, "reference")} to other buckets or prefixes)` : ""),
    ...ctx.clusters.map((c) => `  ${c}`),
    `${ctx.deleting ? "to delete" : "would delete"}: ${formatSet(plan.delete)}`,
    `kept, in use: ${formatSet(plan.referenced)}`,
    `kept, younger than ${ctx.minAge}: ${formatSet(plan.young)}`
  ];
  if (plan.foreign > 0)
    lines.push(`not gc's (other key shapes), never touched: ${plural(plan.foreign, "object")}`);
  const unused = unusedWarning(plan, ctx);
  if (unused) lines.push(`warning: ${unused}`);
  const candidates = [...plan.delete.manifests, ...plan.delete.blobs];
  if (candidates.length > 0 && !ctx.deleting) {
    lines.push("for example:", ...candidates.slice(0, EXAMPLE_KEYS).map(example));
    if (candidates.length > EXAMPLE_KEYS)
      lines.push(`  \u2026 and ${candidates.length - EXAMPLE_KEYS} more`);
  }
  if (candidates.length === 0) lines.push("nothing to delete");
  else if (!ctx.deleting) {
    lines.push(
      `nothing was deleted; to delete these, ${ctx.howTo?.delete ?? `run:
  ${ctx.deleteCommand ?? "cortex-deploy gc \u2026 --delete"}`}`
    );
  }
  return lines;
}
function unusedWarning(plan, ctx) {
  if (plan.roots > 0 || setSize(plan.delete) === 0) return void 0;
  return `nothing in these clusters uses ${ctx.where}, so everything in it older than ${ctx.minAge} goes. If another cluster deploys from it, ${ctx.howTo?.addCluster ?? "give its --kubeconfig too"}.`;
}
function formatMissing(missing, bucket) {
  const lines = [];
  for (const [key, sources] of [...missing].slice(0, 10)) {
    lines.push(
      `warning: s3://${bucket}/${key} is missing but needed by ${users(sources)}: a new pod of it fails in its downloader until a deploy uploads the file again`
    );
  }
  if (missing.size > 10) lines.push(`warning: \u2026 and ${missing.size - 10} more keys missing`);
  return lines;
}
function formatDeleted(deleted, plan, minAge) {
  return `gc: deleted ${formatSet(deleted)}; kept ${formatSet(plan.referenced)} in use and ${formatSet(plan.young)} younger than ${minAge}`;
}
function deleteAccessHint(bucket, prefix) {
  const resource = `${bucket}/${prefixRoot(prefix)}*`;
  return `the credentials need s3:DeleteObject on ${resource} (arn:aws:s3:::${resource})`;
}
function readAccessHint(bucket, prefix) {
  const resource = `${bucket}/${prefixRoot(prefix)}*`;
  return `gc's credentials need s3:ListBucket on the bucket ${bucket}, and s3:GetObject and s3:DeleteObject on ${resource} (arn:aws:s3:::${resource})`;
}
function describeFailures(failures, bucket, prefix) {
  const byCode = /* @__PURE__ */ new Map();
  for (const f of failures) byCode.set(f.code, [...byCode.get(f.code) ?? [], f]);
  return [...byCode].map(([code, list]) => {
    const hint = code === "AccessDenied" ? ` (${deleteAccessHint(bucket, prefix)})` : "";
    const examples = list.slice(0, 3).map((f) => `s3://${bucket}/${f.key}`).join(", ");
    const more = list.length > 3 ? ` and ${list.length - 3} more` : "";
    return `S3 refused to delete ${plural(list.length, "object")}: ${code}: ${list[0]?.message ?? ""}${hint}; e.g. ${examples}${more}`;
  }).join("\n");
}

// src/artifacts/gc-s3.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);

// src/artifacts/bounded-read.ts
var TooLargeError = class extends Error {
  constructor(limit, received, declared) {
    super(
      declared === void 0 ? `body is larger than ${limit} bytes (stopped after ${received})` : `body is larger than ${limit} bytes (Content-Length ${declared})`
    );
    this.limit = limit;
    this.received = received;
    this.declared = declared;
  }
  limit;
  received;
  declared;
  name = "TooLargeError";
  /** For src/artifacts/retry.ts: no retry can shrink the object. */
  retryable = false;
  /** How the size is known, for messages. */
  get detail() {
    return this.declared === void 0 ? `reading stopped after ${this.received} bytes` : `S3 says ${this.declared} bytes`;
  }
};
async function readAtMost(body, maxBytes, length) {
  if (length !== void 0 && length > maxBytes) {
    body.destroy();
    throw new TooLargeError(maxBytes, 0, length);
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) {
      body.destroy();
      throw new TooLargeError(maxBytes, size);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

// src/artifacts/gc-s3.ts
var MAX_DELETE_BATCH = 1e3;
async function listPrefix(ctx, prefix) {
  const [manifests, blobs] = await Promise.all([
    listByHexDigit(ctx, manifestsRoot(prefix)),
    listByHexDigit(ctx, blobKey(prefix, ""))
  ]);
  return [...manifests, ...blobs];
}
async function readManifests(ctx, prefix, roots, known = /* @__PURE__ */ new Map(), maxBytes = MANIFEST_MAX_BYTES) {
  const byManifest = /* @__PURE__ */ new Map();
  for (const r of roots) {
    if (known.has(r.manifest)) continue;
    byManifest.set(r.manifest, [...byManifest.get(r.manifest) ?? [], r.source]);
  }
  const out = { manifests: new Map(known), problems: [] };
  await Promise.all(
    [...byManifest].map(async ([sha256, sources]) => {
      const key = manifestKey(prefix, sha256);
      const where = `s3://${ctx.bucket}/${key}`;
      let bytes;
      try {
        bytes = await ctx.limiter.run(
          () => withRetry(
            async () => {
              const got = await ctx.client.send(
                new import_client_s3.GetObjectCommand({ Bucket: ctx.bucket, Key: key }),
                { abortSignal: ctx.signal }
              );
              if (got.Body === void 0) return Buffer.alloc(0);
              return await readAtMost(got.Body, maxBytes, got.ContentLength);
            },
            ctx.retry,
            ctx.signal
          )
        );
      } catch (err) {
        if (ctx.signal?.aborted) throw err;
        const missing = statusOf(err) === 404 || errorCode(err) === "NoSuchKey";
        out.problems.push(
          err instanceof TooLargeError ? `${where}, used by ${users(sources)}, is larger than the ${maxBytes} bytes gc reads of a manifest (${err.detail})` : missing ? `${where} is not in S3 but is used by ${users(sources)}` : `${where}, used by ${users(sources)}, cannot be read: ${toS3UploadError(err, "GET", ctx.bucket, key, ctx.hints).message}`
        );
        return;
      }
      const actual = manifestDigestMismatch(bytes, sha256);
      if (actual !== void 0) {
        out.problems.push(
          `${where}, used by ${users(sources)}, has SHA-256 ${actual}, not the ${sha256} its key names`
        );
        return;
      }
      try {
        out.manifests.set(sha256, parseManifest(bytes.toString("utf8")));
      } catch (err) {
        out.problems.push(
          `${where}, used by ${users(sources)}, cannot be parsed: ${err.message}`
        );
      }
    })
  );
  out.problems.sort();
  return out;
}
async function deleteBatch(ctx, prefix, keys) {
  if (keys.length > MAX_DELETE_BATCH)
    throw new RangeError(`at most ${MAX_DELETE_BATCH} keys a DeleteObjects request`);
  let pending = [...keys];
  const failed = [];
  class TransientKeys extends Error {
    constructor(failures) {
      super(failures[0]?.message ?? "transient");
      this.failures = failures;
      this.name = failures[0]?.code ?? "InternalError";
    }
    failures;
  }
  try {
    await ctx.limiter.run(
      () => withRetry(
        async () => {
          const out = await ctx.client.send(
            new import_client_s3.DeleteObjectsCommand({
              Bucket: ctx.bucket,
              Delete: { Objects: pending.map((Key) => ({ Key })), Quiet: true }
            })
            // Not aborted by Ctrl-C: S3 may have deleted the keys of a request cut off, and gc
            // must be able to say what it deleted. Ctrl-C stops the retries instead.
          );
          const again = [];
          for (const e of out.Errors ?? []) {
            const failure = {
              key: e.Key ?? "?",
              code: e.Code ?? "Error",
              message: e.Message ?? ""
            };
            (isRetryable({ name: failure.code }) ? again : failed).push(failure);
          }
          pending = again.map((f) => f.key);
          if (again.length > 0) throw new TransientKeys(again);
        },
        ctx.retry,
        ctx.signal
      )
    );
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    if (!(err instanceof TransientKeys)) {
      throw toS3UploadError(err, "DeleteObjects", ctx.bucket, pending[0] ?? "", {
        AccessDenied: deleteAccessHint(ctx.bucket, prefix)
      });
    }
    failed.push(...err.failures);
  }
  return failed;
}

// src/kube/artifact-roots.ts
var UNKNOWN = /* @__PURE__ */ Symbol("set outside the object");
function describe(kind, meta, cluster) {
  return `${kind}/${meta?.name ?? "?"} in namespace ${meta?.namespace ?? "?"} (${cluster})`;
}
function refOfArtifacts(artifacts, source) {
  if (artifacts === void 0 || artifacts === null) return [];
  const a = typeof artifacts === "object" ? artifacts : {};
  return [{ bucket: a.bucket, prefix: a.prefix, manifest: a.manifest, source }];
}
function refsOfPodTemplate(source, holder) {
  const spec = holder.spec?.template?.spec;
  const containers = [...spec?.initContainers ?? [], ...spec?.containers ?? []];
  const refs = [];
  for (const container of containers) {
    const env = container.env ?? [];
    const read = (name, fallback) => {
      const entry = env.find((e) => e.name === name);
      if (entry === void 0) return fallback;
      return entry.valueFrom !== void 0 ? UNKNOWN : entry.value ?? "";
    };
    if (!env.some((e) => e.name === "CORTEX_MANIFEST")) continue;
    refs.push({
      bucket: read("CORTEX_BUCKET"),
      prefix: read("CORTEX_PREFIX", ""),
      manifest: read("CORTEX_MANIFEST"),
      source: `${source}, container ${container.name ?? "?"}`
    });
  }
  return refs;
}
var SHA256_HEX2 = /^[0-9a-f]{64}$/;
function classifyRef(ref, target) {
  const why = (field, value) => value === UNKNOWN ? `its ${field} is set from a Secret or ConfigMap, which gc does not read` : `its ${field} is ${value === void 0 ? "missing" : `not valid (${JSON.stringify(value)})`}`;
  if (typeof ref.bucket !== "string" || ref.bucket === "")
    return { problem: `${ref.source}: ${why("bucket", ref.bucket)}` };
  if (ref.bucket !== target.bucket) return { other: true };
  if (typeof ref.prefix !== "string")
    return { problem: `${ref.source}: ${why("prefix", ref.prefix)}` };
  if (typeof ref.manifest !== "string" || !SHA256_HEX2.test(ref.manifest))
    return { problem: `${ref.source}: ${why("manifest", ref.manifest)}` };
  const root = {
    bucket: ref.bucket,
    prefix: ref.prefix,
    manifest: ref.manifest,
    source: ref.source
  };
  return isInTarget(root, target) ? { root } : { other: true };
}
function classifyRefs(refs, target) {
  const out = { roots: [], others: 0, problems: [] };
  for (const ref of refs) {
    const c = classifyRef(ref, target);
    if ("root" in c) out.roots.push(c.root);
    else if ("problem" in c) out.problems.push(c.problem);
    else out.others++;
  }
  return out;
}
var OURS = `${LABELS.managedBy}=${MANAGED_BY}`;
var RootsUnreadableError = class extends Error {
  name = "RootsUnreadableError";
};
async function readArtifactRoots(client, cluster, target, signal) {
  const list = async (what, read) => {
    try {
      return { items: await read() };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      return {
        items: [],
        refused: `${cluster}: cannot list ${what} in every namespace: ${describeKubeError(err)}`
      };
    }
  };
  const apps = (plural2) => list(`${plural2} (apps/v1, labelled ${OURS})`, async () => {
    const got = await client.request("GET", `/apis/apps/v1/${plural2}`, {
      query: { labelSelector: OURS },
      signal
    });
    return got.items;
  });
  const lists = await Promise.all([
    list("realtimeapis", async () => (await listResources(client, "RealtimeAPI", void 0)).items),
    apps("controllerrevisions"),
    apps("deployments"),
    apps("replicasets")
  ]);
  const refused = lists.flatMap((l) => l.refused === void 0 ? [] : [l.refused]);
  if (refused.length > 0) throw new RootsUnreadableError(refused.join("\n"));
  const [apis, revisions, deployments, replicaSets] = [
    lists[0].items,
    lists[1].items,
    lists[2].items,
    lists[3].items
  ];
  const refs = [
    ...apis.flatMap(
      (a) => refOfArtifacts(a.spec?.artifacts, describe("realtimeapi", a.metadata, cluster))
    ),
    ...revisions.flatMap(
      (r) => refOfArtifacts(r.data?.spec?.artifacts, describe("controllerrevision", r.metadata, cluster))
    ),
    ...deployments.flatMap(
      (d) => refsOfPodTemplate(describe("deployment", d.metadata, cluster), d)
    ),
    ...replicaSets.flatMap(
      (r) => refsOfPodTemplate(describe("replicaset", r.metadata, cluster), r)
    )
  ];
  return classifyRefs(refs, target);
}

// src/commands/gc.ts
var LIST_CONCURRENCY = 16;
var DELETE_CONCURRENCY = 4;
async function gc(opts) {
  if (opts.bucket.trim() === "") throw new DeployError("the S3 bucket name is empty.");
  checkBucketName(opts.bucket, (odd) => opts.log.warn(`warning: ${odd}`));
  if (!(opts.minAgeSeconds >= 0)) throw new RangeError("the minimum age must be 0 or more seconds");
  const target = { bucket: opts.bucket, prefix: opts.prefix };
  const where = `s3://${opts.bucket}/${prefixRoot(opts.prefix)}`;
  const advanced = opts.advanced ?? {};
  const batchSize = Math.min(advanced.batchSize ?? MAX_DELETE_BATCH, MAX_DELETE_BATCH);
  const s3 = createS3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    maxSockets: LIST_CONCURRENCY + DELETE_CONCURRENCY
  });
  const signal = opts.signal ? AbortSignal.any([opts.signal]) : void 0;
  if (signal) setMaxListeners(0, signal);
  const ctx = {
    client: s3,
    bucket: opts.bucket,
    limiter: createLimiter(LIST_CONCURRENCY),
    retry: { ...DEFAULT_RETRY, ...advanced.retry },
    signal,
    hints: { AccessDenied: readAccessHint(opts.bucket, opts.prefix) }
  };
  const deleted = { manifests: [], blobs: [], uncertain: 0 };
  try {
    return await withClients(opts.clusters, async (clients) => {
      const clusters = clients.map((client, i) => ({
        client,
        name: clusterName(client, opts.clusters[i])
      }));
      const objects = await listPrefix(ctx, opts.prefix);
      const maxBytes = advanced.manifestMaxBytes;
      let known = await readKnown(ctx, clusters, target, void 0, "deleted nothing", maxBytes);
      const plan = planGc({
        target,
        roots: known.roots,
        manifests: known.manifests,
        objects,
        now: advanced.now ?? Date.now(),
        minAgeMs: opts.minAgeSeconds * 1e3
      });
      for (const line of formatPlan(plan, {
        where,
        clusters: clusters.map((c) => c.name),
        others: known.others,
        minAge: opts.minAgeText,
        deleteCommand: opts.deleteCommand,
        howTo: opts.howTo,
        deleting: opts.delete
      }))
        opts.log.info(line);
      for (const line of formatMissing(plan.missing, opts.bucket)) opts.log.warn(line);
      if (opts.minAgeSeconds < 3600)
        opts.log.warn(
          `warning: with a minimum age of ${opts.minAgeText}, what an upload or deploy running now has just uploaded can be deleted: use it only when none runs`
        );
      const result = {
        plan,
        deleted: { manifests: deleted.manifests, blobs: deleted.blobs },
        keptOnReread: 0,
        clusters: clusters.map((c) => c.name),
        others: known.others
      };
      if (!opts.delete || setSize(plan.delete) === 0) return result;
      await advanced.afterPlan?.(plan);
      const replan = async (soFar) => {
        known = await readKnown(ctx, clusters, target, known, soFar, maxBytes);
        return planGc({
          target,
          roots: known.roots,
          manifests: known.manifests,
          objects: [...plan.delete.manifests, ...plan.delete.blobs],
          now: advanced.now ?? Date.now(),
          minAgeMs: 0
        });
      };
      const progress = throttled(advanced.progressIntervalMs ?? 5e3);
      const phase = async (what, soFar) => {
        const fresh = await replan(soFar);
        const keep = plan.delete[what].length - fresh.delete[what].length;
        if (keep > 0) {
          result.keptOnReread += keep;
          opts.log.info(
            `gc: kept ${plural(keep, what.slice(0, -1))} that a deploy started using meanwhile`
          );
        }
        const total = fresh.delete[what];
        const stopped = () => `gc: deleted ${formatSet(deleted)} before stopping` + (what === "manifests" ? "; no blob, so every manifest left still has its blobs" : "");
        let failures;
        try {
          const done = { deleted: deleted[what], all: deleted };
          failures = await deleteAll(ctx, opts.prefix, total, batchSize, done, () => {
            if (progress())
              opts.log.info(
                `gc: deleted ${deleted[what].length}/${total.length} ${what} (${formatBytes(totalBytes(deleted[what]))} of ${formatBytes(totalBytes(total))})`
              );
          });
        } catch (err) {
          if (signal?.aborted) throw err;
          throw new DeployError(`${failureMessage(err)}
${stopped()}`);
        }
        if (failures.length > 0)
          throw new DeployError(
            `${describeFailures(failures, opts.bucket, opts.prefix)}
${stopped()}`
          );
      };
      await phase("manifests", "deleted nothing");
      await phase("blobs", `deleted ${plural(deleted.manifests.length, "manifest")} and no blob`);
      opts.log.info(formatDeleted(deleted, plan, opts.minAgeText));
      await checkAfter(ctx, clusters, target, known, deleted, opts.log, maxBytes);
      return result;
    });
  } catch (err) {
    const uncertain = deleted.uncertain > 0 ? `; ${plural(deleted.uncertain, "more object")}, in requests that failed as it stopped, may be gone too` : "";
    const stopped = interrupted(
      opts.signal,
      setSize(deleted) === 0 && deleted.uncertain === 0 ? "nothing was deleted" : `deleted ${formatSet(deleted)} before stopping${uncertain}; the rest is still in S3 and a re-run deletes it`
    );
    throw stopped ?? err;
  } finally {
    s3.destroy();
  }
}
function withClients(clusters, fn) {
  const open = (rest, clients) => {
    const [first, ...others] = rest;
    if (first === void 0) return fn(clients);
    return withClient(first, (client) => open(others, [...clients, client]));
  };
  return open(clusters.length === 0 ? [{}] : clusters, []);
}
function clusterName(client, access) {
  const source = access?.context === void 0 ? access?.kubeconfigSource : `context ${access.context} of ${access.kubeconfigSource ?? defaultKubeconfigSource()}`;
  return `cluster ${client.server}${source ? ` (${source})` : ""}`;
}
async function readRefs(clusters, target, signal) {
  const settled = await Promise.allSettled(
    clusters.map((c) => readArtifactRoots(c.client, c.name, target, signal))
  );
  const out = { roots: [], others: 0, problems: [] };
  for (const s of settled) {
    if (s.status === "rejected") {
      if (!(s.reason instanceof RootsUnreadableError)) throw s.reason;
      out.problems.push(...s.reason.message.split("\n"));
      continue;
    }
    out.roots.push(...s.value.roots);
    out.problems.push(...s.value.problems);
    out.others += s.value.others;
  }
  return out;
}
async function readKnown(ctx, clusters, target, known, soFar, maxBytes) {
  const refs = await readRefs(clusters, target, ctx.signal);
  const roots = [...known?.roots ?? [], ...refs.roots];
  const read = await readManifests(ctx, target.prefix, roots, known?.manifests, maxBytes);
  const problems = [...refs.problems, ...read.problems];
  if (problems.length > 0) {
    throw new DeployError(
      `gc ${soFar}: it cannot tell what these need, so it cannot tell what is safe to delete:
` + problems.map((p) => `  ${p}`).join("\n") + "\nGive gc list access to RealtimeAPIs, ControllerRevisions, Deployments and ReplicaSets in every namespace, and fix or delete what names a missing manifest (a deploy of that API uploads it again), then run gc again."
    );
  }
  return { roots, manifests: read.manifests, others: refs.others };
}
async function deleteAll(ctx, prefix, objects, batchSize, done, onBatch) {
  const limiter = createLimiter(DELETE_CONCURRENCY);
  const batches = [];
  for (let i = 0; i < objects.length; i += batchSize) batches.push(objects.slice(i, i + batchSize));
  const failures = [];
  let stop = false;
  const settled = await Promise.allSettled(
    batches.map(
      (batch) => limiter.run(async () => {
        if (stop || ctx.signal?.aborted) return;
        try {
          const failed = await deleteBatch(
            ctx,
            prefix,
            batch.map((o) => o.key)
          );
          const refused = new Set(failed.map((f) => f.key));
          for (const o of batch) if (!refused.has(o.key)) done.deleted.push(o);
          failures.push(...failed);
          if (failed.length > 0) stop = true;
          onBatch();
        } catch (err) {
          stop = true;
          if (ctx.signal?.aborted) done.all.uncertain += batch.length;
          throw err;
        }
      })
    )
  );
  ctx.signal?.throwIfAborted();
  const error = settled.find((s) => s.status === "rejected");
  if (error) throw error.reason;
  return failures;
}
async function checkAfter(ctx, clusters, target, known, deleted, log, maxBytes) {
  const refs = await readRefs(clusters, target, ctx.signal);
  const read = await readManifests(ctx, target.prefix, refs.roots, known.manifests, maxBytes);
  const needed = neededKeys(
    target,
    refs.roots.filter((r) => read.manifests.has(r.manifest)),
    read.manifests
  );
  for (const r of refs.roots)
    if (!read.manifests.has(r.manifest))
      needed.set(manifestKey(target.prefix, r.manifest), [r.source]);
  const lost = [...deleted.manifests, ...deleted.blobs].filter((o) => needed.has(o.key));
  for (const p of [...refs.problems, ...read.problems])
    log.warn(`warning: after deleting, gc cannot judge a reference: ${p}`);
  if (lost.length === 0) return;
  const users2 = [...new Set(lost.flatMap((o) => needed.get(o.key) ?? []))];
  throw new DeployError(
    `a deploy that ran during gc uses ${lost.length} of the objects gc deleted (e.g. s3://${target.bucket}/${lost[0]?.key}); deploy these again to upload them: ` + users2.join("; ")
  );
}
function throttled(intervalMs) {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}

export {
  totalBytes,
  formatSet,
  setSize,
  unusedWarning,
  gc
};

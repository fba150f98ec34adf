import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  manifestKey,
  serializeManifest
} from "./chunk-YB5KCKJP.js";
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import {
  statusOf,
  toS3UploadError,
  withRetry
} from "./chunk-E4RQTGAK.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/artifacts/manifest-write.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
import { createHash } from "node:crypto";
function buildManifest(prefix, files) {
  const bytes = Buffer.from(serializeManifest(files), "utf8");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { sha256, key: manifestKey(prefix, sha256), bytes };
}
async function writeManifest(ctx, manifest) {
  const run = (action, send) => ctx.limiter.run(() => withRetry(send, ctx.retry, ctx.signal)).catch((err) => {
    if (action === "HEAD" && statusOf(err) === 404) throw err;
    throw toS3UploadError(err, action, ctx.bucket, manifest.key);
  });
  const exists = await run(
    "HEAD",
    () => ctx.client.send(new import_client_s3.HeadObjectCommand({ Bucket: ctx.bucket, Key: manifest.key }), {
      abortSignal: ctx.signal
    })
  ).then(
    (head) => head.ContentLength === manifest.bytes.length,
    (err) => {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  );
  if (exists) return false;
  await run(
    "PUT",
    () => ctx.client.send(
      new import_client_s3.PutObjectCommand({
        Bucket: ctx.bucket,
        Key: manifest.key,
        Body: manifest.bytes,
        ContentType: "application/json",
        ChecksumSHA256: Buffer.from(manifest.sha256, "hex").toString("base64")
      }),
      { abortSignal: ctx.signal }
    )
  );
  return true;
}

export {
  buildManifest,
  writeManifest
};

import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  manifestKey
} from "./chunk-BCMFZ37F.js";
import {
  createS3Client
} from "./chunk-7VA77F3F.js";
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import {
  DEFAULT_RETRY,
  S3UploadError,
  errorCode,
  isRetryable,
  statusOf,
  toS3UploadError,
  withRetry
} from "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/kube/manifest-check.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
var CHECK_RETRY = { ...DEFAULT_RETRY, maxAttempts: 4 };
async function checkManifest(ref, opts = {}) {
  const key = manifestKey(ref.prefix, ref.manifest);
  const where = `s3://${ref.bucket}/${key}`;
  const endpoint = ref.endpoint ?? opts.endpoint;
  const client = createS3Client({
    region: ref.region ?? opts.region,
    endpoint,
    forcePathStyle: ref.force_path_style ?? (endpoint ? true : void 0),
    maxSockets: 2
  });
  try {
    await withRetry(
      () => client.send(new import_client_s3.HeadObjectCommand({ Bucket: ref.bucket, Key: key })),
      CHECK_RETRY
    );
    return { ok: true };
  } catch (err) {
    if (isNotFound(err)) {
      if (await bucketMissing(client, ref.bucket)) {
        return {
          ok: false,
          missing: false,
          refused: true,
          code: "NoSuchBucket",
          message: `the bucket ${ref.bucket} does not exist (check --bucket and the region or endpoint)`
        };
      }
      return {
        ok: false,
        missing: true,
        refused: false,
        message: `its artifacts manifest ${where} is gone from S3`
      };
    }
    const failed = toS3UploadError(err, "HEAD", ref.bucket, key);
    const status = statusOf(err);
    return {
      ok: false,
      missing: false,
      refused: status !== void 0 && status >= 400 && status < 500 && !isRetryable(err),
      code: failed instanceof S3UploadError ? failed.code : errorCode(err),
      message: failed.message
    };
  } finally {
    client.destroy();
  }
}
var NOT_FOUND = /* @__PURE__ */ new Set(["NotFound", "NoSuchKey", "NoSuchBucket"]);
function isNotFound(err) {
  return statusOf(err) === 404 || NOT_FOUND.has(errorCode(err));
}
async function bucketMissing(client, bucket) {
  try {
    await withRetry(() => client.send(new import_client_s3.HeadBucketCommand({ Bucket: bucket })), CHECK_RETRY);
    return false;
  } catch (err) {
    return isNotFound(err);
  }
}
export {
  checkManifest
};

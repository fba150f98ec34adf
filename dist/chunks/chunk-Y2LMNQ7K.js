import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import {
  toS3UploadError,
  withRetry
} from "./chunk-VQJSBGHP.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/artifacts/list.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
async function listObjects(ctx, keyPrefix) {
  const found = [];
  let token;
  do {
    const page = await ctx.limiter.run(
      () => withRetry(
        () => ctx.client.send(
          new import_client_s3.ListObjectsV2Command({
            Bucket: ctx.bucket,
            Prefix: keyPrefix,
            ContinuationToken: token,
            MaxKeys: 1e3
          }),
          { abortSignal: ctx.signal }
        ),
        ctx.retry,
        ctx.signal
      ).catch((err) => {
        throw toS3UploadError(err, "list", ctx.bucket, keyPrefix, ctx.hints);
      })
    );
    for (const o of page.Contents ?? []) {
      if (o.Key && o.Size !== void 0)
        found.push({ key: o.Key, size: o.Size, lastModified: o.LastModified });
    }
    token = page.IsTruncated ? page.NextContinuationToken : void 0;
  } while (token);
  return found;
}
var HEX = "0123456789abcdef";
async function listByHexDigit(ctx, root) {
  const pages = await Promise.all([...HEX].map((digit) => listObjects(ctx, root + digit)));
  return pages.flat();
}

export {
  listByHexDigit
};

import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  DeployError
} from "./chunk-FZVE6M4T.js";

// src/artifacts/bucket-name.ts
var FLAGS = "(--bucket; in the Action, the bucket input)";
function bucketNameProblem(bucket) {
  if (/^https?:\/\//i.test(bucket)) {
    return `the bucket "${bucket}" is a URL; give the bucket's name alone, and an S3-compatible endpoint as --s3-endpoint (in the Action, the s3-endpoint input)`;
  }
  const s3Url = /^s3:\/\//i.test(bucket);
  if (s3Url || bucket.includes("/")) {
    const [name = "", ...rest] = bucket.replace(/^s3:\/\//i, "").split("/");
    const path = rest.filter((p) => p !== "").join("/");
    const split = path === "" ? `: "${name}"` : ` and the key path as the prefix: bucket "${name}", prefix "${path}"`;
    return `the bucket "${bucket}" is ${s3Url ? "an S3 URL" : "a path"}; give the bucket's name alone${split} (--bucket and --prefix; in the Action, the bucket and prefix inputs)`;
  }
  if (/\s/.test(bucket))
    return `the bucket "${bucket}" has white space in it; a bucket name has none`;
  const odd = [...new Set(bucket.replace(/[A-Za-z0-9._-]/g, ""))];
  if (odd.length > 0) {
    return `the bucket "${bucket}" has ${odd.map((c) => JSON.stringify(c)).join(", ")} in it, which no S3 bucket name has: a name has lowercase letters, digits, dots and hyphens ${FLAGS}`;
  }
  if (bucket.length < 3)
    return `the bucket "${bucket}" is shorter than any S3 bucket name (at least 3 characters) ${FLAGS}`;
  if (bucket.length > 255)
    return `the bucket name is ${bucket.length} characters long, longer than any S3 bucket name (at most 63; 255 in old buckets) ${FLAGS}`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) {
    return `the bucket "${bucket}" is an IP address, which S3 does not allow as a bucket name; give the bucket's name, and an S3-compatible endpoint as --s3-endpoint (in the Action, the s3-endpoint input)`;
  }
  return void 0;
}
function bucketNameWarning(bucket) {
  const why = [];
  if (/[A-Z]/.test(bucket)) why.push("uppercase letters");
  if (bucket.includes("_")) why.push("underscores");
  if (bucket.includes("..")) why.push("two dots in a row");
  if (!/^[A-Za-z0-9]/.test(bucket) || !/[A-Za-z0-9]$/.test(bucket))
    why.push("a first or last character that is not a letter or digit");
  if (bucket.length > 63) why.push(`${bucket.length} characters (new buckets have at most 63)`);
  if (why.length === 0) return void 0;
  return `the bucket name "${bucket}" has ${why.join(" and ")}, which S3 allows only in buckets made in us-east-1 before March 2018 (most S3-compatible stores refuse them); if S3 refuses the bucket, check its name ${FLAGS}`;
}
function checkBucketName(bucket, warn) {
  const problem = bucketNameProblem(bucket);
  if (problem !== void 0) throw new DeployError(`${problem}.`);
  const odd = bucketNameWarning(bucket);
  if (odd !== void 0) warn(odd);
}

export {
  bucketNameWarning,
  checkBucketName
};

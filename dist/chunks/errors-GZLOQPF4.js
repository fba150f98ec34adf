import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ArtifactConfigError,
  ArtifactReadError,
  FileChangedError,
  PERMISSION_HINT,
  S3EndpointError,
  S3UploadError,
  toS3UploadError
} from "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-5ZXHR5OE.js";
export {
  ArtifactConfigError,
  ArtifactReadError,
  FileChangedError,
  PERMISSION_HINT,
  S3EndpointError,
  S3UploadError,
  toS3UploadError
};

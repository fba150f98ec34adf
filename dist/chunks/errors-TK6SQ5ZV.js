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
} from "./chunk-TCZGVXT6.js";
import "./chunk-EPVDL62P.js";
import "./chunk-YHS6YUQK.js";
import "./chunk-332YSSNY.js";
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

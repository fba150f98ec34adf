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
} from "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
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

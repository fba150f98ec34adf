import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ArtifactConfigError,
  ArtifactReadError,
  S3EndpointError,
  S3UploadError,
  toS3UploadError
} from "./chunk-E4RQTGAK.js";
import "./chunk-5ZXHR5OE.js";
export {
  ArtifactConfigError,
  ArtifactReadError,
  S3EndpointError,
  S3UploadError,
  toS3UploadError
};

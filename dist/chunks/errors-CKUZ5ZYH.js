import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ArtifactConfigError,
  S3EndpointError,
  S3UploadError,
  toS3UploadError
} from "./chunk-RABXOKRH.js";
import "./chunk-5ZXHR5OE.js";
export {
  ArtifactConfigError,
  S3EndpointError,
  S3UploadError,
  toS3UploadError
};

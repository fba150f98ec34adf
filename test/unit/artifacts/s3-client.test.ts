// Path-style addressing: chosen by the endpoint unless set either way.
import { describe, expect, it } from "vitest";
import { createS3Client, s3EndpointFromEnv } from "../../../src/artifacts/s3-client.ts";

const pathStyle = (endpoint: string | undefined, forcePathStyle: boolean | undefined) => {
  const client = createS3Client({ endpoint, forcePathStyle, region: "us-east-1", maxSockets: 1 });
  try {
    return client.config.forcePathStyle;
  } finally {
    client.destroy();
  }
};

describe("createS3Client", () => {
  it("uses path-style with an endpoint and virtual-hosted style for AWS, unless told", () => {
    expect(pathStyle("http://minio:9000", undefined)).toBe(true);
    expect(pathStyle(undefined, undefined)).toBe(false);
    expect(pathStyle("http://oss.example.com", false)).toBe(false);
    expect(pathStyle(undefined, true)).toBe(true);
  });
});

describe("s3EndpointFromEnv (the uploader and the pods' downloader alike)", () => {
  it("takes the flag, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL", () => {
    const env = { AWS_ENDPOINT_URL_S3: "http://s3-only:9000", AWS_ENDPOINT_URL: "http://all:9000" };
    expect(s3EndpointFromEnv("http://flag:9000", env)).toBe("http://flag:9000");
    expect(s3EndpointFromEnv(undefined, env)).toBe("http://s3-only:9000");
    expect(s3EndpointFromEnv("", { AWS_ENDPOINT_URL: "http://all:9000" })).toBe("http://all:9000");
    expect(s3EndpointFromEnv(undefined, {})).toBeUndefined();
  });
});

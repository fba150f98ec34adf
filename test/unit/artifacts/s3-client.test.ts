// Path-style addressing: chosen by the endpoint unless set either way.
import { describe, expect, it } from "vitest";
import { createS3Client } from "../../../src/artifacts/s3-client.ts";

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

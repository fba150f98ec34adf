// Path-style addressing: chosen by the endpoint unless set either way.
import { describe, expect, it } from "vitest";
import { S3EndpointError } from "../../../src/artifacts/errors.ts";
import {
  createS3Client,
  s3EndpointFromEnv,
  s3EndpointProblem,
} from "../../../src/artifacts/s3-client.ts";

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

describe("s3EndpointProblem", () => {
  it("accepts http and https URLs", () => {
    expect(s3EndpointProblem("http://127.0.0.1:7070")).toBeUndefined();
    expect(s3EndpointProblem("https://s3.eu-west-1.amazonaws.com")).toBeUndefined();
  });

  it("refuses a URL with a user name or password, without repeating them", () => {
    const problem = s3EndpointProblem("https://AKIAUSER:s3cr3t-pw@minio.example.com");
    expect(problem).toMatch(/must not hold a user name or password.*AWS credential chain/);
    expect(problem).not.toMatch(/s3cr3t-pw|AKIAUSER/);
  });

  it("refuses what is not an http(s) URL, quoting it unless it may hold a password", () => {
    expect(s3EndpointProblem("minio:9000")).toMatch(/'minio:9000' is not a URL like https:/);
    expect(s3EndpointProblem("127.0.0.1:9000")).toMatch(/'127\.0\.0\.1:9000' is not a URL/);
    expect(s3EndpointProblem("user:s3cr3t-pw@minio")).not.toMatch(/s3cr3t-pw/);
  });
});

describe("s3EndpointFromEnv refusals", () => {
  it("names where a refused endpoint came from", () => {
    expect(() => s3EndpointFromEnv("ftp://x", {})).toThrow(S3EndpointError);
    expect(() => s3EndpointFromEnv("ftp://x", {})).toThrow(/from --s3-endpoint/);
    expect(() =>
      s3EndpointFromEnv(undefined, { AWS_ENDPOINT_URL: "http://k:secret-pw@host" }),
    ).toThrow(/^the S3 endpoint from AWS_ENDPOINT_URL must not hold a user name/);
  });
});

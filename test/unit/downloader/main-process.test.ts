// The downloader as the init container runs it (a real process, no server): which S3 endpoint it
// picks from the environment, and that every failure before and around the download is one JSON
// error line and exit 1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { manifestKey } from "../../../src/artifacts/manifest.ts";
import { repoRoot } from "../proxy/support/processes.ts";

const MAIN = path.join(repoRoot, "controller/src/main.ts");
const MANIFEST = "c".repeat(64);
const root = mkdtempSync(path.join(tmpdir(), "cortex-downloader-main-"));

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `main.js downloader` with only `env` (and PATH, HOME) set, undefined ones left out. */
function download(env: Record<string, string | undefined>, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      MAIN,
      "downloader",
      "--bucket",
      "models",
      "--prefix",
      "team",
      "--manifest",
      MANIFEST,
      "--root",
      root,
      "--attempts",
      "1",
      ...args,
    ],
    {
      cwd: repoRoot,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        HOME: root,
        // Keys so the SDK gets as far as the network; nothing listens where they would go.
        AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_REGION: "us-east-1",
        AWS_EC2_METADATA_DISABLED: "true",
        ...env,
      },
      timeout: 30_000,
    },
  );
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, lines };
}

/** The only line of `lines`, parsed; fails (showing them) if there are others or it is not JSON. */
function onlyJsonLine(lines: string[]): Record<string, unknown> {
  expect(lines, lines.join("\n")).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

describe("the downloader's S3 endpoint, as the uploader resolves it", () => {
  it("uses AWS_ENDPOINT_URL_S3 when both are set (the process)", () => {
    // A bad _S3 next to a usable generic one: the error shows which one was taken.
    const run = download({
      AWS_ENDPOINT_URL_S3: "localhost:9000",
      AWS_ENDPOINT_URL: "http://127.0.0.1:1",
    });
    expect(run.code).toBe(1);
    expect(onlyJsonLine(run.lines)).toMatchObject({
      level: "error",
      component: "downloader",
      msg: expect.stringMatching(
        /^the S3 endpoint from AWS_ENDPOINT_URL_S3 'localhost:9000' is not a URL like /,
      ),
    });
  });
});

describe("downloader failures are one JSON error line and exit 1", () => {
  it("a bad AWS_ENDPOINT_URL, named as such", () => {
    const run = download({ AWS_ENDPOINT_URL: "localhost:9000" });
    expect(run.code).toBe(1);
    const line = onlyJsonLine(run.lines);
    expect(line).toMatchObject({ level: "error", component: "downloader" });
    expect(line.msg).toMatch(/^the S3 endpoint from AWS_ENDPOINT_URL 'localhost:9000' is not/);
    expect(line.msg).not.toContain("--s3-endpoint");
  });

  it("no region (AWS S3, nothing in the reference or the environment), saying where to set one", () => {
    const run = download({ AWS_REGION: undefined }); // spawn leaves out undefined variables
    expect(run.code).toBe(1);
    expect(onlyJsonLine(run.lines).msg).toMatch(
      /Region is missing \(the pod has no AWS region: deploy again, .*AWS_REGION in the cortex-deploy-artifacts Secret\)$/,
    );
  });

  it("no credentials (a new namespace without the Secret), saying what to create", () => {
    const run = download({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect(run.code).toBe(1);
    expect(onlyJsonLine(run.lines).msg).toMatch(
      /Could not load credentials.* \(the pod has no S3 credentials: create the Secret cortex-deploy-artifacts in this namespace with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, /,
    );
  });

  it("a manifest the network cannot fetch, naming its s3:// object", () => {
    const run = download({}, "--s3-endpoint", "http://127.0.0.1:1");
    expect(run.code).toBe(1);
    const line = onlyJsonLine(run.lines);
    expect(line).toMatchObject({ level: "error", component: "downloader" });
    expect(line.msg).toMatch(
      new RegExp(
        `^cannot read artifact manifest s3://models/${manifestKey("team", MANIFEST)} after 1 attempt: .*ECONNREFUSED`,
      ),
    );
  });
});

describe("the termination message (--termination-log, as the pod sets it)", () => {
  it("gets the failure's sentence, digests cut short, and nothing else of the log", () => {
    const file = path.join(root, "termination-log");
    const run = download({ CORTEX_TERMINATION_LOG: file }, "--s3-endpoint", "http://127.0.0.1:1");
    expect(run.code).toBe(1);
    const msg = onlyJsonLine(run.lines).msg as string;
    const written = readFileSync(file, "utf8");
    expect(written).toBe(msg.replace("c".repeat(64), `${"c".repeat(12)}…`));
    expect(written).toMatch(
      /^cannot read artifact manifest s3:\/\/models\/team\/manifests\/sha256\/cccccccccccc…\.json after 1 attempt: /,
    );
  });
});

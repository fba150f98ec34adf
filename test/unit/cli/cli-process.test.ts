// Runs the bundled CLI (dist/cli.js) as a process and checks its exit codes and output.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runNode } from "../../support/run-node.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cortex-deploy-cli-"));
  await writeFile(
    path.join(dir, "ok.yaml"),
    "- name: hello\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/hello:1\n",
  );
  await writeFile(
    path.join(dir, "bad.yaml"),
    "- name: Hello\n  kind: RealtimeAPI\n  pod:\n    port: 8888\n    containers:\n      - name: api\n        image: x/hello:1\n",
  );
});

/** A local port that nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const cli = (...args: string[]) => runNode("dist/cli.js", args, { cwd: dir });

describe("cortex-deploy validate", () => {
  it("exits 0 and lists the APIs of a valid file", async () => {
    const r = await cli("validate", "-c", "ok.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\.yaml: valid, 1 API\n\s+RealtimeAPI\s+hello\s+\/hello/);
  });

  it("exits 1 and prints every error as FILE:LINE:COL: error: PATH: message", async () => {
    const r = await cli("validate", "-c", "bad.yaml");
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.yaml:1:9: error: \[0\]\.name: /),
        expect.stringMatching(/^bad\.yaml:4:11: error: \[0\]\.pod\.port: .*8888/),
      ]),
    );
    expect(lines.at(-1)).toBe("bad.yaml: 2 errors");
  });

  it("prints errors as JSON for editors and bots", async () => {
    const r = await cli("validate", "-c", "bad.yaml", "--format", "json");
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as {
      valid: boolean;
      errors: { path: string; line: number }[];
    };
    expect(body.valid).toBe(false);
    expect(body.errors.map((e) => [e.path, e.line])).toEqual([
      ["[0].name", 1],
      ["[0].pod.port", 4],
    ]);
  });

  it("prints warnings with their line and exits 0 when there are only warnings", async () => {
    await writeFile(
      path.join(dir, "twice.yaml"),
      "- name: hello\n  kind: RealtimeAPI\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/hello:1\n",
    );
    const warning =
      "twice.yaml:3:3: warning: [0].kind: duplicate key `kind`; the last one is used (as Cortex does)";
    const r = await cli("validate", "-c", "twice.yaml");
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split("\n")).toEqual([warning]);
    expect(r.stdout).toMatch(/^twice\.yaml: valid, 1 API \(1 warning\)\n/);

    const json = await cli("validate", "-c", "twice.yaml", "--format", "json");
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as {
      valid: boolean;
      errors: unknown[];
      warnings: unknown;
    };
    expect(body).toMatchObject({ valid: true, errors: [] });
    expect(body.warnings).toEqual([
      {
        file: "twice.yaml",
        line: 3,
        column: 3,
        path: "[0].kind",
        message: "duplicate key `kind`; the last one is used (as Cortex does)",
        severity: "warning",
      },
    ]);

    // plan and deploy print them too, before they go on (here: to a --kubeconfig that is missing).
    const plan = await cli("plan", "-c", "twice.yaml", "--kubeconfig", "missing-kubeconfig");
    expect(plan.stderr.split("\n")[0]).toBe(warning);
  });

  it("lists warnings with the errors, and an empty list in JSON when there are none", async () => {
    await writeFile(
      path.join(dir, "both.yaml"),
      "- name: hello\n  name: Hello\n  kind: RealtimeAPI\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/hello:1\n",
    );
    const r = await cli("validate", "-c", "both.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "both.yaml:2:3: warning: [0].name: duplicate key `name`; the last one is used (as Cortex does)",
      expect.stringMatching(/^both\.yaml:2:9: error: \[0\]\.name: must be a DNS-1035 label/),
      "both.yaml:4:3: warning: [0].kind: duplicate key `kind`; the last one is used (as Cortex does)",
      "both.yaml: 1 error, 2 warnings",
    ]);
    const json = JSON.parse((await cli("validate", "-c", "bad.yaml", "--format", "json")).stdout);
    expect(json.warnings).toEqual([]);
  });

  it("checks artifact paths too, and points at the API that names them", async () => {
    // The first API has no artifacts, so the second is the first the uploader sees.
    const api = (name: string) =>
      `- name: ${name}\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/hello:1\n`;
    await writeFile(
      path.join(dir, "artifacts.yaml"),
      `${api("plain")}${api("model")}  artifacts:\n    - path: models/missing.onnx\n`,
    );
    const r = await cli("validate", "-c", "artifacts.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "artifacts.yaml:14:13: error: [1].artifacts[0].path: no such file or folder: models/missing.onnx",
      "artifacts.yaml: 1 error",
    ]);
  });

  it("exits 2 on a missing file, an unknown flag or an unknown command", async () => {
    expect((await cli("validate", "-c", "missing.yaml")).code).toBe(2);
    const flag = await cli("validate", "--frmat", "json");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown flag '--frmat'; did you mean '--format'\?/);
    expect((await cli("launch")).code).toBe(2);
  });

  it("exits 2 on a namespace Kubernetes cannot have, before reading a file or a cluster", async () => {
    const r = await cli("deploy", "-c", "ok.yaml", "-n", "ML_Prod");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--namespace: 'ML_Prod' is not a valid namespace name");
  });

  it("exits 2 on a flag given an empty value, rather than taking its default", async () => {
    // `-n "$NS"` with NS unset used to mean the namespace `default`.
    const r = await cli("plan", "-c", "ok.yaml", "--namespace=");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--namespace is empty (an unset variable?)");
    const to = await cli("rollback", "iris", "--to", "");
    expect(to.code).toBe(2);
    expect(to.stderr).toContain("--to is empty");
    // An empty prefix wrote to the bucket's root; "/" says that on purpose.
    const prefix = await cli("upload", "-c", "ok.yaml", "--bucket", "b", "--prefix", "");
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toContain("--prefix is empty");
  });

  it("exits 2 on a count written in hex or with an exponent", async () => {
    const r = await cli("upload", "-c", "ok.yaml", "--bucket", "b", "--upload-concurrency", "0x10");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--upload-concurrency must be a whole number from 1 to 1024, not '0x10'",
    );
    // The Action's bound: more only queues in the socket pool.
    const many = await cli(
      "upload",
      "-c",
      "ok.yaml",
      "--bucket",
      "b",
      "--upload-concurrency",
      "5000",
    );
    expect(many.code).toBe(2);
    const zero = await cli("deploy", "-c", "ok.yaml", "--timeout", "0s");
    expect(zero.stderr).toContain(
      "--timeout must be a positive duration such as 90s or 10m, not '0s'",
    );
  });

  it("exits 2 on a --timeout longer than the wait can last", async () => {
    const r = await cli("deploy", "-c", "ok.yaml", "--timeout", "30d");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--timeout must be at most 7d, not '30d'");
  });

  it("exits 2, before reaching for a cluster, when delete names no API or names some and --all", async () => {
    const none = await cli("delete", "-c", "ok.yaml");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/name the API\(s\) to delete, or pass --all/);
    const both = await cli("delete", "hello", "--all", "-c", "ok.yaml");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give API names or --all, not both/);
  });

  it("fails a cluster command without a cluster with a sentence, not a stack trace", async () => {
    const r = await runNode("dist/cli.js", ["plan", "-c", "ok.yaml"], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: path.join(dir, "none") },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kubeconfig/i);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it("refuses an empty --kubeconfig rather than falling back to $KUBECONFIG's cluster", async () => {
    await writeFile(path.join(dir, "empty-kubeconfig"), "\n");
    const r = await runNode("dist/cli.js", ["status", "--kubeconfig", "empty-kubeconfig"], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: "/elsewhere" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--kubeconfig empty-kubeconfig is empty");
  });

  it("refuses an S3 endpoint holding a password, without printing it", async () => {
    const r = await runNode(
      "dist/cli.js",
      ["upload", "-c", "ok.yaml", "--bucket", "b", "--s3-endpoint", "http://u:s3cr3t-pw@host:9000"],
      { cwd: dir, env: { PATH: process.env.PATH, HOME: dir } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /S3 endpoint from --s3-endpoint .*must not hold a user name or password/,
    );
    expect(r.stdout + r.stderr).not.toContain("s3cr3t-pw");
  });

  it("fails an upload to an S3 endpoint that is not there with one line, and no SDK notices", async () => {
    const port = await closedPort();
    await mkdir(path.join(dir, "model"), { recursive: true });
    await writeFile(path.join(dir, "model", "w.bin"), "weights");
    await writeFile(
      path.join(dir, "upload.yaml"),
      "- name: hello\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/hello:1\n  artifacts:\n    - path: model\n",
    );
    const r = await runNode(
      "dist/cli.js",
      [
        "upload",
        "-c",
        "upload.yaml",
        "--bucket",
        "models",
        "--s3-endpoint",
        `http://127.0.0.1:${port}`,
      ],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_ACCESS_KEY_ID: "id",
          AWS_SECRET_ACCESS_KEY: "secret",
          AWS_REGION: "us-east-1",
        },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ECONNREFUSED/);
    expect(r.stderr).not.toMatch(/Warning|NodeVersionSupport/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it("ends status --watch with exit 1 when the cluster cannot be read at all", async () => {
    const port = await closedPort();
    await writeFile(
      path.join(dir, "closed-kubeconfig"),
      `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:${port}" } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
    );
    // Watching would otherwise poll a cluster it never reached, for as long as nobody looks.
    const r = await cli("status", "--watch", "--kubeconfig", "closed-kubeconfig");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `cannot reach the Kubernetes API server at https://127.0.0.1:${port}`,
    );
    expect(r.stdout).toBe("");
  });

  it("has --help for the tool and for each command", async () => {
    const top = await cli("--help");
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/validate\s+check cortex\.yaml/);
    expect(top.stdout).toContain("cortex-deploy --version");
    const sub = await cli("validate", "--help");
    expect(sub.stdout).toMatch(
      /-c, --config FILE\s+path to cortex\.yaml \[default: cortex\.yaml\]/,
    );
  });

  it("lines each command's flag descriptions up in one column", async () => {
    const r = await cli("deploy", "--help");
    const flagLines = r.stdout.split("\n").filter((l) => /^ {2}(-\w, | {4})--/.test(l));
    expect(flagLines.length).toBeGreaterThan(10);
    const starts = flagLines.map((l) => /^ {2}(?:-\w, | {4})--\S+(?: \S+)? +/.exec(l)?.[0].length);
    expect(new Set(starts).size).toBe(1);
    expect(r.stdout).toMatch(/--upload-concurrency N +most S3 uploads/);
  });
});

// With --format json, a command that fails prints one JSON document on stdout (the sentence for
// people stays on stderr), so a script parsing stdout never reads empty input. Run in process;
// the cluster is a port nothing listens on.
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asksForJson, type jsonError } from "../../../src/text/json-error.ts";
import { runCli } from "../../support/cli-in-process.ts";

let dir: string;
let closedKubeconfig: string;
let port: number;

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

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cortex-deploy-json-failure-"));
  await writeFile(
    path.join(dir, "bad.yaml"),
    "- name: Hello\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/hello:1\n",
  );
  port = await closedPort();
  closedKubeconfig = path.join(dir, "closed-kubeconfig");
  await writeFile(
    closedKubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:${port}" } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
  );
});

/** Runs the CLI and parses its stdout, which must be exactly one JSON document. */
async function jsonRun(...args: string[]) {
  const run = await runCli(...args);
  const stdout = run.stdout.join("\n");
  const stderr = run.printed.filter((line) => !run.stdout.includes(line)).join("\n");
  return { code: run.code, body: JSON.parse(stdout) as ReturnType<typeof jsonError>, stderr };
}

describe("--format json on failure", () => {
  it("gives plan's config errors with their file, line and column", async () => {
    const bad = path.join(dir, "bad.yaml");
    const r = await jsonRun("plan", "-c", bad, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.body.error).toMatchObject({
      message: `${bad}: 1 error; nothing was changed`,
      exitCode: 1,
      file: bad,
      warnings: [],
    });
    expect(r.body.error.errors).toEqual([
      expect.objectContaining({ file: bad, line: 1, column: 9, path: "[0].name" }),
    ]);
    // People still read it on stderr, as before.
    expect(r.stderr).toContain(`${bad}:1:9: error: [0].name: `);
  });

  it("gives a cluster that cannot be reached (exit 1)", async () => {
    for (const args of [
      ["status"],
      ["status", "iris"],
      ["history", "iris"],
      ["plan", "-c", path.join(dir, "missing.yaml")],
    ]) {
      const r = await jsonRun(...args, "--kubeconfig", closedKubeconfig, "--format", "json");
      if (args[0] === "plan") {
        // A file that cannot be read is a usage error, found before the cluster is asked.
        expect(r.code).toBe(2);
        expect(r.body.error.errors[0]?.message).toMatch(/no such file/);
        continue;
      }
      expect(r.code).toBe(1);
      expect(r.body.error.message).toContain(
        `cannot reach the Kubernetes API server at https://127.0.0.1:${port}`,
      );
      expect(r.body.error).toMatchObject({ exitCode: 1, file: null, errors: [], warnings: [] });
      expect(r.stderr).toContain(`cortex-deploy ${args[0]}: ${r.body.error.message}`);
    }
  });

  it("gives a watch's failure as one JSON line, as its changes are", async () => {
    const r = await runCli("status", "-w", "--kubeconfig", closedKubeconfig, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.stdout).toHaveLength(1);
    expect(r.stdout[0]).not.toContain("\n");
    expect(JSON.parse(r.stdout[0] ?? "").error.message).toContain("cannot reach");
  });

  it("gives usage errors (exit 2), even a flag that cannot be parsed", async () => {
    const missingName = await jsonRun("history", "--format", "json");
    expect(missingName.code).toBe(2);
    expect(missingName.body.error).toMatchObject({ message: "name exactly one API", exitCode: 2 });
    const unknown = await jsonRun("status", "--format=json", "--namspace", "ml");
    expect(unknown.code).toBe(2);
    expect(unknown.body.error.message).toMatch(/^unknown flag '--namspace'/);
    const empty = await jsonRun("status", "-n", "", "--format", "json");
    expect(empty.code).toBe(2);
    expect(empty.body.error.message).toMatch(/^--namespace is empty/);
    const extra = await jsonRun("validate", "extra", "--format", "json");
    expect(extra.code).toBe(2);
    expect(extra.body.error.message).toBe("unexpected argument 'extra'");
  });

  it("prints nothing on stdout for text, as before", async () => {
    const r = await runCli("history", "iris", "--kubeconfig", closedKubeconfig);
    expect(r.code).toBe(1);
    expect(r.stdout).toEqual([]);
  });
});

describe("asksForJson", () => {
  it("reads --format json and --format=json, the last one given, up to --", () => {
    expect(asksForJson(["--format", "json", "--bogus"])).toBe(true);
    expect(asksForJson(["--format=json"])).toBe(true);
    expect(asksForJson(["--format", "json", "--format", "text"])).toBe(false);
    expect(asksForJson(["--format=text"])).toBe(false);
    expect(asksForJson(["--", "--format", "json"])).toBe(false);
    expect(asksForJson([])).toBe(false);
  });
});

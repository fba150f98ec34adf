// The iris example as the demo runs it: scripts/python-env.sh (cached after its first run) sets up
// .venv/ and the model, train.py writes an artifact, and server.py runs as a real process on a
// free loopback port. Also checks that the example's cortex.yaml and image map are valid.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveArtifacts } from "../../../src/artifacts/resolve.ts";
import { loadConfigFile, type RealtimeApiConfig } from "../../../src/config/index.ts";
import { findExecutable } from "../../sandbox/kubelet/container-process.ts";
import { containerArgv, parseImageMap, resolveImage } from "../../sandbox/kubelet/image-map.ts";
import { repoRoot } from "../../support/run-node.ts";

const example = join(repoRoot, "examples/iris");
const python = join(repoRoot, ".venv/bin/python");
const IMAGE = "ghcr.io/cortex-deploy/examples-iris:1";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = repoRoot): Promise<Run> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("empty argv");
    const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function mustRun(argv: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  const r = await run(argv, env);
  if (r.code !== 0) {
    throw new Error(`${argv.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

interface Server {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const servers: ChildProcess[] = [];
let dir: string;
let modelDir: string;

/** Starts server.py on a free loopback port (PORT=0) and resolves once it says where. */
function startServer(env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(python, ["server.py"], {
    cwd: example,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MODEL_DIR: modelDir,
      CORTEX_PORT: "0",
      IRIS_HOST: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  servers.push(child);
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m)
        resolve({
          url: `http://127.0.0.1:${m[1]}`,
          child,
          stdout: () => out,
          stderr: () => err,
          exited,
        });
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", reject);
    void exited.then((code) => reject(new Error(`server.py exited ${code} at start:\n${err}`)));
  });
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** One request on its own connection (no keep-alive pool outliving a server). */
function http(method: string, url: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      body === undefined ? {} : { "content-type": "application/json" };
    const req = request(url, { method, agent: false, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        text += d;
      });
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          reject(new Error(`not JSON (${res.statusCode}): ${text}`));
        }
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const predict = (s: Server, doc: unknown) => http("POST", `${s.url}/predict`, JSON.stringify(doc));

beforeAll(async () => {
  // Cold, this creates .venv/ and downloads ~60 MB of wheels (about a minute); warm, a second.
  await mustRun(["bash", "scripts/python-env.sh"]);
  dir = await mkdtemp(join(tmpdir(), "iris-example-"));
  modelDir = join(dir, "model");
  await mustRun([python, join(example, "train.py"), "--out", modelDir, "--version", "t-7"]);
}, 600_000);

afterAll(async () => {
  for (const child of servers) if (child.exitCode === null) child.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("scripts/python-env.sh", () => {
  it("leaves .venv/ and examples/iris/model/ in place and skips work on a second run", async () => {
    expect(existsSync(python)).toBe(true);
    expect(existsSync(join(example, "model/model.joblib"))).toBe(true);
    const r = await mustRun(["bash", "scripts/python-env.sh"]);
    expect(r.stdout).toContain("requirements up to date");
    expect(r.stdout).toContain("model up to date");
    expect(r.stdout).not.toContain("pip:");
  });
});

describe("train.py", () => {
  it("writes the model and its metadata", async () => {
    const meta = JSON.parse(await readFile(join(modelDir, "metadata.json"), "utf8"));
    expect(meta).toMatchObject({
      name: "iris",
      version: "t-7",
      classes: ["setosa", "versicolor", "virginica"],
      test_samples: 45,
    });
    expect(meta.test_accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("is deterministic: the same version gives byte-identical files, a new one a new model", async () => {
    const again = join(dir, "again");
    const v2 = join(dir, "v2");
    await mustRun([python, join(example, "train.py"), "--out", again, "--version", "t-7"]);
    await mustRun([python, join(example, "train.py"), "--out", v2, "--version", "t-8"]);
    for (const name of ["model.joblib", "metadata.json"]) {
      expect(await readFile(join(again, name))).toEqual(await readFile(join(modelDir, name)));
      expect(await readFile(join(v2, name))).not.toEqual(await readFile(join(modelDir, name)));
    }
  });

  // A network namespace with no interfaces but lo: any download would fail. Needs root, as the
  // whole suite does (the sandbox makes network namespaces too).
  it("needs no network (the data set ships in scikit-learn)", async () => {
    const out = join(dir, "offline");
    const r = await run(["unshare", "--net", python, join(example, "train.py"), "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(out, "model.joblib"))).toBe(true);
  });
});

describe("server.py", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  }, 60_000);

  it("answers /healthz with the model version", async () => {
    expect(await http("GET", `${server.url}/healthz`)).toEqual({
      status: 200,
      body: { status: "ok", model_version: "t-7" },
    });
  });

  it("predicts known iris samples, one or many", async () => {
    expect(await predict(server, { features: [5.1, 3.5, 1.4, 0.2] })).toEqual({
      status: 200,
      body: { predictions: ["setosa"], model_version: "t-7" },
    });
    const many = await predict(server, {
      instances: [
        [5.1, 3.5, 1.4, 0.2],
        [5.9, 3.0, 4.2, 1.5],
        [6.7, 3.0, 5.2, 2.3],
      ],
    });
    expect(many.status).toBe(200);
    expect(many.body.predictions).toEqual(["setosa", "versicolor", "virginica"]);
    // Cortex's own examples serve on /.
    const root = await http("POST", `${server.url}/`, '{"features": [6.7, 3.0, 5.2, 2.3]}');
    expect(root.body.predictions).toEqual(["virginica"]);
  });

  it("serves concurrent requests", async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => predict(server, { features: [5.1, 3.5, 1.4, 0.2] })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["a JSON array", "[1, 2, 3, 4]", /must be a JSON object/],
    ["3 features", '{"features": [5.1, 3.5, 1.4]}', /features must be a list of 4 numbers/],
    ["a string feature", '{"features": [5.1, "a", 1.4, 0.2]}', /features\[1\] must be a number/],
    ["a boolean feature", '{"features": [true, 3.5, 1.4, 0.2]}', /features\[0\] must be a number/],
    ["NaN", '{"features": [NaN, 3.5, 1.4, 0.2]}', /features\[0\] must be a finite number/],
    ["no instances", '{"instances": []}', /instances must be a non-empty list/],
    ["a bad row", '{"instances": [[1, 2, 3, 4], [1]]}', /instances\[1\] must be a list/],
    ["both fields", '{"features": [1, 2, 3, 4], "instances": [[1, 2, 3, 4]]}', /exactly one/],
    ["an unknown field", '{"feature": [1, 2, 3, 4]}', /unknown field "feature"/],
    ["an empty body", "", /empty body/],
  ])("answers 400 with a JSON error for %s", async (_what, body, message) => {
    const r = await http("POST", `${server.url}/predict`, body);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(message);
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    expect((await http("GET", `${server.url}/nope`)).status).toBe(404);
    expect((await http("GET", `${server.url}/predict`)).status).toBe(405);
    expect((await http("DELETE", `${server.url}/predict`)).status).toBe(405);
  });

  it("logs one line per request to stdout", async () => {
    await predict(server, { features: [6.3, 3.3, 6.0, 2.5] });
    await new Promise((r) => setTimeout(r, 100));
    const lines = server.stdout().split("\n");
    expect(lines.filter((l) => /POST \/predict 200 [\d.]+ms .*instances=1$/.test(l)).length).toBe(
      // the known-sample test's one, the 20 concurrent ones, and this one
      22,
    );
    expect(lines.some((l) => /POST \/predict 400 .*error=/.test(l))).toBe(true);
  });
});

describe("server.py start and stop", () => {
  it("exits 1 with a clear message when IRIS_FAIL_ON_START=1", async () => {
    const r = await run(
      [python, "server.py"],
      { ...process.env, IRIS_FAIL_ON_START: "1" },
      example,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("IRIS_FAIL_ON_START=1");
  });

  it("exits 1 naming the folder when the model is missing", async () => {
    const missing = join(dir, "no-such-model");
    const r = await run(
      [python, "server.py"],
      { ...process.env, MODEL_DIR: missing, CORTEX_PORT: "0" },
      example,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot load the model: folder ${missing} does not exist`);
  });

  it("on SIGTERM fails /healthz, finishes the request in flight and exits 0", async () => {
    const s = await startServer({ IRIS_PREDICT_DELAY_MS: "1500", IRIS_DRAIN_DELAY_SECONDS: "0" });
    const slow = predict(s, { features: [5.1, 3.5, 1.4, 0.2] });
    await new Promise((r) => setTimeout(r, 400));
    s.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(await http("GET", `${s.url}/healthz`)).toMatchObject({
      status: 503,
      body: { status: "draining" },
    });
    expect(await slow).toEqual({
      status: 200,
      body: { predictions: ["setosa"], model_version: "t-7" },
    });
    expect(await s.exited).toBe(0);
    expect(s.stdout()).toMatch(/drained after [\d.]+s; exiting/);
  });
});

describe("examples/iris/cortex.yaml", () => {
  it("is valid: two RealtimeAPIs on the example image with the model mounted where MODEL_DIR says", async () => {
    const result = await loadConfigFile(join(example, "cortex.yaml"));
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    const apis = result.config.apis as RealtimeApiConfig[];
    expect(apis.map((a) => [a.name, a.kind])).toEqual([
      ["iris", "RealtimeAPI"],
      ["iris-lite", "RealtimeAPI"],
    ]);
    for (const api of apis) {
      const [container] = api.pod.containers;
      expect(container?.image).toBe(IMAGE);
      expect(api.artifacts).toEqual([{ path: "model", mount: "/mnt/artifacts/iris" }]);
      expect(container?.env.MODEL_DIR).toBe("/mnt/artifacts/iris");
      expect(container?.readiness_probe?.http_get).toEqual({
        path: "/healthz",
        port: api.pod.port,
      });
    }
    const iris = apis[0];
    expect(iris?.autoscaling).toMatchObject({
      min_replicas: 1,
      max_replicas: 5,
      target_in_flight: 4,
    });
    expect(iris?.update_strategy).toMatchObject({ max_surge: 1, max_unavailable: 0 });
  });

  it("uploads model/'s two files to /mnt/artifacts/iris for each API", async () => {
    const result = await loadConfigFile(join(example, "cortex.yaml"));
    if (!result.ok) throw new Error("invalid");
    const resolved = await resolveArtifacts(result.config);
    for (const api of resolved) {
      expect(api.files.map((f) => [f.mount, f.path])).toEqual([
        ["/mnt/artifacts/iris", "metadata.json"],
        ["/mnt/artifacts/iris", "model.joblib"],
      ]);
    }
  });
});

describe("examples/iris/sandbox-images.yaml", () => {
  it("runs the example image as the venv's python with server.py in examples/iris", async () => {
    const file = join(example, "sandbox-images.yaml");
    const map = parseImageMap(file, await readFile(file, "utf8"));
    const entry = resolveImage([map], IMAGE);
    if (!entry) throw new Error(`${IMAGE} is not in ${file}`);
    expect(entry.workdir).toBe(example);
    const [argv0, script] = containerArgv(entry, undefined, undefined);
    expect(findExecutable(argv0 ?? "", entry.workdir, process.env.PATH ?? "")).toBe(python);
    expect(existsSync(join(entry.workdir, script ?? ""))).toBe(true);
  });
});

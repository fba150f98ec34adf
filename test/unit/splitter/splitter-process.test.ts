// The `splitter` command as a real process: configured from the environment as the controller
// does, it routes, logs its backends, and drains on SIGTERM; bad flags exit 2 with the usage.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, repoRoot, send } from "../proxy/support/processes.ts";
import { startBackend, type TestBackend } from "./support/backends.ts";

const MAIN = path.join(repoRoot, "controller/src/main.ts");

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function backend(name: string): Promise<TestBackend> {
  const b = await startBackend(name);
  cleanup.push(() => b.close());
  return b;
}

describe("splitter command (real process)", () => {
  it("reads its configuration from the environment, routes, and drains on SIGTERM with exit 0", async () => {
    const a = await backend("a");
    const shadow = await backend("shadow");
    const backends = [
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: shadow.url, weight: 0, shadow: true },
    ];
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "splitter"], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        LOG_LEVEL: "info",
        CORTEX_SPLITTER_PORT: "0",
        CORTEX_ADMIN_PORT: "0",
        CORTEX_LISTEN_HOST: "127.0.0.1",
        CORTEX_SPLITTER_BACKENDS: JSON.stringify(backends),
        CORTEX_DRAIN_DELAY: "0s",
      },
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
    });
    const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.stderr?.on("data", () => {
        const line = stderr.split("\n").find((l) => l.includes('"msg":"listening"'));
        if (line !== undefined) resolve(JSON.parse(line) as Record<string, unknown>);
      });
      void exited.then((code) => reject(new Error(`splitter exited with ${code}: ${stderr}`)));
    });
    expect(listening).toMatchObject({
      level: "info",
      component: "splitter",
      backends: [
        { name: "a", url: a.url, weight: 100, shadow: false },
        { name: "shadow", url: shadow.url, weight: 0, shadow: true },
      ],
      shadow_buffer: 1_048_576,
    });
    const port = listening.port as number;
    const adminPort = listening.admin_port as number;

    const reply = await send(port, { method: "POST", path: "/p", body: "hello" });
    expect([reply.status, reply.headers["x-cortex-api"], reply.body.toString()]).toEqual([
      200,
      "a",
      "a",
    ]);
    await eventually("shadow got it", () => shadow.received[0]?.ended === true);
    expect(shadow.received[0]?.body.toString()).toBe("hello");
    expect((await send(adminPort, { path: "/healthz" })).status).toBe(200);
    const metrics = (await send(adminPort, { path: "/metrics" })).body.toString();
    expect(metrics).toContain('cortex_splitter_requests_total{api="a",code="200"} 1');

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain('"msg":"drained","clean":true');
  });

  it("exits 2 with a message naming the entry and the usage when the backends are bad", () => {
    const bad = JSON.stringify([{ name: "a", url: "http://a", weight: 100 }]);
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", MAIN, "splitter", "--backends", bad],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "splitter: --backends: backends[0].url: must name a port (http://host:port)",
    );
    expect(run.stderr).toContain("usage: main.js splitter [flags]");
    expect(run.stderr).toContain("--backends <string> [$CORTEX_SPLITTER_BACKENDS]");
  });

  it("prints the usage for --help and exits 0", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", MAIN, "splitter", "--help"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--shadow-buffer <int> [$CORTEX_SHADOW_BUFFER]");
    expect(run.stdout).toContain("--drain-timeout <duration> [$CORTEX_DRAIN_TIMEOUT]");
  });
});

// Starts the proxy as a real process (`node --import tsx controller/src/main.ts proxy ...`) on free
// loopback ports, and small HTTP helpers to talk to it.
import { type ChildProcess, spawn } from "node:child_process";
import { type Agent, request } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseExposition, type Sample } from "../../../../controller/src/lib/prometheus.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export interface ProxyProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly adminPort: number;
  /** Everything the process wrote to stderr so far (its JSON log). */
  log(): string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Kills the process if it still runs (for test cleanup). */
  kill(): Promise<void>;
}

export async function startProxy(flags: Record<string, string | number>): Promise<ProxyProcess> {
  const args = [
    "--import",
    "tsx",
    path.join(repoRoot, "controller/src/main.ts"),
    "proxy",
    "--listen-host",
    "127.0.0.1",
    "--port",
    "0",
    "--admin-port",
    "0",
  ];
  for (const [k, v] of Object.entries(flags)) args.push(`--${k}`, String(v));
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LOG_LEVEL: "info" },
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const ports = await new Promise<{ port: number; adminPort: number }>((resolve, reject) => {
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
      for (const line of stderr.split("\n")) {
        if (!line.includes('"msg":"listening"')) continue;
        const parsed = JSON.parse(line) as { port: number; admin_port: number };
        resolve({ port: parsed.port, adminPort: parsed.admin_port });
      }
    });
    void exited.then((code) => reject(new Error(`proxy exited with ${code}: ${stderr}`)));
  });
  return {
    child,
    ...ports,
    log: () => stderr,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  agent?: Agent | false;
}

/** One HTTP request; rejects on a connection error. */
export function send(port: number, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.path ?? "/",
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export async function scrape(adminPort: number): Promise<Sample[]> {
  const reply = await send(adminPort, { path: "/metrics" });
  return parseExposition(reply.body.toString("utf8"));
}

/** Polls `check` until it returns true; a safety timeout turns a hang into a clear failure. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const give = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > give) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Running a probe or lifecycle handler against a container: an HTTP GET or TCP connect to the
// pod IP, or a command inside the container's namespaces (nsenter into its network, mount and
// UTS namespaces, so it sees what the container sees).
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Container, Handler, HttpGetAction } from "./kube-types.ts";

export interface HandlerTarget {
  podIp: string;
  container: Container;
  /** The container's main process, whose namespaces an exec handler enters. */
  pid?: number;
  /** Namespaces exist (root); otherwise exec runs as a plain child process. */
  namespaced: boolean;
  env: Record<string, string>;
  workdir: string;
}

export interface HandlerResult {
  ok: boolean;
  message: string;
}

export const probeUserAgent = "kube-probe/1.35";

export function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function runHandler(
  handler: Handler,
  target: HandlerTarget,
  timeoutMs: number,
): Promise<HandlerResult> {
  if (handler.httpGet) return httpGet(handler.httpGet, target, timeoutMs);
  if (handler.tcpSocket) return tcpConnect(handler.tcpSocket.port, target, timeoutMs);
  if (handler.exec) return execIn(handler.exec.command ?? [], target, timeoutMs);
  if (handler.sleep) {
    return sleep(Math.min(handler.sleep.seconds * 1000, timeoutMs)).then(() => ({
      ok: true,
      message: "",
    }));
  }
  // gRPC probes need a gRPC client; none is installed, so they are reported and pass.
  return Promise.resolve({ ok: true, message: "unsupported handler type; treated as success" });
}

function httpGet(action: HttpGetAction, target: HandlerTarget, timeoutMs: number) {
  const port = resolvePort(action.port, target.container);
  if (port === undefined) {
    return Promise.resolve({ ok: false, message: `unknown port ${action.port}` });
  }
  const headers: Record<string, string> = { "user-agent": probeUserAgent, accept: "*/*" };
  for (const h of action.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
  const path = action.path?.startsWith("/") ? action.path : `/${action.path ?? ""}`;
  // Always the pod IP: a probe never leaves the sandbox network, whatever `host` says.
  const request = action.scheme === "HTTPS" ? httpsRequest : httpRequest;
  return new Promise<HandlerResult>((resolve) => {
    const req = request(
      {
        host: target.podIp,
        port,
        path,
        method: "GET",
        headers,
        timeout: timeoutMs,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        const ok = status >= 200 && status < 400;
        resolve({ ok, message: ok ? "" : `HTTP probe failed with statuscode: ${status}` });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    const url = `${action.scheme === "HTTPS" ? "https" : "http"}://${target.podIp}:${port}${path}`;
    req.on("error", (err) => resolve({ ok: false, message: `Get "${url}": ${err.message}` }));
    req.end();
  });
}

function tcpConnect(named: number | string, target: HandlerTarget, timeoutMs: number) {
  const port = resolvePort(named, target.container);
  if (port === undefined) {
    return Promise.resolve({ ok: false, message: `unknown port ${named}` });
  }
  return new Promise<HandlerResult>((resolve) => {
    const socket = connect({ host: target.podIp, port, timeout: timeoutMs });
    socket.once("connect", () => {
      socket.destroy();
      resolve({ ok: true, message: "" });
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve({ ok: false, message: `dial tcp ${target.podIp}:${port}: i/o timeout` });
    });
    socket.once("error", (err) => resolve({ ok: false, message: err.message }));
  });
}

/** The argv that runs `command` inside the target container's namespaces. */
export function execArgv(command: string[], target: HandlerTarget): string[] {
  if (!target.namespaced || target.pid === undefined) return command;
  return [
    "nsenter",
    `--target=${target.pid}`,
    "--net",
    "--mount",
    "--uts",
    `--wd=${target.workdir}`,
    "--",
    ...command,
  ];
}

function execIn(command: string[], target: HandlerTarget, timeoutMs: number) {
  const [file, ...args] = execArgv(command, target);
  if (!file) return Promise.resolve({ ok: false, message: "exec handler without a command" });
  return new Promise<HandlerResult>((resolve) => {
    const child = spawn(file, args, {
      env: target.env,
      cwd: target.namespaced ? undefined : target.workdir,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    const collect = (c: Buffer) => {
      if (output.length < 10_240) output += c.toString();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ ok: false, message: err.message });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal) resolve({ ok: false, message: `command timed out after ${timeoutMs} ms` });
      else resolve({ ok: code === 0, message: output.trim().slice(0, 1000) });
    });
  });
}

import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:https";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rfc3339Nano } from "../../sandbox/kubelet/container-logs.ts";
import { startLogServer } from "../../sandbox/kubelet/log-server.ts";

const dir = mkdtempSync(join(tmpdir(), "kubelet-log-server-"));
const file = join(dir, "0.log");
let active = true;
let server: Server;
let port = 0;

const line = (text: string, stream = "stdout") =>
  `${rfc3339Nano(new Date())} ${stream} F ${text}\n`;

beforeAll(async () => {
  execFileSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    join(dir, "key.pem"),
    "-out",
    join(dir, "cert.pem"),
    "-days",
    "1",
    "-subj",
    "/CN=kubelet",
  ]);
  writeFileSync(file, line("first") + line("second", "stderr"));
  server = await startLogServer({
    host: "127.0.0.1",
    port: 0,
    cert: readFileSync(join(dir, "cert.pem")),
    key: readFileSync(join(dir, "key.pem")),
    lookup: (ns, pod, container, previous) => {
      if (ns !== "default" || pod !== "web" || container !== "app") {
        return { status: 404, message: "not found" };
      }
      if (previous)
        return {
          status: 400,
          message: 'previous terminated container "app" in pod "web" not found',
        };
      return { file, active: () => active };
    },
  });
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function fetchLog(
  path: string,
  onChunk?: (text: string) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path, rejectUnauthorized: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
        onChunk?.(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

describe("the kubelet's containerLogs endpoint", () => {
  it("returns the container's output, with tailLines and timestamps", async () => {
    expect(await fetchLog("/containerLogs/default/web/app")).toEqual({
      status: 200,
      body: "first\nsecond\n",
    });
    expect((await fetchLog("/containerLogs/default/web/app?tailLines=1")).body).toBe("second\n");
    const stamped = await fetchLog("/containerLogs/default/web/app?timestamps=true&tailLines=1");
    expect(stamped.body).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z second\n$/);
  });

  it("passes the lookup's errors through", async () => {
    expect(await fetchLog("/containerLogs/default/web/app?previous=true")).toEqual({
      status: 400,
      body: 'previous terminated container "app" in pod "web" not found',
    });
    expect((await fetchLog("/containerLogs/default/other/app")).status).toBe(404);
    expect((await fetchLog("/pods")).status).toBe(404);
  });

  it("follows new output until the run has ended", async () => {
    active = true;
    let appended = false;
    const following = fetchLog("/containerLogs/default/web/app?follow=true&tailLines=1", () => {
      if (appended) return;
      appended = true;
      // The first chunk has arrived: write more, then end the run.
      appendFileSync(file, line("third"));
      setTimeout(() => {
        appendFileSync(file, line("last words"));
        active = false;
      }, 300);
    });
    const { status, body } = await following;
    expect(status).toBe(200);
    expect(body).toBe("second\nthird\nlast words\n");
  });
});

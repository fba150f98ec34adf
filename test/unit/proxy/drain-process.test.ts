// SIGTERM handling of a real proxy process, and a rolling restart under steady load.
import { Agent, request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { canConnect } from "../../../controller/src/lib/net.ts";
import { type ModelServer, startModelServer } from "./support/model-server.ts";
import { eventually, type ProxyProcess, send, startProxy } from "./support/processes.ts";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function model(): Promise<ModelServer> {
  const m = await startModelServer();
  cleanup.push(() => m.close());
  return m;
}

async function proxy(flags: Record<string, string | number>): Promise<ProxyProcess> {
  const p = await startProxy(flags);
  cleanup.push(() => p.kill());
  return p;
}

/** True once nothing accepts TCP connections on the port (a plain connect, no request). */
async function refused(port: number): Promise<boolean> {
  return !(await canConnect("127.0.0.1", port, 1000));
}

describe("proxy drain on SIGTERM (real processes)", () => {
  it("fails readiness, keeps serving through the drain delay, finishes admitted requests, exits 0", async () => {
    const m = await model();
    const p = await proxy({
      "target-port": m.port,
      "max-concurrency": 1,
      "drain-delay": "400ms",
    });
    const running = send(p.port, { path: "/hold", headers: { "x-seq": "running" } });
    await eventually("held", () => m.held() === 1);
    const queued = send(p.port, { path: "/hold", headers: { "x-seq": "queued" } });
    await eventually("queued reached the proxy", async () => {
      const text = (await send(p.adminPort, { path: "/metrics" })).body.toString();
      return text.includes("cortex_proxy_queued_requests 1");
    });

    p.child.kill("SIGTERM");
    await eventually("readiness fails", async () => {
      return (await send(p.adminPort, { path: "/healthz" })).status === 503;
    });
    // During the drain delay a late request is still served, told to close its connection.
    const late = send(p.port, { path: "/hold", headers: { "x-seq": "late" } });
    await eventually("listener closed", () => refused(p.port));

    const pump = setInterval(() => m.release(), 5);
    const replies = await Promise.all([running, queued, late]);
    clearInterval(pump);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies[2]?.headers.connection).toBe("close");
    expect(m.arrivals).toEqual(["running", "queued", "late"]);
    expect(await p.exited).toBe(0);
    expect(p.log()).toContain('"msg":"drained","clean":true');
  });

  it("exits non-zero at the drain deadline when a request never finishes", async () => {
    const m = await model();
    const p = await proxy({
      "target-port": m.port,
      "drain-delay": "0s",
      "drain-timeout": "1s",
    });
    const stuck = send(p.port, { path: "/hold" }).then(
      (r) => r.status,
      () => "cut",
    );
    await eventually("held", () => m.held() === 1);
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(1);
    expect(await stuck).toBe("cut");
    expect(p.log()).toContain("deadline reached");
  });
});

interface Backend {
  proxy: ProxyProcess;
  ready: boolean;
  served: number;
  agent: Agent;
}

describe("rolling restart (real processes)", () => {
  it("loses no request when one proxy is terminated and another started under steady load", async () => {
    const flags = (port: number) => ({
      "target-port": port,
      "max-concurrency": 4,
      "max-queue-length": 100,
      "drain-delay": "2s",
      "drain-timeout": "10s",
    });
    const [m1, m2, m3] = [await model(), await model(), await model()];
    const backends: Backend[] = [];
    const add = async (m: ModelServer): Promise<Backend> => {
      const b: Backend = {
        proxy: await proxy(flags(m.port)),
        ready: false,
        served: 0,
        agent: new Agent({ keepAlive: true, maxSockets: 32 }),
      };
      cleanup.push(async () => b.agent.destroy());
      backends.push(b);
      return b;
    };
    const [a] = [await add(m1), await add(m2)];

    // The client-side balancer learns readiness the way Kubernetes endpoints do: by probing
    // /healthz periodically, not by being told about the SIGTERM.
    let polling = true;
    const poller = (async () => {
      while (polling) {
        await Promise.all(
          backends.map(async (b) => {
            b.ready = await send(b.proxy.adminPort, { path: "/healthz" }).then(
              (r) => r.status === 200,
              () => false,
            );
          }),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await eventually("both ready", () => backends.every((b) => b.ready));

    const total = 900;
    const ratePerSecond = 150;
    let next = 0;
    const failures: string[] = [];
    const pending: Array<Promise<void>> = [];
    const fire = (i: number): Promise<void> => {
      const ready = backends.filter((b) => b.ready);
      const b = ready[i % ready.length];
      if (b === undefined) {
        failures.push(`#${i}: no ready backend`);
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: b.proxy.port,
            path: `/sleep?ms=${5 + (i % 4) * 5}`,
            agent: b.agent,
          },
          (res) => {
            res.resume();
            res.on("end", () => {
              if (res.statusCode === 200) b.served++;
              else failures.push(`#${i}: status ${res.statusCode}`);
              resolve();
            });
          },
        );
        req.on("error", (err) => {
          failures.push(`#${i}: ${err.message}`);
          resolve();
        });
        req.end();
      });
    };

    const load = (async () => {
      const start = Date.now();
      while (next < total) {
        const due = Math.floor(((Date.now() - start) * ratePerSecond) / 1000);
        while (next < Math.min(due, total)) pending.push(fire(next++));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    // One second in: start the replacement, wait until the balancer sees it, terminate the old one.
    await eventually("load running", () => next >= ratePerSecond);
    const c = await add(m3);
    await eventually("replacement ready", () => c.ready);
    const sentToABeforeTerm = a.served;
    a.proxy.child.kill("SIGTERM");
    const aExit = await a.proxy.exited;

    await load;
    await Promise.all(pending);
    polling = false;
    await poller;

    expect(failures).toEqual([]);
    expect(backends.reduce((n, b) => n + b.served, 0)).toBe(total);
    expect(aExit).toBe(0);
    expect(a.served).toBeGreaterThanOrEqual(sentToABeforeTerm);
    expect(c.served).toBeGreaterThan(0);
    expect(m1.maxConcurrent()).toBeLessThanOrEqual(4);
  });
});

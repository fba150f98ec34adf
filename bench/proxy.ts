// The proxy benchmark: one small HTTP backend, loaded directly, through this proxy (max-concurrency
// high enough never to throttle) and through nginx as a plain reverse proxy (one worker,
// keep-alive upstream), at a fixed 1,000 requests/s (evenly paced, bench/proxy/paced.ts) and at
// saturation (autocannon, as fast as it goes); then a 3× overload (paced)
// through the proxy with a small max-concurrency and queue, where the excess must get 503 fast and
// the proxy's memory must stay flat. Prints a table and the goals with pass/fail.
//
//   npx tsx bench/proxy.ts [--seconds 10] [--json FILE]
//
// Everything runs on 127.0.0.1; the load generator shares the machine's cores with the processes
// it measures, so absolute figures depend on the machine; the ratios are the point.
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { type LoadResult, percentile, runLoad, sortedTimes } from "./proxy/load.ts";
import { ensureNginx, startNginx } from "./proxy/nginx.ts";
import { runPaced } from "./proxy/paced.ts";
import {
  type Child,
  cpuSeconds,
  freePort,
  jsonLineWith,
  rssBytes,
  spawnChild,
  withChildren,
} from "./proxy/processes.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const seconds = Number(flag("seconds") ?? "10");
const jsonOut = flag("json");

// Bundled as `npm run build` bundles the image's entry point, but with the proxy command alone, so
// the benchmark does not depend on the other commands building.
async function bundleProxy(dir: string): Promise<string> {
  const outfile = path.join(dir, "proxy.mjs");
  await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents:
        'import { main } from "./controller/src/proxy/main.ts";\n' +
        "process.exitCode = await main(process.argv.slice(2));\n",
      resolveDir: root,
      sourcefile: "bench-proxy-entry.ts",
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
    logLevel: "warning",
  });
  return outfile;
}

async function startBackend(): Promise<{ child: Child; port: number }> {
  const child = spawnChild(process.execPath, [
    "--import",
    "tsx",
    path.join(root, "bench/proxy/backend.ts"),
  ]);
  const { port } = await child.waitFor(jsonLineWith<{ port: number }>("port"));
  return { child, port };
}

async function startProxy(
  bundle: string,
  targetPort: number,
  maxConcurrency: number,
  maxQueueLength: number,
): Promise<{ child: Child; port: number }> {
  const child = spawnChild(process.execPath, [
    bundle,
    "--listen-host",
    "127.0.0.1",
    "--port",
    "0",
    "--admin-port",
    "0",
    "--target-port",
    String(targetPort),
    "--max-concurrency",
    String(maxConcurrency),
    "--max-queue-length",
    String(maxQueueLength),
  ]);
  const { port } = await child.waitFor(jsonLineWith<{ port: number }>("admin_port"));
  return { child, port };
}

interface Row {
  target: string;
  fixedP50: number;
  fixedP99: number;
  fixedErrors: number;
  maxRate: number;
  satP50: number;
  satP99: number;
  /** CPU time of the measured server (backend, proxy or nginx) per request at saturation. */
  cpuUsPerRequest: number;
}

function latencyRow(target: string, fixed: LoadResult, sat: LoadResult, cpu: number): Row {
  const ok = sortedTimes(fixed, 200);
  const satOk = sortedTimes(sat, 200);
  const bad = fixed.requests - (fixed.byStatus.get(200)?.length ?? 0);
  return {
    target,
    fixedP50: percentile(ok, 50),
    fixedP99: percentile(ok, 99),
    fixedErrors: fixed.errors + bad,
    maxRate: (sat.byStatus.get(200)?.length ?? 0) / seconds,
    satP50: percentile(satOk, 50),
    satP99: percentile(satOk, 99),
    cpuUsPerRequest: (1e6 * cpu) / Math.max(1, sat.requests),
  };
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const mb = (v: number) => `${(v / 1048576).toFixed(1)} MB`;

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const nginxBin = ensureNginx();
  const work = await mkdtemp(path.join(tmpdir(), "cortex-bench-proxy-"));
  const children: Child[] = [];
  try {
    console.error(`bench: ${cpus().length} cores; ${seconds}s per run; bundling the proxy`);
    const bundle = await bundleProxy(work);
    const backend = await startBackend();
    children.push(backend.child);
    const proxy = await startProxy(bundle, backend.port, 100_000, 100_000);
    children.push(proxy.child);
    const nginxPort = await freePort();
    children.push(await startNginx(nginxBin, path.join(work, "nginx"), nginxPort, backend.port));

    const nginx = children.at(-1) as Child;
    // CPU is measured on the process that does the target's work: the backend itself when direct,
    // else the proxy alone (the backend's share is the same for all three).
    const targets = [
      { name: "direct", port: backend.port, pids: [backend.child.proc.pid as number] },
      { name: "cortex-deploy proxy", port: proxy.port, pids: [proxy.child.proc.pid as number] },
      { name: "nginx", port: nginxPort, pids: await withChildren(nginx.proc.pid as number) },
    ];
    const rows: Row[] = [];
    for (const t of targets) {
      const url = `http://127.0.0.1:${t.port}/`;
      console.error(`bench: ${t.name}: warm-up, 1,000 req/s, saturation`);
      await runLoad({ url, connections: 32, seconds: 2 });
      // Paced, not autocannon's rate limit, which sends each second's quota in one burst.
      const fixed = await runPaced({ url, connections: 16, seconds, rate: 1000 });
      const cpuBefore = await cpuSeconds(t.pids);
      const sat = await runLoad({ url, connections: 64, seconds });
      const cpu = (await cpuSeconds(t.pids)) - cpuBefore;
      rows.push(latencyRow(t.name, fixed, sat, cpu));
    }

    // 3× overload: max-concurrency 4 in front of a 10 ms model = about 400 req/s of capacity.
    const capacityRun = await runLoad({
      url: `http://127.0.0.1:${backend.port}/sleep?ms=10`,
      connections: 4,
      seconds: 3,
    });
    const capacity = capacityRun.rate;
    const small = await startProxy(bundle, backend.port, 4, 8);
    children.push(small.child);
    const pid = small.child.proc.pid as number;
    const rssBefore = await rssBytes(pid);
    const rss: number[] = [];
    const sampler = setInterval(() => {
      void rssBytes(pid).then((v) => rss.push(v));
    }, 250);
    const overloadSeconds = Math.max(seconds, 10) * 2;
    console.error(`bench: overload: ${Math.round(3 * capacity)} req/s for ${overloadSeconds}s`);
    const overload = await runPaced({
      url: `http://127.0.0.1:${small.port}/sleep?ms=10`,
      connections: 100,
      seconds: overloadSeconds,
      rate: Math.round(3 * capacity),
    });
    clearInterval(sampler);
    const rejected = sortedTimes(overload, 503);
    const served = sortedTimes(overload, 200);
    const quarter = rss[Math.floor(rss.length / 4)] ?? rssBefore;
    const rssEnd = rss[rss.length - 1] ?? rssBefore;
    const rssPeak = Math.max(...rss);

    const direct = rows[0] as Row;
    const ours = rows[1] as Row;
    const nginxRow = rows[2] as Row;
    console.log(
      `\nproxy benchmark: backend answers a 24-byte JSON body; fixed rate 1,000 req/s evenly paced over up to 16 connections, saturation with 64 (autocannon); ${seconds}s each\n`,
    );
    console.log(
      table(
        [
          "target",
          "p50 @1k/s",
          "p99 @1k/s",
          "p50 added",
          "p99 added",
          "errors",
          "max req/s",
          "p99 @max",
        ],
        rows.map((r) => [
          r.target,
          ms(r.fixedP50),
          ms(r.fixedP99),
          r === direct ? "-" : ms(r.fixedP50 - direct.fixedP50),
          r === direct ? "-" : ms(r.fixedP99 - direct.fixedP99),
          String(r.fixedErrors),
          r.maxRate.toFixed(0),
          ms(r.satP99),
          `${r.cpuUsPerRequest.toFixed(0)} µs`,
        ]),
      ),
    );
    const ratio = ours.maxRate / nginxRow.maxRate;
    console.log(
      `\nmax rate: proxy/nginx ${(100 * ratio).toFixed(0)}%, proxy/direct ${((100 * ours.maxRate) / direct.maxRate).toFixed(0)}%, nginx/direct ${((100 * nginxRow.maxRate) / direct.maxRate).toFixed(0)}%`,
    );
    console.log(
      `CPU per request at saturation: proxy ${ours.cpuUsPerRequest.toFixed(0)} µs, nginx ${nginxRow.cpuUsPerRequest.toFixed(0)} µs, backend ${direct.cpuUsPerRequest.toFixed(0)} µs; one dedicated core would carry about ${(1e6 / ours.cpuUsPerRequest).toFixed(0)} req/s through the proxy, ${(1e6 / nginxRow.cpuUsPerRequest).toFixed(0)} through nginx`,
    );
    console.log(
      `added p99 at 1,000 req/s: proxy ${ms(ours.fixedP99 - direct.fixedP99)}, nginx ${ms(nginxRow.fixedP99 - direct.fixedP99)}`,
    );
    console.log(
      `\n3× overload (max-concurrency 4, queue 8, 10 ms model, capacity ${capacity.toFixed(0)} req/s, offered ${Math.round(3 * capacity)} req/s for ${overloadSeconds}s):`,
    );
    console.log(
      table(
        ["", "count", "p50", "p99", "max"],
        [
          [
            "200",
            String(served.length),
            ms(percentile(served, 50)),
            ms(percentile(served, 99)),
            ms(served.at(-1) ?? Number.NaN),
          ],
          [
            "503",
            String(rejected.length),
            ms(percentile(rejected, 50)),
            ms(percentile(rejected, 99)),
            ms(rejected.at(-1) ?? Number.NaN),
          ],
        ],
      ),
    );
    console.log(
      `load generator lateness against its schedule: p50 ${ms(percentile(overload.lateness, 50))}, p99 ${ms(percentile(overload.lateness, 99))} (requests leave evenly paced, not in autocannon's per-second bursts)`,
    );
    console.log(
      `proxy RSS: ${mb(rssBefore)} before, ${mb(quarter)} at 25%, ${mb(rssEnd)} at the end, ${mb(rssPeak)} peak; errors ${overload.errors}`,
    );

    const goals = [
      ["p99 added at 1,000 req/s < 1 ms", ours.fixedP99 - direct.fixedP99 < 1],
      ["max rate >= 70% of nginx's", ratio >= 0.7],
      ["503s p99 < 5 ms under 3× overload", percentile(rejected, 99) < 5],
      [
        "RSS flat under overload (end within 10 MB of the 25% mark)",
        rssEnd - quarter < 10 * 1048576,
      ],
    ] as const;
    console.log("\ngoals:");
    for (const [what, ok] of goals) console.log(`  ${ok ? "PASS" : "FAIL"}  ${what}`);

    if (jsonOut !== undefined) {
      writeFileSync(
        jsonOut,
        `${JSON.stringify(
          {
            seconds,
            cores: cpus().length,
            rows,
            overload: {
              capacity,
              offered: Math.round(3 * capacity),
              served: served.length,
              rejected: rejected.length,
              rejectedP50: percentile(rejected, 50),
              rejectedP99: percentile(rejected, 99),
              rssBefore,
              rssQuarter: quarter,
              rssEnd,
              rssPeak,
              errors: overload.errors,
            },
            goals: Object.fromEntries(goals),
          },
          null,
          2,
        )}\n`,
      );
    }
  } finally {
    for (const c of children.reverse()) await c.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();

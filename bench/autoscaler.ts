// The autoscaler benchmark: the same traffic traces through cortex-deploy's autoscaler, Cortex
// v0.42's algorithm and Knative's KPA, in a discrete-time simulation with a pod start delay.
// Each reads the load signal its own system measures: Cortex and Knative the proxies' running +
// queued count, cortex-deploy its proxies' in-flight demand. Two comparison rows show what the
// signal does on its own: cortex-deploy on the raw count, and KPA fed the demand.
// Prints replica-seconds, rejected requests, reaction time to a 10× step and flapping, then the
// issue's goals with pass/fail.
//
//   npx tsx bench/autoscaler.ts [--target-in-flight N] [--start-delay S] [--json FILE]

import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultAutoscalerConfig } from "../controller/src/autoscaler/config.ts";
import { CortexReference } from "./autoscaler/cortex.ts";
import { Kpa } from "./autoscaler/kpa.ts";
import { Ours } from "./autoscaler/ours.ts";
import type { SimScaler } from "./autoscaler/scaler.ts";
import { type SimParams, type SimResult, simulate } from "./autoscaler/sim.ts";
import { type Trace, traces } from "./autoscaler/traces.ts";

const { values: flags } = parseArgs({
  options: {
    "target-in-flight": { type: "string" },
    "start-delay": { type: "string" },
    json: { type: "string" },
  },
});

// Cortex's pod defaults: max_concurrency 1, max_queue_length 100; a 1 s request, so one replica
// serves one request a second; pods take 10 s from request to ready.
const params: SimParams = {
  startDelaySeconds: Number(flags["start-delay"] ?? 10),
  maxConcurrency: 1,
  maxQueueLength: 100,
  serviceSeconds: 1,
  initialReplicas: 1,
};
const perReplica = params.maxConcurrency / params.serviceSeconds;
// cortex.yaml's defaults; target_in_flight defaults to max_concurrency.
const config = defaultAutoscalerConfig(Number(flags["target-in-flight"] ?? params.maxConcurrency));

const algorithms: { key: string; make: () => SimScaler }[] = [
  { key: "ours", make: () => new Ours("cortex-deploy (panic 6s)", config) },
  {
    key: "ours-no-panic",
    make: () => new Ours("cortex-deploy, panic off", { ...config, panicWindowSeconds: 0 }),
  },
  {
    key: "ours-in-flight",
    make: () => new Ours("cortex-deploy on running + queued", config, "inFlight"),
  },
  { key: "cortex", make: () => new CortexReference({ ...config, panicWindowSeconds: 0 }) },
  {
    key: "kpa",
    make: () =>
      new Kpa({
        containerConcurrency: params.maxConcurrency,
        minScale: config.minReplicas,
        maxScale: config.maxReplicas,
      }),
  },
  {
    key: "kpa-demand",
    make: () =>
      new Kpa(
        {
          containerConcurrency: params.maxConcurrency,
          minScale: config.minReplicas,
          maxScale: config.maxReplicas,
        },
        "demand",
      ),
  },
];

interface Row {
  trace: string;
  algorithm: string;
  key: string;
  result: SimResult;
}

function runAll(list: Trace[], p: SimParams): Row[] {
  const rows: Row[] = [];
  for (const trace of list) {
    for (const a of algorithms) {
      const scaler = a.make();
      rows.push({
        trace: trace.name,
        algorithm: scaler.name,
        key: a.key,
        result: simulate(trace, scaler, p),
      });
    }
  }
  return rows;
}

function finder(rows: Row[]) {
  return (trace: string, key: string): SimResult => {
    const row = rows.find((r) => r.trace === trace && r.key === key);
    if (row === undefined) throw new Error(`no result for ${trace}/${key}`);
    return row.result;
  };
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const left = (i: number) => i < 2;
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (left(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...body.map(line)].join("\n");
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const seconds = (n: number | undefined) => (n === undefined ? "never" : `${n} s`);

const allTraces = traces(perReplica);
const rows = runAll(allTraces, params);
const find = finder(rows);

console.log(
  `pods ready ${params.startDelaySeconds} s after the request; max_concurrency ${params.maxConcurrency}, ` +
    `max_queue_length ${params.maxQueueLength}, ${params.serviceSeconds} s per request; ` +
    `target_in_flight ${config.targetInFlight} (KPA: 70% of max_concurrency); ` +
    `replicas ${config.minReplicas}..${config.maxReplicas}\n`,
);
for (const t of allTraces) console.log(`  ${t.name}: ${t.description}`);
console.log("");
console.log(
  table(
    ["trace", "algorithm", "replica-s", "vs KPA", "rejected", "peak", "step → needed", "flaps"],
    rows.map((r) => {
      const kpa = find(r.trace, "kpa");
      const res = r.result;
      return [
        r.trace,
        r.algorithm,
        fmt(res.replicaSeconds),
        `${(res.replicaSeconds / kpa.replicaSeconds).toFixed(2)}×`,
        `${fmt(res.rejected)} (${((100 * res.rejected) / Math.max(1, res.arrived)).toFixed(1)}%)`,
        String(res.peakReplicas),
        res.reactionSeconds === undefined ? "–" : seconds(res.reactionSeconds),
        String(res.flaps),
      ];
    }),
  ),
);

// The published figures (Cortex ~350 s, KPA ~6 s for 1 → 10) assume the metric is the offered
// load; in the simulation above the backlog that builds while pods start inflates in-flight,
// which makes panic react sooner. The same step with the offered load as the metric:
const step = allTraces.filter((t) => t.step !== undefined && t.callers === undefined);
const offered = finder(runAll(step, { ...params, offeredLoadMetric: true }));
console.log(
  "\nstep 1→10 with in-flight = offered load (no backlog), seconds to the needed replicas:",
);
for (const a of algorithms) {
  const name = rows.find((r) => r.key === a.key)?.algorithm ?? a.key;
  console.log(`  ${name}: ${seconds(offered(step[0]?.name ?? "", a.key).reactionSeconds)}`);
}

const stepName = step[0]?.name ?? "";
const constant = allTraces.find((t) => t.constant)?.name ?? "";
const goals: { goal: string; pass: boolean; detail: string }[] = [
  {
    goal: "needed replicas requested within 10 s of the step",
    pass: (find(stepName, "ours").reactionSeconds ?? Infinity) <= 10,
    detail:
      `${seconds(find(stepName, "ours").reactionSeconds)} ` +
      `(Cortex ${seconds(find(stepName, "cortex").reactionSeconds)}, KPA ${seconds(find(stepName, "kpa").reactionSeconds)})`,
  },
  ...["diurnal", "bursty on-off"].map((trace) => {
    const ours = find(trace, "ours").replicaSeconds;
    const kpa = find(trace, "kpa").replicaSeconds;
    return {
      goal: `no more replica-seconds than KPA on ${trace}`,
      pass: ours <= kpa,
      // The same algorithm fed the same signal, for context: how much of the gain is the signal.
      detail: `${fmt(ours)} vs ${fmt(kpa)} (${(ours / kpa).toFixed(2)}×; KPA fed demand ${fmt(find(trace, "kpa-demand").replicaSeconds)})`,
    };
  }),
  {
    goal: "no flapping under constant load",
    pass: find(constant, "ours").flaps === 0,
    detail: `${find(constant, "ours").flaps} direction changes after warm-up (KPA ${find(constant, "kpa").flaps})`,
  },
];
console.log("\ngoals (cortex-deploy with panic mode):");
for (const g of goals) console.log(`  ${g.pass ? "PASS" : "FAIL"}  ${g.goal}: ${g.detail}`);

if (flags.json !== undefined) {
  const figures = rows.map(({ result: { decisions: _omitted, ...figures }, ...row }) => ({
    ...row,
    ...figures,
  }));
  writeFileSync(flags.json, `${JSON.stringify({ params, config, figures, goals }, null, 2)}\n`);
}

// The six steps, each a function of the shared context: it narrates, runs the CLI as a CI job
// would, checks what it claims, and records facts (for the summary, the report and the end-to-end
// test). A step throws when it cannot go on; it sets `rec.error` and returns when the demo can go
// on but a claim did not hold (a failed request during the rolling update, say).
import { loadConfigFile, type RealtimeApiConfig } from "../../src/config/index.ts";
import { getResource } from "../../src/kube/objects.ts";
import type { RealtimeApiResource } from "../../src/kube/resource.ts";
import { listRevisions } from "../../src/kube/revisions.ts";
import { withContainerEnv } from "./config-edit.ts";
import { APIS, type DemoContext, MAIN_API } from "./context.ts";
import { httpRequest } from "./http.ts";
import { PROXY_PORT } from "./load.ts";
import { expectedReplicas } from "./params.ts";
import { describeContainer, hasEnv, listApiPods } from "./pods.ts";
import type { StepRecord } from "./report.ts";
import { parsePredictAnswer, sampleAt } from "./samples.ts";
import { formatSeconds } from "./series.ts";
import { formatVersions, type TallyCounts } from "./tally.ts";
import { pause, waitUntil } from "./wait.ts";

export const BROKEN_ENV = { key: "IRIS_FAIL_ON_START", value: "1" };

export interface Answer {
  api: string;
  target: string;
  expected: string;
  prediction: string | undefined;
  version: string | undefined;
  status: number | undefined;
}

export interface RevisionFact {
  number: number;
  result: string | undefined;
  commit: string | undefined;
  manifest: string | undefined;
}

/** What the steps established; the end-to-end test asserts on these. */
export interface DemoFacts {
  deploy?: { exitCode: number | null; phases: Record<string, string | undefined> };
  predict?: { answers: Answer[] };
  autoscale?: {
    clients: number;
    expected: number;
    peak: number;
    secondsToPeak: number;
    endReplicas: number;
    secondsToMin: number;
    minReplicas: number;
    requests: TallyCounts;
  };
  update?: {
    exitCode: number | null;
    replicasDuringUpdate: number;
    manifestBefore: string | undefined;
    manifestAfter: string | undefined;
    requests: TallyCounts;
    phase: string | undefined;
  };
  broken?: {
    exitCode: number | null;
    phase: string | undefined;
    rolledBackMessage: string | undefined;
    brokenPodIps: string[];
    failedOnBrokenPods: number;
    requests: TallyCounts;
  };
  rollback?: {
    revisionsBefore: RevisionFact[];
    exitCode: number | null;
    specRestored: boolean;
    phase: string | undefined;
    versionAfter: string | undefined;
    revisionsAfter: RevisionFact[];
    requests: TallyCounts;
  };
}

function deployArgs(ctx: DemoContext): string[] {
  return [
    "deploy",
    "-c",
    "cortex.yaml",
    "--namespace",
    ctx.namespace,
    "--bucket",
    ctx.cluster.bucket,
    "--timeout",
    ctx.params.cliTimeout,
  ];
}

function getApi(ctx: DemoContext, name: string): Promise<RealtimeApiResource> {
  return getResource(ctx.client, "RealtimeAPI", ctx.namespace, name);
}

async function mainApiConfig(ctx: DemoContext): Promise<RealtimeApiConfig> {
  const loaded = await loadConfigFile(ctx.work.config);
  if (!loaded.ok) throw new Error(`cortex.yaml does not load: ${loaded.errors[0]?.message}`);
  const api = loaded.config.apis.find((a) => a.name === MAIN_API);
  if (api?.kind !== "RealtimeAPI") throw new Error(`cortex.yaml has no RealtimeAPI ${MAIN_API}`);
  return api;
}

/** Ready pods (EndpointSlices) and the controller's desired count, right now. */
async function replicas(ctx: DemoContext): Promise<{ ready: number; desired: number | undefined }> {
  await ctx.endpoints.iris.refresh();
  const api = await getApi(ctx, MAIN_API).catch(() => undefined);
  return { ready: ctx.endpoints.iris.ips().length, desired: api?.status?.desiredReplicas };
}

function requestsLine(r: TallyCounts): string {
  const failures = r.failures.length > 0 ? `; first: ${r.failures[0]}` : "";
  return `${r.served} answered (${formatVersions(r.byVersion)}), ${r.failed} failed${failures}`;
}

// --- 1. validate and deploy ------------------------------------------------------------------

export async function deployStep(
  ctx: DemoContext,
  rec: StepRecord,
  facts: DemoFacts,
): Promise<void> {
  const validate = await ctx.cli(["validate", "-c", "cortex.yaml"], rec);
  if (validate.exitCode !== 0) throw new Error(`validate failed (exit ${validate.exitCode})`);
  ctx.out.say(
    "deploying: artifacts are uploaded to S3 in parallel by content hash, then both APIs applied; the CLI waits for Ready",
  );
  const deploy = await ctx.cli(deployArgs(ctx), rec);
  const phases: Record<string, string | undefined> = {};
  for (const name of APIS) phases[name] = (await getApi(ctx, name)).status?.phase;
  facts.deploy = { exitCode: deploy.exitCode, phases };
  if (deploy.exitCode !== 0) throw new Error(`deploy failed (exit ${deploy.exitCode})`);
  const summary = APIS.map((n) => `${n} ${phases[n]}`).join(", ");
  ctx.out.say(`deployed: ${summary}`);
  rec.notes.push(`deployed in one command: ${summary}`);
}

// --- 2. predictions through the proxies ------------------------------------------------------

export async function predictStep(
  ctx: DemoContext,
  rec: StepRecord,
  facts: DemoFacts,
): Promise<void> {
  const answers: Answer[] = [];
  for (const api of APIS) {
    const watcher = ctx.endpoints[api];
    const endpoints = await waitUntil(
      `a ready endpoint of ${api}`,
      async () => {
        await watcher.refresh();
        const list = watcher.current();
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 60_000, signal: ctx.signal },
    );
    ctx.out.say(
      `${api}: its Service's EndpointSlices list ${endpoints.length} ready pod(s): ${endpoints.map((e) => `${e.ip}:${PROXY_PORT} (${e.pod ?? "?"})`).join(", ")}`,
    );
    for (let i = 0; i < ctx.params.predictions; i++) {
      const sample = sampleAt(i);
      const target = endpoints[i % endpoints.length]?.ip as string;
      const body = JSON.stringify({ features: sample.features });
      const answer: Answer = {
        api,
        target,
        expected: sample.species,
        prediction: undefined,
        version: undefined,
        status: undefined,
      };
      try {
        const reply = await httpRequest("POST", target, PROXY_PORT, "/predict", body, 10_000);
        const parsed = parsePredictAnswer(reply.body);
        answer.status = reply.status;
        answer.prediction = parsed.prediction;
        answer.version = parsed.version;
        ctx.out.say(
          `  POST http://${target}:${PROXY_PORT}/predict ${body} → ${reply.status} ${reply.body.trim()} (${reply.ms.toFixed(0)} ms; a ${sample.species})`,
        );
      } catch (err) {
        ctx.out.say(
          `  POST http://${target}:${PROXY_PORT}/predict ${body} → ${(err as Error).message}`,
        );
      }
      ctx.tally.add({
        target,
        status: answer.status,
        version: answer.version,
        correct: answer.prediction === sample.species,
      });
      answers.push(answer);
    }
  }
  facts.predict = { answers };
  const right = answers.filter((a) => a.status === 200 && a.prediction === a.expected).length;
  rec.notes.push(
    `${right} of ${answers.length} predictions right, through the proxies (port ${PROXY_PORT})`,
  );
  if (right !== answers.length) {
    const unreachable =
      answers.every((a) => a.status === undefined) && ctx.cluster.mode === "cluster";
    throw new Error(
      `${answers.length - right} predictions failed or were wrong` +
        (unreachable
          ? "; the demo sends to pod IPs, which must be reachable from this machine (docs/demo.md)"
          : ""),
    );
  }
}

// --- 3. autoscaling up and down ---------------------------------------------------------------

export async function autoscaleStep(
  ctx: DemoContext,
  rec: StepRecord,
  facts: DemoFacts,
): Promise<void> {
  const { autoscaling: a } = await mainApiConfig(ctx);
  const clients = ctx.params.scaleClients;
  const expected = expectedReplicas(clients, a.target_in_flight, a.min_replicas, a.max_replicas);
  const periods =
    `window ${a.window} (Cortex's default 60s), upscale stabilisation ${a.upscale_stabilization_period} (1m), ` +
    `downscale stabilisation ${a.downscale_stabilization_period} (5m)`;
  ctx.out.say(
    `${MAIN_API} autoscales on requests in flight: target ${a.target_in_flight} per replica, ${a.min_replicas}–${a.max_replicas} replicas`,
  );
  ctx.out.say(`periods shortened for the demo in cortex.yaml: ${periods}`);
  ctx.settings.push(`autoscaling periods shortened in examples/iris/cortex.yaml: ${periods}`);
  ctx.out.say(
    `starting ${clients} clients, each sending its next prediction as soon as one is answered: about ${clients} in flight → ceil(${clients}/${a.target_in_flight}) = ${expected} replicas`,
  );
  const loadStart = ctx.clock();
  const run = ctx.startLoad(clients);
  let peakAt = loadStart;
  try {
    await waitUntil(
      `${expected} ready replicas of ${MAIN_API}`,
      async () => {
        const r = await replicas(ctx);
        return r.ready >= expected;
      },
      {
        timeoutMs: ctx.params.scaleUpTimeoutSeconds * 1000,
        intervalMs: 500,
        signal: ctx.signal,
        detail: () => `ready ${ctx.endpoints.iris.ips().length}`,
      },
    );
    peakAt = ctx.clock();
    ctx.out.say(
      `${expected} replicas ready ${formatSeconds(peakAt - loadStart)} after the load started; holding it ${ctx.params.scaleHoldSeconds}s`,
    );
    await pause(ctx.params.scaleHoldSeconds * 1000, ctx.signal);
  } finally {
    await run.stop();
  }
  const stoppedAt = ctx.clock();
  const requests = run.tally.counts();
  ctx.out.say(
    `load stopped after ${formatSeconds(stoppedAt - loadStart)}: ${requestsLine(requests)}`,
  );
  const downFactor = a.max_downscale_factor;
  ctx.out.say(
    `watching the scale-down: no step below the highest recommendation of the last ${a.downscale_stabilization_period}, at most ×${downFactor} per step (at least 1 replica)`,
  );
  await waitUntil(
    `${MAIN_API} back to ${a.min_replicas} replica(s)`,
    async () => {
      const r = await replicas(ctx);
      return r.ready === a.min_replicas && r.desired === a.min_replicas;
    },
    { timeoutMs: ctx.params.scaleDownTimeoutSeconds * 1000, intervalMs: 1000, signal: ctx.signal },
  );
  const downAt = ctx.clock();
  const peak = Math.max(
    expected,
    ...ctx.recorder.samples
      .filter((s) => s.t >= loadStart)
      .map((s) => Math.max(s.ready, s.desired ?? 0)),
  );
  facts.autoscale = {
    clients,
    expected,
    peak,
    secondsToPeak: peakAt - loadStart,
    endReplicas: a.min_replicas,
    secondsToMin: downAt - stoppedAt,
    minReplicas: a.min_replicas,
    requests,
  };
  rec.requests = requests;
  ctx.out.say(
    `back to ${a.min_replicas} replica(s) ${formatSeconds(downAt - stoppedAt)} after the load stopped`,
  );
  rec.notes.push(
    `scaled ${a.min_replicas} → ${peak} replicas in ${formatSeconds(peakAt - loadStart)} under ${clients} clients; back to ${a.min_replicas} ${formatSeconds(downAt - stoppedAt)} after the load stopped`,
    `load: ${requestsLine(requests)}`,
    `shortened periods: ${periods}`,
  );
  if (requests.failed > 0) rec.error = `${requests.failed} requests failed under load`;
}

// --- 4. a new model as a rolling update under load ----------------------------------------------

export async function updateStep(
  ctx: DemoContext,
  rec: StepRecord,
  facts: DemoFacts,
): Promise<void> {
  const { autoscaling: a, update_strategy: u } = await mainApiConfig(ctx);
  const before = (await getApi(ctx, MAIN_API)).spec.artifacts?.manifest;
  const clients = ctx.params.updateClients;
  const want = expectedReplicas(clients, a.target_in_flight, a.min_replicas, a.max_replicas);
  ctx.out.say(`starting ${clients} clients on ${MAIN_API}; they run through the whole rollout`);
  const run = ctx.startLoad(clients);
  let deployExit: number | null = null;
  let replicasDuring = 0;
  try {
    if (want > 1) {
      ctx.out.say(
        `waiting for the autoscaler's ${want} replicas, so the rollout replaces several pods`,
      );
      await waitUntil(`${want} ready replicas`, async () => (await replicas(ctx)).ready >= want, {
        timeoutMs: ctx.params.scaleUpTimeoutSeconds * 1000,
        signal: ctx.signal,
      });
    }
    replicasDuring = ctx.endpoints.iris.ips().length;
    ctx.out.say("training model version 2 into the demo's repository: train.py --version 2");
    ctx.out.commandOutput(await ctx.work.train("2"));
    const sha = await ctx.work.commit("iris: model v2");
    ctx.out.say(
      `committed ${sha.slice(0, 12)} "iris: model v2" (a new artifact hash); deploying it as CI would on push`,
    );
    ctx.out.say(
      `rolling update: max_surge ${u.max_surge}, max_unavailable ${u.max_unavailable}; the proxies drain on SIGTERM, the load follows the EndpointSlices`,
    );
    deployExit = (await ctx.cli(deployArgs(ctx), rec)).exitCode;
    // A little longer, so the chart shows the answers after the rollout too.
    await pause(2000, ctx.signal);
  } finally {
    await run.stop();
  }
  const api = await getApi(ctx, MAIN_API);
  const requests = run.tally.counts();
  facts.update = {
    exitCode: deployExit,
    replicasDuringUpdate: replicasDuring,
    manifestBefore: before,
    manifestAfter: api.spec.artifacts?.manifest,
    requests,
    phase: api.status?.phase,
  };
  rec.requests = requests;
  ctx.out.say(`during the rollout: ${requestsLine(requests)}`);
  rec.notes.push(
    `artifact manifest ${before?.slice(0, 12) ?? "-"} → ${api.spec.artifacts?.manifest.slice(0, 12) ?? "-"}; ${replicasDuring} replica(s) replaced one at a time`,
    `under load: ${requestsLine(requests)}`,
  );
  if (deployExit !== 0) throw new Error(`deploy of model v2 failed (exit ${deployExit})`);
  if (requests.failed > 0)
    rec.error = `${requests.failed} requests failed during the rolling update`;
}

// --- 5. a broken revision, rolled back by the controller ---------------------------------------

export async function brokenStep(
  ctx: DemoContext,
  rec: StepRecord,
  facts: DemoFacts,
): Promise<void> {
  const text = withContainerEnv(
    await ctx.work.readConfig(),
    MAIN_API,
    BROKEN_ENV.key,
    BROKEN_ENV.value,
  );
  await ctx.work.writeConfig(text);
  const sha = await ctx.work.commit(
    `iris: ${BROKEN_ENV.key}=${BROKEN_ENV.value} (a broken revision)`,
  );
  ctx.out.say(
    `committed ${sha.slice(0, 12)}: ${MAIN_API}'s container gets ${BROKEN_ENV.key}=${BROKEN_ENV.value}, so its server exits 1 at start`,
  );
  const run = ctx.startLoad(ctx.params.brokenClients);
  ctx.out.say(`${ctx.params.brokenClients} clients keep sending to the ready pods throughout`);
  // Watch the broken pods, to show their crash loop and to know their addresses.
  const brokenIps = new Set<string>();
  const seen = new Map<string, string>();
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const pods = await listApiPods(ctx.client, ctx.namespace, MAIN_API).catch(() => []);
      for (const pod of pods) {
        if (!hasEnv(pod, BROKEN_ENV.key, BROKEN_ENV.value)) continue;
        if (pod.status?.podIP) brokenIps.add(pod.status.podIP);
        const state = describeContainer(pod, "api");
        if (seen.get(pod.metadata.name) !== state) {
          seen.set(pod.metadata.name, state);
          ctx.out.say(`pod ${pod.metadata.name} (broken revision): ${state}`);
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  let exitCode: number | null = null;
  let api: RealtimeApiResource;
  try {
    exitCode = (await ctx.cli(deployArgs(ctx), rec)).exitCode;
    api = await waitUntil(
      `${MAIN_API} rolled back`,
      async () => {
        const got = await getApi(ctx, MAIN_API);
        return got.status?.phase === "RolledBack" ? got : undefined;
      },
      { timeoutMs: 120_000, signal: ctx.signal },
    );
    await ctx.cli(["status", "--namespace", ctx.namespace], rec);
    await pause(2000, ctx.signal);
  } finally {
    watching = false;
    await watch;
    await run.stop();
  }
  const rolledBack = api.status?.conditions?.find((c) => c.type === "RolledBack");
  const requests = run.tally.counts();
  const failedOnBrokenPods = [...brokenIps].reduce(
    (n, ip) => n + (requests.failedByTarget[ip] ?? 0),
    0,
  );
  facts.broken = {
    exitCode,
    phase: api.status?.phase,
    rolledBackMessage: rolledBack?.message,
    brokenPodIps: [...brokenIps],
    failedOnBrokenPods,
    requests,
  };
  rec.requests = requests;
  ctx.out.say(
    `the controller rolled ${MAIN_API} back by itself: ${rolledBack?.reason ?? ""} ${rolledBack?.message ?? ""}`.trim(),
  );
  ctx.out.say(`meanwhile: ${requestsLine(requests)}`);
  rec.notes.push(
    `deploy exited ${exitCode} (the Action's job fails), phase ${api.status?.phase}: ${rolledBack?.message ?? "-"}`,
    `the broken pods were never ready, so never in the EndpointSlices; the old pods kept serving: ${requestsLine(requests)}`,
  );
  if (exitCode === 0) rec.error = "deploy of the broken revision exited 0";
  else if (requests.failed > 0)
    rec.error = `${requests.failed} requests failed while the broken revision was rolled back`;
}

// --- 6. history and rollback --to 1 -------------------------------------------------------------

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function revisionFacts(ctx: DemoContext): Promise<RevisionFact[]> {
  return (await listRevisions(ctx.client, ctx.namespace, MAIN_API, undefined)).map((r) => ({
    number: r.number,
    result: r.result,
    commit: r.commit,
    manifest: r.manifest,
  }));
}

export async function rollbackStep(
  ctx: DemoContext,
  rec: StepRecord,
  facts: DemoFacts,
): Promise<void> {
  const run = ctx.startLoad(ctx.params.brokenClients);
  let exitCode: number | null = null;
  let specRestored = false;
  let versionAfter: string | undefined;
  let revisionsBefore: RevisionFact[] = [];
  let revisionsAfter: RevisionFact[] = [];
  let phase: string | undefined;
  try {
    await ctx.cli(["history", MAIN_API, "--namespace", ctx.namespace], rec);
    const revisions = await listRevisions(ctx.client, ctx.namespace, MAIN_API, undefined);
    revisionsBefore = await revisionFacts(ctx);
    const first = revisions.find((r) => r.number === 1);
    if (first === undefined) throw new Error(`${MAIN_API} has no revision 1`);
    ctx.out.say(
      "rolling every API of cortex.yaml back to revision 1, as the Action's workflow_dispatch (rollback-to: 1) does",
    );
    exitCode = (
      await ctx.cli(
        [
          "rollback",
          "--to",
          "1",
          "-c",
          "cortex.yaml",
          "--namespace",
          ctx.namespace,
          "--timeout",
          ctx.params.cliTimeout,
        ],
        rec,
      )
    ).exitCode;
    await ctx.cli(["history", MAIN_API, "--namespace", ctx.namespace], rec);
    const api = await getApi(ctx, MAIN_API);
    phase = api.status?.phase;
    specRestored = stableJson(api.spec) === stableJson(first.spec);
    revisionsAfter = await revisionFacts(ctx);
    await ctx.endpoints.iris.refresh();
    const target = ctx.endpoints.iris.ips()[0];
    if (target !== undefined) {
      const reply = await httpRequest(
        "POST",
        target,
        PROXY_PORT,
        "/predict",
        JSON.stringify({ features: sampleAt(0).features }),
        10_000,
      );
      versionAfter = parsePredictAnswer(reply.body).version;
      ctx.out.say(
        `  POST http://${target}:${PROXY_PORT}/predict → ${reply.status} ${reply.body.trim()}`,
      );
    }
    await pause(2000, ctx.signal);
  } finally {
    await run.stop();
  }
  const requests = run.tally.counts();
  facts.rollback = {
    revisionsBefore,
    exitCode,
    specRestored,
    phase,
    versionAfter,
    revisionsAfter,
    requests,
  };
  rec.requests = requests;
  const listed = revisionsBefore.map((r) => `${r.number} ${r.result ?? "-"}`).join(", ");
  ctx.out.say(
    `revision 1's spec ${specRestored ? "is" : "is NOT"} what ${MAIN_API} runs now (phase ${phase ?? "-"}, answers from model v${versionAfter ?? "?"})`,
  );
  rec.notes.push(
    `history before the rollback: ${listed}`,
    `rollback --to 1 exited ${exitCode}; revision 1's spec restored: ${specRestored}; model v${versionAfter ?? "?"} answers`,
    `meanwhile: ${requestsLine(requests)}`,
  );
  if (exitCode !== 0) throw new Error(`rollback --to 1 failed (exit ${exitCode})`);
  if (!specRestored) rec.error = "the API's spec is not revision 1's after rollback --to 1";
  else if (requests.failed > 0)
    rec.error = `${requests.failed} requests failed during the rollback`;
}

export const STEPS = [
  { id: "deploy", title: "validate and deploy examples/iris", run: deployStep },
  { id: "predict", title: "predictions through the proxies", run: predictStep },
  { id: "autoscale", title: "load: scale up, then down", run: autoscaleStep },
  { id: "update", title: "a new model as a rolling update under load", run: updateStep },
  { id: "broken", title: "a broken revision, rolled back by the controller", run: brokenStep },
  { id: "rollback", title: "history and rollback --to 1", run: rollbackStep },
] as const;

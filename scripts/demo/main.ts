// `npm run demo`: the iris example deployed, scaled, updated, broken and rolled back with the
// cortex-deploy CLI, on a local sandbox (or the cluster in KUBECONFIG with CORTEX_DEPLOY_BUCKET).
// The npm script runs scripts/python-env.sh first (the example's .venv/ and model).
import path from "node:path";
import { QUIET_ENV } from "./cli-runner.ts";
import { makeOutput } from "./output.ts";
import { FULL, SMALL } from "./params.ts";
import { defaultReportDir } from "./paths.ts";
import { runDemo } from "./run.ts";

const USAGE = `usage: npm run demo [-- --small] [-- --report-dir DIR]

Deploys examples/iris with the cortex-deploy CLI and shows, in about five minutes: the parallel
upload and the rollout, predictions through the proxies, autoscaling up and down under load, a
new model rolled out under load with no failed request, a broken revision rolled back by the
controller, and history + rollback --to 1. Writes demo-report/report.md and chart.svg.

Runs on a local sandbox it starts and stops (no cluster needed). With KUBECONFIG and
CORTEX_DEPLOY_BUCKET set, runs against that cluster instead (see docs/demo.md).

  --small           smaller load and shorter holds (what the end-to-end test runs)
  --report-dir DIR  where report.md, chart.svg and controller.log go [demo-report/]

Environment: DEMO_NAMESPACE [cortex-demo], DEMO_IMAGE (the example's image on a real cluster).`;

function parseArgs(argv: string[]): { small: boolean; reportDir: string } | string {
  let small = false;
  let reportDir = defaultReportDir;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--small") small = true;
    else if (a === "--report-dir" && argv[i + 1] !== undefined)
      reportDir = path.resolve(argv[++i] as string);
    else if (a === "-h" || a === "--help") return USAGE;
    else return `unknown argument ${a}\n\n${USAGE}`;
  }
  return { small, reportDir };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    console.log(args);
    return args === USAGE ? 0 : 2;
  }
  // The sandbox's S3 set-up runs the AWS SDK in this process; see QUIET_ENV.
  Object.assign(process.env, QUIET_ENV);
  const started = performance.now();
  const clock = () => (performance.now() - started) / 1000;
  const out = makeOutput(clock, (line) => process.stdout.write(`${line}\n`));
  const abort = new AbortController();
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = performance.now();
    if (firstSignalAt === undefined) {
      firstSignalAt = now;
      out.say(
        `${signal}: stopping everything the demo started (press Ctrl-C again to exit at once)`,
      );
      abort.abort();
    } else if (now - firstSignalAt > 2000) {
      // The sandbox's watchdog and the controller's guard notice the exit and stop by themselves.
      process.exit(130);
    }
    // One Ctrl-C under `npm run` arrives more than once (the terminal signals the whole process
    // group, and npm and tsx relay it too): repeats within 2 s are that same Ctrl-C.
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const result = await runDemo({
    params: args.small ? SMALL : FULL,
    out,
    env: process.env,
    reportDir: args.reportDir,
    signal: abort.signal,
    clock,
    image: process.env.DEMO_IMAGE || undefined,
  });
  if (result.summary.error === undefined) return 0;
  return abort.signal.aborted ? 130 : 1;
}

// Exit explicitly: kept-alive sockets must not hold the process after the summary.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`demo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);

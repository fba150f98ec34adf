import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  outputsFor
} from "./chunks/chunk-VH4ZSOWV.js";
import {
  annotateConfigErrors,
  annotateConfigWarnings,
  appendJobSummary,
  failBeforeChanges,
  mask,
  summarizeConfigErrors,
  summarizeValidConfig
} from "./chunks/chunk-ERZOKR56.js";
import {
  getInput,
  group,
  info,
  notice,
  setFailed,
  setOutput,
  warning
} from "./chunks/chunk-F5P7TITF.js";
import {
  quoteBlock
} from "./chunks/chunk-TD6JBESK.js";
import {
  namespaceNameProblem
} from "./chunks/chunk-JKSDPEHS.js";
import {
  InputError,
  checkDryRun,
  environmentSecrets,
  loadConfigFile,
  maskKubeconfig,
  maskKubeconfigList,
  readInputs,
  resolveCommand
} from "./chunks/chunk-A5T5TBQU.js";
import "./chunks/chunk-L7FMGZYY.js";
import "./chunks/chunk-G4TVXNY4.js";
import "./chunks/chunk-YOXCTENX.js";
import {
  plural
} from "./chunks/chunk-IJQPKFB2.js";
import {
  withArtifactsChecked
} from "./chunks/chunk-SUX2H25H.js";
import "./chunks/chunk-3PPBRAAG.js";
import "./chunks/chunk-EEXP2E6B.js";
import "./chunks/chunk-BCMFZ37F.js";
import "./chunks/chunk-5UPG5FBY.js";
import "./chunks/chunk-VQJSBGHP.js";
import "./chunks/chunk-PU3PLDT3.js";
import "./chunks/chunk-FZVE6M4T.js";
import {
  defaultKubeconfig
} from "./chunks/chunk-6XWRUFJL.js";
import "./chunks/chunk-332YSSNY.js";
import "./chunks/chunk-5ZXHR5OE.js";

// src/action.ts
import { readFile } from "node:fs/promises";

// src/github/checkout-hint.ts
import { readdir } from "node:fs/promises";
var MISSING = "cannot read the file: no such file";
async function noCheckoutIn(workspace) {
  const entries = await readdir(workspace).catch(() => []);
  return !entries.includes(".git");
}
function checkoutHint(message, workspace) {
  return `${message}; the workspace ${workspace} has no .git: did the job run actions/checkout before this step?`;
}
async function withCheckoutHint(loaded, workspace) {
  const missing = (e) => e.message === MISSING;
  if (loaded.ok || !loaded.errors.some(missing) || !await noCheckoutIn(workspace)) return loaded;
  return {
    ...loaded,
    errors: loaded.errors.map(
      (e) => missing(e) ? { ...e, message: checkoutHint(e.message, workspace) } : e
    )
  };
}

// src/github/nothing-to-do.ts
function nothingDoneOutputs() {
  return outputsFor({ apis: [], namespace: "" });
}
async function reportNothingToDo(notice2) {
  notice(notice2, { title: "cortex-deploy: nothing to do" });
  for (const [name, value] of Object.entries(nothingDoneOutputs())) setOutput(name, value);
  try {
    await appendJobSummary((s) => {
      s.addRaw(`## cortex-deploy: nothing to do

${quoteBlock(notice2)}
`);
    });
  } catch (err) {
    warning(`could not write the job summary: ${err.message}`);
  }
}

// src/github/phases.ts
var noGroup = (_name, fn) => fn();
var PhaseClock = class {
  phases = [];
  now;
  group;
  constructor(opts = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.group = opts.group ?? noGroup;
  }
  /** Runs `fn` as the phase `name` (in a log group when `grouped`), recording its time even when
   * it throws. */
  async time(name, fn, grouped = false) {
    const start = this.now();
    try {
      return grouped ? await this.group(name, fn) : await fn();
    } finally {
      this.record(name, (this.now() - start) / 1e3);
    }
  }
  record(name, seconds) {
    this.phases.push({ name, seconds: Math.max(0, seconds) });
  }
};

// src/action.ts
async function readEvent(rollbackTo) {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  let payload = {};
  if (eventPath) {
    try {
      payload = JSON.parse(await readFile(eventPath, "utf8"));
    } catch (err) {
      throw new InputError(`cannot read the event payload ${eventPath}: ${err.message}`);
    }
  }
  return {
    eventName: process.env.GITHUB_EVENT_NAME ?? "",
    payload,
    ref: process.env.GITHUB_REF ?? "",
    rollbackTo
  };
}
async function maskDefaultKubeconfig() {
  for (const file of defaultKubeconfig()?.files ?? []) {
    const contents = await readFile(file, "utf8").catch(() => "");
    if (contents) maskKubeconfig(contents, mask);
  }
}
async function interruptible(fn) {
  const { withInterrupt } = await import("./chunks/interrupt-NGCOBCF5.js");
  await withInterrupt((line) => warning(line), fn);
}
async function run() {
  try {
    const clock = new PhaseClock({ group: (name, fn) => group(name, fn) });
    maskKubeconfigList(getInput("gc-kubeconfigs"), mask);
    const inputs = readInputs((name) => getInput(name));
    if (inputs.kubeconfig) maskKubeconfig(inputs.kubeconfig, mask);
    else await maskDefaultKubeconfig();
    if (inputs.githubToken) mask(inputs.githubToken);
    for (const secret of environmentSecrets(process.env)) mask(secret);
    const event = await readEvent(inputs.rollbackTo);
    const resolved = resolveCommand(inputs.command, event);
    if (!resolved.ok) {
      await failBeforeChanges(resolved.message);
      return;
    }
    if (resolved.command === "none") {
      await reportNothingToDo(resolved.notice);
      return;
    }
    const command = resolved.command;
    checkDryRun(command, inputs.dryRun);
    if (command === "deploy" || command === "rollback" || command === "plan") {
      const problem = namespaceNameProblem(inputs.namespace);
      if (problem) throw new InputError(`input namespace: ${problem}`);
    }
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    try {
      process.chdir(workspace);
    } catch (err) {
      throw new InputError(
        `cannot enter the workspace ${workspace} (GITHUB_WORKSPACE): ${err.message}. Check out the repository (actions/checkout) before this step.`
      );
    }
    const github = { name: event.eventName, payload: event.payload };
    if (command === "teardown" || command === "cleanup") {
      const { runGitHubCommand } = await import("./chunks/dispatch-FAGPKBDV.js");
      await runGitHubCommand(command, inputs, void 0, github, clock);
      return;
    }
    if (command === "gc") {
      const { runGitHubCommand } = await import("./chunks/dispatch-FAGPKBDV.js");
      await interruptible(
        (signal) => runGitHubCommand(command, inputs, void 0, github, clock, signal)
      );
      return;
    }
    const loaded = await clock.time("validate", async () => {
      const read = await withCheckoutHint(await loadConfigFile(inputs.config), workspace);
      return command === "rollback" ? read : withArtifactsChecked(read);
    });
    annotateConfigWarnings(loaded.warnings, workspace);
    if (!loaded.ok) {
      annotateConfigErrors(loaded.errors, workspace);
      await summarizeConfigErrors(inputs.config, loaded.errors, loaded.warnings);
      const n = loaded.errors.length;
      setFailed(`${inputs.config} has ${plural(n, "error")}; nothing was changed.`);
      return;
    }
    const { apis } = loaded.config;
    info(
      `${inputs.config}: ${plural(apis.length, "API")} valid: ${apis.map((a) => a.name).join(", ")}`
    );
    setOutput(
      "apis",
      JSON.stringify(
        apis.map((a) => ({ name: a.name, kind: a.kind, endpoint: a.networking.endpoint }))
      )
    );
    if (command === "validate") {
      await summarizeValidConfig(inputs.config, apis, loaded.warnings);
      return;
    }
    if (command === "deploy" || command === "preview" || command === "rollback") {
      const { runGitHubCommand } = await import("./chunks/dispatch-FAGPKBDV.js");
      await interruptible(
        (signal) => runGitHubCommand(command, inputs, loaded.config, github, clock, signal)
      );
      return;
    }
    if (command === "plan") {
      const { runPlanCommand } = await import("./chunks/action-steps-OQJMZIUV.js");
      const { announceCluster } = await import("./chunks/which-cluster-XMYB7XE4.js");
      announceCluster(inputs);
      await runPlanCommand(inputs, loaded.config);
      return;
    }
    setFailed(
      `command '${command}' is not available yet in this version of cortex-deploy (validation passed; nothing was deployed). Use \`command: validate\` until it ships.`
    );
  } catch (err) {
    if (err instanceof InputError) await failBeforeChanges(err.message);
    else
      setFailed(`cortex-deploy failed unexpectedly: ${err.stack ?? String(err)}`);
  }
}

// src/index.ts
await run();

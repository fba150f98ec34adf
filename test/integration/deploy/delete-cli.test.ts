// `cortex-deploy delete` on the sandbox's API server: --dry-run lists and deletes nothing, --all
// asks first (the terminal's answer stands in through a mocked ask) and, with no terminal to ask
// on, refuses without --yes. Deploys go through the CLI too (--no-wait: no controller needed).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deleteApis } from "../../../src/commands/delete.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { listResources } from "../../../src/kube/objects.ts";
import {
  cli,
  connect,
  installCrds,
  makeProject,
  type Project,
  realtimeYaml,
  recorder,
  uniqueNamespace,
} from "./helpers.ts";

/** The terminal: each question asked, and the answers to give, in turn. */
const terminal = vi.hoisted(() => ({ questions: [] as string[], answers: [] as string[] }));
vi.mock("../../../src/commands/ask.ts", () => ({
  ask: async (question: string) => {
    terminal.questions.push(question);
    return terminal.answers.shift() ?? "";
  },
}));

let client: KubeClient;
let project: Project;
let other: Project;
const stdinWasTty = process.stdin.isTTY;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
  other = await makeProject();
});

afterAll(() => client.close());

afterEach(() => {
  process.stdin.isTTY = stdinWasTty;
  terminal.questions.length = 0;
  terminal.answers.length = 0;
});

/** Whether stdin is a terminal, as the CLI reads it. */
function stdinIsTty(tty: boolean) {
  process.stdin.isTTY = tty;
}

/** a and b from the project's cortex.yaml, c from another config: delete --all leaves c. */
async function deployThree(): Promise<string> {
  const ns = uniqueNamespace("delete-cli");
  await project.write(realtimeYaml("a") + realtimeYaml("b"));
  const mine = await cli("deploy", "-c", project.file, "-n", ns, "--no-wait");
  expect(mine.code, mine.output).toBe(0);
  await other.write(realtimeYaml("c"));
  const theirs = await cli("deploy", "-c", other.file, "-n", ns, "--no-wait");
  expect(theirs.code, theirs.output).toBe(0);
  expect(await names(ns)).toEqual(["a", "b", "c"]);
  return ns;
}

async function names(ns: string): Promise<string[]> {
  const items = (await listResources(client, "RealtimeAPI", ns)).items;
  return items.map((o) => o.metadata.name).sort();
}

describe("delete --dry-run", () => {
  it("lists what --all or the names would delete, and deletes nothing", async () => {
    const ns = await deployThree();
    stdinIsTty(false);
    const all = await cli("delete", "--all", "--dry-run", "-c", project.file, "-n", ns);
    expect(all.code, all.output).toBe(0);
    expect(all.stdout.split("\n")).toEqual([
      "realtimeapi/a: would be deleted (dry run)",
      "realtimeapi/b: would be deleted (dry run)",
      `dry run: nothing was deleted (namespace ${ns})`,
    ]);
    const one = await cli("delete", "b", "--dry-run", "-c", project.file, "-n", ns);
    expect(one.code, one.output).toBe(0);
    expect(one.stdout).toContain("realtimeapi/b: would be deleted (dry run)");
    expect(one.stdout).not.toContain("realtimeapi/a");
    // What a real delete would refuse, a dry run refuses too.
    const theirs = await cli("delete", "c", "--dry-run", "-c", project.file, "-n", ns);
    expect(theirs.code).toBe(1);
    expect(theirs.output).toContain("was not deployed from this cortex.yaml");
    expect(terminal.questions).toEqual([]);
    expect(await names(ns)).toEqual(["a", "b", "c"]);
  });
});

describe("delete --all", () => {
  it("without a terminal, refuses unless --yes, saying nothing was deleted", async () => {
    const ns = await deployThree();
    stdinIsTty(false);
    const refused = await cli("delete", "--all", "-c", project.file, "-n", ns);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.output).toContain(
      `cortex-deploy delete: --all would delete 2 APIs that ${project.file} deployed in ` +
        `namespace ${ns}, and stdin is not a terminal to confirm it on, so nothing was ` +
        "deleted: pass --yes to delete them, or --dry-run to list them",
    );
    expect(terminal.questions).toEqual([]);
    expect(await names(ns)).toEqual(["a", "b", "c"]);

    const yes = await cli("delete", "--all", "--yes", "-c", project.file, "-n", ns);
    expect(yes.code, yes.output).toBe(0);
    expect(yes.stdout).toContain("realtimeapi/a: deleted");
    expect(await names(ns)).toEqual(["c"]);
  });

  it("on a terminal, lists what would go and deletes only on a yes", async () => {
    const ns = await deployThree();
    stdinIsTty(true);
    terminal.answers.push("", "yes");
    const declined = await cli("delete", "--all", "-c", project.file, "-n", ns);
    expect(declined.code).toBe(1);
    expect(declined.output).toContain(
      `cortex-deploy delete: not confirmed; nothing was deleted (namespace ${ns})`,
    );
    expect(await names(ns)).toEqual(["a", "b", "c"]);
    expect(terminal.questions).toEqual([
      `This deletes 2 APIs that ${project.file} deployed in namespace ${ns}:\n` +
        "  realtimeapi/a\n  realtimeapi/b\nDelete these 2? [y/N] ",
    ]);

    const confirmed = await cli("delete", "--all", "-c", project.file, "-n", ns);
    expect(confirmed.code, confirmed.output).toBe(0);
    expect(await names(ns)).toEqual(["c"]);
    // Named APIs are chosen one by one already: no question.
    await project.write(realtimeYaml("a"));
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    expect((await cli("delete", "a", "-c", project.file, "-n", ns)).code).toBe(0);
    expect(terminal.questions).toHaveLength(2);
    expect(await names(ns)).toEqual(["c"]);
  });

  it("asks nothing when there is nothing to delete", async () => {
    const ns = await deployThree();
    stdinIsTty(false);
    const none = await cli("delete", "--all", "-c", other.file, "--config-id", "none", "-n", ns);
    expect(none.code, none.output).toBe(0);
    expect(none.stdout).toBe(`nothing to delete: no APIs of this cortex.yaml in namespace ${ns}`);
    expect(await names(ns)).toEqual(["a", "b", "c"]);
  });
});

describe("deleteApis without confirm (the Action's teardown)", () => {
  it("deletes at once, as before", async () => {
    const ns = await deployThree();
    const deleted = await deleteApis({
      client,
      namespace: ns,
      configFile: project.file,
      names: [],
      all: true,
      log: recorder(),
    });
    expect(deleted).toEqual(["realtimeapi/a", "realtimeapi/b"]);
    expect(await names(ns)).toEqual(["c"]);
  });
});

// The pure parts of the set-up and the narration: where the demo runs, the artifacts Secret's
// keys, the clean-up order, pod states, output paths.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Cleanup } from "../../../scripts/demo/cleanup.ts";
import { chooseMode } from "../../../scripts/demo/cluster.ts";
import { secretData } from "../../../scripts/demo/namespace.ts";
import { makeOutput, shortPath } from "../../../scripts/demo/output.ts";
import { imageMaps } from "../../../scripts/demo/paths.ts";
import { describeContainer, hasEnv, type PodLike } from "../../../scripts/demo/pods.ts";

describe("chooseMode", () => {
  it("starts a sandbox when no cluster is configured", () => {
    expect(chooseMode({}, undefined).mode).toBe("new-sandbox");
    expect(chooseMode({ KUBECONFIG: "/k" }, undefined).mode).toBe("new-sandbox");
  });

  it("uses the cluster when KUBECONFIG and CORTEX_DEPLOY_BUCKET are set", () => {
    expect(chooseMode({ KUBECONFIG: "/k", CORTEX_DEPLOY_BUCKET: "b" }, undefined).mode).toBe(
      "cluster",
    );
  });

  it("reuses a running sandbox only when it can run the iris and controller images", () => {
    const env = { SANDBOX_DIR: "/s", KUBECONFIG: "/s/kubeconfig", CORTEX_DEPLOY_BUCKET: "b" };
    expect(chooseMode(env, { images: [...imageMaps, "/other.yaml"] }).mode).toBe("running-sandbox");
    const without = chooseMode(env, { images: [imageMaps[0] as string] });
    expect(without.mode).toBe("new-sandbox");
    expect(without.reason).toContain(path.basename(path.dirname(imageMaps[1] as string)));
    expect(chooseMode(env, undefined).mode).toBe("new-sandbox");
  });
});

describe("secretData", () => {
  it("takes the downloader's AWS variables that are set, and nothing else", () => {
    expect(
      secretData({
        AWS_ACCESS_KEY_ID: "id",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL: "",
        KUBECONFIG: "/k",
      }),
    ).toEqual({
      AWS_ACCESS_KEY_ID: "id",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_REGION: "us-east-1",
    });
  });
});

describe("Cleanup", () => {
  it("runs tasks newest first, each once, and collects failures instead of stopping", async () => {
    const cleanup = new Cleanup();
    const ran: string[] = [];
    cleanup.add("sandbox", () => {
      ran.push("sandbox");
    });
    cleanup.add("controller", () => {
      throw new Error("already gone");
    });
    const remove = cleanup.add("load", () => {
      ran.push("load");
    });
    cleanup.add("recorder", async () => {
      ran.push("recorder");
    });
    remove();
    const [first, second] = await Promise.all([cleanup.runAll(), cleanup.runAll()]);
    expect(ran).toEqual(["recorder", "sandbox"]);
    expect(first).toEqual(["controller: already gone"]);
    expect(second).toBe(first);
    expect(cleanup.pending).toEqual([]);
  });
});

describe("pods", () => {
  const pod: PodLike = {
    metadata: { name: "iris-1" },
    spec: { containers: [{ name: "api", env: [{ name: "IRIS_FAIL_ON_START", value: "1" }] }] },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "api",
          ready: false,
          restartCount: 2,
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, message: "line 1\nrefusing to start\n" } },
        },
      ],
    },
  };

  it("finds the broken revision's pods by their env", () => {
    expect(hasEnv(pod, "IRIS_FAIL_ON_START", "1")).toBe(true);
    expect(hasEnv(pod, "IRIS_FAIL_ON_START", "0")).toBe(false);
  });

  it("describes a crash loop with its last message", () => {
    expect(describeContainer(pod, "api")).toBe(
      "waiting (CrashLoopBackOff), restarts 2, last exit 1: refusing to start",
    );
    expect(describeContainer({ metadata: { name: "p" } }, "api")).toBe("scheduled");
  });
});

describe("output", () => {
  it("stamps narration and indents command output", () => {
    const lines: string[] = [];
    const out = makeOutput(
      () => 75.25,
      (l) => lines.push(l),
    );
    out.say("hello");
    out.command("cortex-deploy status");
    out.commandOutput("iris Ready");
    expect(lines).toEqual([
      "[ 1m15s] hello",
      "[ 1m15s] $ cortex-deploy status",
      "         | iris Ready",
    ]);
  });

  it("shortens paths inside the working directory only", () => {
    expect(shortPath("/work/main/demo-report/x", "/work/main")).toBe("demo-report/x");
    expect(shortPath("/tmp/x", "/work/main")).toBe("/tmp/x");
  });
});

// The API server's pods/log, served from the kubelet's log files (current, previous, tail,
// follow), and pod deletion: SIGTERM first, SIGKILL after the grace period, then the pod is gone.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import { procStartTime } from "../../sandbox/kubelet/pid-records.ts";
import {
  adminClient,
  createNamespace,
  createPod,
  deleteNamespace,
  eventually,
  getPod,
  podGone,
} from "./helpers.ts";

let client: KubeClient;
let ns: string;
let outDir: string;

const shell = (script: string) => ({
  image: "sandbox.test/crash:v1",
  command: ["/bin/sh", "-c", script],
});

beforeAll(async () => {
  client = await adminClient();
  ns = await createNamespace(client, "kubelet-logs");
  outDir = await mkdtemp(join(tmpdir(), "kubelet-termination-"));
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
  await rm(outDir, { recursive: true, force: true });
});

const logPath = (pod: string, query = "") => `/api/v1/namespaces/${ns}/pods/${pod}/log${query}`;

async function running(name: string): Promise<void> {
  await eventually(`${name} running`, async () => {
    const p = await getPod(client, ns, name);
    return p.status?.containerStatuses?.[0]?.state.running !== undefined;
  });
}

describe("pods/log", () => {
  it("returns the container's stdout and stderr, and the last lines with tailLines", async () => {
    await createPod(client, ns, "talker", {
      containers: [
        { name: "app", ...shell("echo out-1; echo err-1 >&2; echo out-2; exec sleep 3600") },
      ],
    });
    await running("talker");
    const log = await eventually("all three lines", async () => {
      const text = await client.getText(logPath("talker"));
      return text.split("\n").length > 3 ? text : undefined;
    });
    // Within a stream order is kept; across stdout and stderr (two pipes) it cannot be.
    expect(log.split("\n").filter((l) => l.startsWith("out"))).toEqual(["out-1", "out-2"]);
    expect(log.split("\n").sort()).toEqual(["", "err-1", "out-1", "out-2"]);
    const last = log.split("\n").at(-2);
    expect(await client.getText(logPath("talker", "?tailLines=1"))).toBe(`${last}\n`);
    const stamped = await client.getText(logPath("talker", "?timestamps=true&tailLines=1"));
    expect(stamped).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${last}\n$`));
  });

  it("returns the previous run's output after a restart", async () => {
    await createPod(client, ns, "counter", {
      volumes: [{ name: "state", emptyDir: {} }],
      containers: [
        {
          name: "app",
          ...shell(
            "n=$(cat /mnt/state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /mnt/state/n; echo run $n; [ $n -ge 2 ] && exec sleep 3600; exit 1",
          ),
          volumeMounts: [{ name: "state", mountPath: "/mnt/state" }],
        },
      ],
    });
    await eventually("the second run", async () => {
      const s = (await getPod(client, ns, "counter")).status?.containerStatuses?.[0];
      return s?.restartCount === 1 && s.state.running !== undefined;
    });
    // Running is reported at exec; its first line follows a moment later.
    const current = await eventually("the second run's output", async () => {
      const text = await client.getText(logPath("counter"));
      return text ? text : undefined;
    });
    expect(current).toBe("run 2\n");
    expect(await client.getText(logPath("counter", "?previous=true"))).toBe("run 1\n");
  });

  it("follows a running container's output", async () => {
    await createPod(client, ns, "ticker", {
      containers: [
        { name: "app", ...shell("i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done") },
      ],
    });
    await running("ticker");
    let received = "";
    const stream = client.stream(logPath("ticker", "?follow=true"), (text) => {
      received += text;
      if ((received.match(/tick/g) ?? []).length >= 8) stream.abort();
    });
    await stream.done;
    const ticks = received
      .split("\n")
      .filter(Boolean)
      .map((line) => Number(line.replace("tick ", "")));
    expect(ticks.length).toBeGreaterThanOrEqual(8);
    // In order, none lost or repeated.
    expect(ticks).toEqual(ticks.map((_, i) => (ticks[0] ?? 0) + i));
  });
});

/** The container has set its SIGTERM trap (a process is "running" before its first line runs). */
async function armed(name: string): Promise<void> {
  await running(name);
  await eventually(`${name}'s trap`, () =>
    readFile(join(outDir, `${name}.armed`)).then(
      () => true,
      () => false,
    ),
  );
}

describe("deleting a pod", () => {
  it("sends SIGTERM to its process and removes it once it has exited", async () => {
    await createPod(client, ns, "polite", {
      terminationGracePeriodSeconds: 30,
      volumes: [{ name: "out", hostPath: { path: outDir } }],
      containers: [
        {
          name: "app",
          ...shell(
            "trap 'echo TERM > /mnt/out/polite; exit 0' TERM; : > /mnt/out/polite.armed; while :; do sleep 0.1; done",
          ),
          volumeMounts: [{ name: "out", mountPath: "/mnt/out" }],
        },
      ],
    });
    await armed("polite");
    await client.delete(`/api/v1/namespaces/${ns}/pods/polite`);
    await eventually("the pod to be gone", () => podGone(client, ns, "polite"));
    expect(await readFile(join(outDir, "polite"), "utf8")).toBe("TERM\n");
  });

  it("runs the preStop hook before SIGTERM", async () => {
    await createPod(client, ns, "hooked", {
      volumes: [{ name: "out", hostPath: { path: outDir } }],
      containers: [
        {
          name: "app",
          ...shell(
            "trap 'echo TERM >> /mnt/out/hooked; exit 0' TERM; : > /mnt/out/hooked.armed; while :; do sleep 0.1; done",
          ),
          volumeMounts: [{ name: "out", mountPath: "/mnt/out" }],
          lifecycle: {
            preStop: { exec: { command: ["/bin/sh", "-c", "echo preStop >> /mnt/out/hooked"] } },
          },
        },
      ],
    });
    await armed("hooked");
    await client.delete(`/api/v1/namespaces/${ns}/pods/hooked`);
    await eventually("the pod to be gone", () => podGone(client, ns, "hooked"));
    expect(await readFile(join(outDir, "hooked"), "utf8")).toBe("preStop\nTERM\n");
  });

  it("kills a process that ignores SIGTERM once the grace period is over", async () => {
    await createPod(client, ns, "stubborn", {
      terminationGracePeriodSeconds: 1,
      volumes: [{ name: "out", hostPath: { path: outDir } }],
      containers: [
        {
          name: "app",
          // Kubernetes reads $$ as an escaped $ (see $(VAR) expansion): $$$$ reaches sh as $$.
          ...shell(
            "trap 'echo TERM >> /mnt/out/stubborn' TERM; echo $$$$ > /mnt/out/stubborn.pid; while :; do sleep 0.1; done",
          ),
          volumeMounts: [{ name: "out", mountPath: "/mnt/out" }],
        },
      ],
    });
    await running("stubborn");
    const pidText = await eventually("the pid file", async () => {
      const text = await readFile(join(outDir, "stubborn.pid"), "utf8").catch(() => "");
      return text.endsWith("\n") ? text : undefined;
    });
    const pid = Number(pidText);
    const started = procStartTime(pid);
    expect(started).toBeDefined();
    await client.delete(`/api/v1/namespaces/${ns}/pods/stubborn`);
    await eventually("the pod to be gone", () => podGone(client, ns, "stubborn"));
    expect(await readFile(join(outDir, "stubborn"), "utf8")).toContain("TERM");
    // Gone (or the pid reused by another process, which would have started later).
    expect(procStartTime(pid)).not.toBe(started);
  });
});

describe("termination messages", () => {
  async function terminated(name: string) {
    return eventually(`${name} to have exited`, async () => {
      const s = (await getPod(client, ns, name)).status?.containerStatuses?.[0];
      return s?.state.terminated;
    });
  }

  it("reports what the container wrote to /dev/termination-log, its own per container", async () => {
    await createPod(client, ns, "explains", {
      restartPolicy: "Never",
      containers: [
        {
          name: "app",
          ...shell("printf 'blob missing for model.bin' > /dev/termination-log; exit 3"),
        },
      ],
    });
    await createPod(client, ns, "silent", {
      restartPolicy: "Never",
      containers: [{ name: "app", ...shell("exit 4") }],
    });
    expect(await terminated("explains")).toMatchObject({
      exitCode: 3,
      reason: "Error",
      message: "blob missing for model.bin",
    });
    // Another container's message is not this one's (a file per container run).
    const silent = await terminated("silent");
    expect(silent.exitCode).toBe(4);
    expect(silent.message).toBeUndefined();
  });

  it("reads terminationMessagePath where the pod sets it, at most 4096 bytes", async () => {
    await createPod(client, ns, "elsewhere", {
      restartPolicy: "Never",
      volumes: [{ name: "state", emptyDir: {} }],
      containers: [
        {
          name: "app",
          ...shell("printf '%05000d' 0 > /mnt/state/why; exit 1"),
          terminationMessagePath: "/mnt/state/why",
          volumeMounts: [{ name: "state", mountPath: "/mnt/state" }],
        },
      ],
    });
    expect((await terminated("elsewhere")).message).toBe("0".repeat(4096));
  });
});

// The informer against a scripted API: events from list and watch, a re-list after 410 Gone that
// reports what changed meanwhile, and a broken watch resumed from the last resourceVersion.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  Informer,
  type ListWatchClient,
} from "../../../controller/src/controller/kube/informer.ts";
import type { KubeObject } from "../../../controller/src/controller/kube/types.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import type { RequestOptions } from "../../../src/kube/client.ts";

const obj = (name: string, rv: string): KubeObject => ({
  metadata: { name, namespace: "ns", resourceVersion: rv },
});

type Step =
  | { list: KubeObject[]; rv: string }
  | { watch: object[]; end?: "close" | "hang" }
  | { fail: string };

/** Answers lists and watches from a script, recording each call's query. */
class ScriptedClient implements ListWatchClient {
  calls: { kind: "list" | "watch"; query: RequestOptions["query"] }[] = [];
  constructor(private readonly steps: Step[]) {}

  private next(): Step | undefined {
    return this.steps.shift();
  }

  async request<R>(_method: string, _path: string, options: RequestOptions = {}): Promise<R> {
    this.calls.push({ kind: "list", query: options.query });
    const step = this.next();
    if (step === undefined || !("list" in step))
      throw new Error(`unexpected list (next step ${JSON.stringify(step)})`);
    return { items: step.list, metadata: { resourceVersion: step.rv } } as R;
  }

  async stream(_path: string, options: RequestOptions) {
    this.calls.push({ kind: "watch", query: options.query });
    const step = this.next();
    if (step !== undefined && "fail" in step) throw new Error(step.fail);
    const lines =
      step !== undefined && "watch" in step ? step.watch.map((e) => `${JSON.stringify(e)}\n`) : [];
    const hang = step === undefined || ("watch" in step && step.end === "hang");
    let destroyed = false;
    const signal = options.signal;
    return {
      destroy() {
        destroyed = true;
      },
      async *[Symbol.asyncIterator]() {
        // Split a line across chunks, as a network would.
        for (const line of lines) {
          if (destroyed) return;
          yield Buffer.from(line.slice(0, 5));
          yield line.slice(5);
        }
        if (hang) {
          await new Promise<void>((_resolve, reject) => {
            if (signal?.aborted) reject(new Error("aborted"));
            signal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
          });
        }
      },
    };
  }
}

function informer(client: ScriptedClient) {
  const events: string[] = [];
  const inf = new Informer<KubeObject>({
    client,
    path: "/api/v1/pods",
    log: createLogger("test", { write: () => {} }),
    retryDelayMs: () => 1,
  });
  inf.on((type, o) => events.push(`${type} ${o.metadata.name}@${o.metadata.resourceVersion}`));
  return { inf, events };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  if (!check()) throw new Error("condition not reached");
}

describe("Informer", () => {
  it("lists, watches, and after 410 Gone lists again and reports the differences", async () => {
    const client = new ScriptedClient([
      { list: [obj("a", "1"), obj("b", "2")], rv: "10" },
      {
        watch: [
          { type: "MODIFIED", object: obj("a", "11") },
          { type: "ERROR", object: { kind: "Status", code: 410, metadata: {} } },
        ],
      },
      { list: [obj("a", "12"), obj("c", "15")], rv: "20" },
      {
        watch: [{ type: "BOOKMARK", object: { metadata: { resourceVersion: "25" } } }],
        end: "close",
      },
      { watch: [], end: "hang" },
    ]);
    const { inf, events } = informer(client);
    inf.start();
    await inf.waitForSync();
    await until(() => client.calls.length === 5);
    await inf.stop();

    expect(events).toEqual([
      "add a@1",
      "add b@2",
      "update a@11",
      "update a@12",
      "add c@15",
      "delete b@2",
    ]);
    expect(
      inf
        .list()
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(["a", "c"]);
    expect(client.calls.map((c) => [c.kind, c.query?.resourceVersion])).toEqual([
      ["list", undefined],
      ["watch", "10"],
      ["list", undefined],
      ["watch", "20"],
      // The bookmark moved the resourceVersion on; the next watch resumes from it.
      ["watch", "25"],
    ]);
  });

  it("lists again after a broken watch, reporting what changed, and is not fresh until then", async () => {
    const client = new ScriptedClient([
      { list: [obj("a", "1")], rv: "5" },
      { watch: [{ type: "ADDED", object: obj("b", "6") }], end: "close" },
      { fail: "connect ECONNREFUSED" },
      { fail: "connect ECONNREFUSED" },
      { list: [obj("b", "6"), obj("c", "8")], rv: "9" },
      { watch: [{ type: "DELETED", object: obj("b", "10") }], end: "hang" },
    ]);
    const { inf, events } = informer(client);
    const freshness: boolean[] = [];
    inf.onFreshness((f) => freshness.push(f));
    inf.start();
    await until(() => events.length === 5);
    await inf.stop();

    expect(events).toEqual(["add a@1", "add b@6", "add c@8", "delete a@1", "delete b@10"]);
    expect(client.calls.map((c) => [c.kind, c.query?.resourceVersion])).toEqual([
      ["list", undefined],
      ["watch", "5"],
      // The server closed the watch: resume from the last resourceVersion.
      ["watch", "6"],
      // It failed: the cache may have missed anything until a list says otherwise.
      ["list", undefined],
      ["list", undefined],
      ["watch", "9"],
    ]);
    // Fresh after the first list, stale at the failure, fresh after the list, stale on stop.
    expect(freshness).toEqual([true, false, true, false]);
  });

  it("relist() abandons the watch, lists again and resolves when that list is done", async () => {
    const client = new ScriptedClient([
      { list: [obj("a", "1")], rv: "5" },
      { watch: [], end: "hang" },
      { list: [obj("a", "7")], rv: "8" },
      { watch: [], end: "hang" },
    ]);
    const { inf, events } = informer(client);
    inf.start();
    await inf.waitForSync();
    expect(inf.isFresh()).toBe(true);
    await until(() => client.calls.length === 2);
    const relisted = inf.relist();
    expect(inf.isFresh()).toBe(false);
    await relisted;
    expect(inf.isFresh()).toBe(true);
    expect(events).toEqual(["add a@1", "update a@7"]);
    await until(() => client.calls.length === 4);
    await inf.stop();
    expect(client.calls.map((c) => [c.kind, c.query?.resourceVersion])).toEqual([
      ["list", undefined],
      ["watch", "5"],
      ["list", undefined],
      ["watch", "8"],
    ]);
  });

  it("keeps a newer object the controller wrote over an older watch event", async () => {
    const client = new ScriptedClient([
      { list: [obj("a", "1")], rv: "5" },
      { watch: [], end: "hang" },
    ]);
    const { inf } = informer(client);
    inf.start();
    await inf.waitForSync();
    inf.remember(obj("a", "9"));
    inf.remember(obj("a", "8"));
    expect(inf.get("ns", "a")?.metadata.resourceVersion).toBe("9");
    await inf.stop();
  });
});

describe("Informer relist()", () => {
  it("does not wait out a back-off", async () => {
    const client = new ScriptedClient([
      { list: [obj("a", "1")], rv: "5" },
      { fail: "connect ECONNREFUSED" },
      { list: [obj("a", "1")], rv: "6" },
      { watch: [], end: "hang" },
    ]);
    const inf = new Informer<KubeObject>({
      client,
      path: "/api/v1/pods",
      log: createLogger("test", { write: () => {} }),
      retryDelayMs: () => 3_600_000,
    });
    inf.start();
    await until(() => client.calls.length === 2 && !inf.isFresh());
    await inf.relist();
    expect(inf.isFresh()).toBe(true);
    await inf.stop();
  });
});

describe("Informer watch health", () => {
  it("asks for bookmarks and a short server timeout, and gives up a silent watch", async () => {
    const client = new ScriptedClient([
      { list: [obj("a", "1")], rv: "5" },
      // A connection that vanished: open, then nothing at all.
      { watch: [], end: "hang" },
      { list: [obj("a", "1"), obj("b", "6")], rv: "7" },
      { watch: [], end: "hang" },
    ]);
    const events: string[] = [];
    const inf = new Informer<KubeObject>({
      client,
      path: "/api/v1/pods",
      log: createLogger("test", { write: () => {} }),
      retryDelayMs: () => 1,
      watchIdleMs: 20,
    });
    inf.on((type, o) => events.push(`${type} ${o.metadata.name}`));
    inf.start();
    await until(() => client.calls.length === 4);
    await inf.stop();
    expect(events).toEqual(["add a", "add b"]);
    expect(client.calls.map((c) => [c.kind, c.query?.resourceVersion])).toEqual([
      ["list", undefined],
      ["watch", "5"],
      ["list", undefined],
      ["watch", "7"],
    ]);
    const watch = client.calls[1]?.query ?? {};
    expect(watch.allowWatchBookmarks).toBe(true);
    expect(Number(watch.timeoutSeconds)).toBeLessThanOrEqual(70);
  });

  it("says how long the API server has not answered it", async () => {
    let now = 1_000;
    const client = new ScriptedClient([
      { list: [obj("a", "1")], rv: "5" },
      { watch: [], end: "hang" },
    ]);
    const inf = new Informer<KubeObject>({
      client,
      path: "/api/v1/pods",
      log: createLogger("test", { write: () => {} }),
      now: () => now,
      watchIdleMs: 3_600_000,
    });
    inf.start();
    now = 5_000;
    await until(() => client.calls.length === 2);
    // Heard last when the watch opened.
    expect(inf.silentForMs()).toBe(0);
    now = 125_000;
    expect(inf.silentForMs()).toBe(120_000);
    await inf.stop();
  });
});

describe("Informer retries", () => {
  it("leaves no abort listener behind per failed list or watch", async () => {
    let signal: AbortSignal | undefined;
    let failures = 0;
    const client: ListWatchClient = {
      async request<R>(_m: string, _p: string, options: RequestOptions = {}): Promise<R> {
        signal = options.signal;
        failures++;
        throw new Error("connect ECONNREFUSED");
      },
      async stream() {
        throw new Error("unexpected watch");
      },
    };
    const inf = new Informer<KubeObject>({
      client,
      path: "/api/v1/pods",
      log: createLogger("test", { write: () => {} }),
      retryDelayMs: () => 0,
    });
    inf.start();
    await until(() => failures >= 200);
    const listeners = getEventListeners(signal as AbortSignal, "abort").length;
    await inf.stop();
    // One for a sleep in progress at most, not one per retry.
    expect(listeners).toBeLessThanOrEqual(1);
  });
});

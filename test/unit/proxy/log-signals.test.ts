import { describe, expect, it } from "vitest";
import { createLogger } from "../../../controller/src/lib/log.ts";
import { onShutdown } from "../../../controller/src/lib/signals.ts";

describe("createLogger", () => {
  it("writes one JSON object per line with time, level, component, message and fields", () => {
    const lines: string[] = [];
    const log = createLogger("proxy", {
      write: (l) => lines.push(l),
      now: () => new Date("2025-01-02T03:04:05.000Z"),
    }).with({ api: "iris" });
    const err = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    log.warn("upstream failed", { err, port: 8080 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: "2025-01-02T03:04:05.000Z",
      level: "warn",
      component: "proxy",
      msg: "upstream failed",
      api: "iris",
      err: "refused (ECONNREFUSED)",
      port: 8080,
    });
  });

  it("drops lines below the level", () => {
    const lines: string[] = [];
    const log = createLogger("x", { level: "warn", write: (l) => lines.push(l) });
    log.debug("a");
    log.info("b");
    log.error("c");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["c"]);
  });
});

describe("onShutdown", () => {
  it("calls the handler on the first signal and force on the second, until removed", () => {
    const calls: string[] = [];
    const listenersBefore = process.listenerCount("SIGINT");
    const stop = onShutdown((s) => calls.push(`first ${s}`), {
      signals: ["SIGINT"],
      force: (s) => calls.push(`force ${s}`),
    });
    process.emit("SIGINT", "SIGINT");
    process.emit("SIGINT", "SIGINT");
    stop();
    expect(calls).toEqual(["first SIGINT", "force SIGINT"]);
    expect(process.listenerCount("SIGINT")).toBe(listenersBefore);
  });
});

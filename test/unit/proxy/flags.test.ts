import { describe, expect, it } from "vitest";
import {
  FlagError,
  formatUsage,
  parseDuration,
  parseFlags,
  wantsHelp,
} from "../../../controller/src/lib/flags.ts";
import { parseProxyFlags } from "../../../controller/src/proxy/config.ts";

const specs = {
  port: { type: "int", env: "T_PORT", default: 8888, min: 0, max: 65535, help: "port" },
  name: { type: "string", env: "T_NAME", help: "name" },
  wait: { type: "duration", env: "T_WAIT", default: 25_000, help: "wait" },
  verbose: { type: "boolean", env: "T_VERBOSE", default: false, help: "verbose" },
  maxQueueLength: { type: "int", default: 100, help: "queue" },
} as const;

describe("parseFlags", () => {
  it("uses defaults when neither argv nor env says anything", () => {
    expect(parseFlags(specs, [], {})).toEqual({
      port: 8888,
      name: undefined,
      wait: 25_000,
      verbose: false,
      maxQueueLength: 100,
    });
  });

  it("prefers argv over env over defaults, in both --k v and --k=v forms", () => {
    const env = { T_PORT: "9000", T_NAME: "from-env", T_WAIT: "2m" };
    expect(parseFlags(specs, ["--port=7000"], env)).toMatchObject({
      port: 7000,
      name: "from-env",
      wait: 120_000,
    });
    expect(parseFlags(specs, ["--name", "cli", "--max-queue-length", "0"], env)).toMatchObject({
      port: 9000,
      name: "cli",
      maxQueueLength: 0,
    });
  });

  it("treats an empty environment variable as unset", () => {
    expect(parseFlags(specs, [], { T_PORT: "" }).port).toBe(8888);
  });

  it("reads booleans bare, with =, and from env", () => {
    expect(parseFlags(specs, ["--verbose"], {}).verbose).toBe(true);
    expect(parseFlags(specs, ["--verbose=false"], {}).verbose).toBe(false);
    expect(parseFlags(specs, [], { T_VERBOSE: "yes" }).verbose).toBe(true);
  });

  it.each([
    [["--port", "80x"], /--port: "80x" is not an integer/],
    [["--port", "70000"], /above the maximum/],
    [["--port", "-1"], /below the minimum/],
    [["--nope", "1"], /unknown flag --nope/],
    [["--name"], /needs a value/],
    [["stray"], /unexpected argument/],
    [["--wait", "soon"], /not a duration/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseFlags(specs, argv, {})).toThrow(FlagError);
    expect(() => parseFlags(specs, argv, {})).toThrow(message);
  });

  it("names the environment variable when its value is bad", () => {
    expect(() => parseFlags(specs, [], { T_PORT: "many" })).toThrow(/\$T_PORT: "many"/);
  });
});

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["25s", 25_000],
    ["25", 25_000],
    ["1.5m", 90_000],
    ["1h", 3_600_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it("refuses other text", () => {
    expect(parseDuration("5 parsecs")).toBeUndefined();
    expect(parseDuration("-1s")).toBeUndefined();
  });
});

describe("usage", () => {
  it("lists each flag with its env var and default", () => {
    const text = formatUsage("cmd", "does things", specs);
    expect(text).toContain("--max-queue-length <int>");
    expect(text).toContain("--port <int> [$T_PORT]");
    expect(text).toContain("(default 25s)");
    expect(wantsHelp(["--port", "1", "--help"])).toBe(true);
    expect(wantsHelp(["--port", "1"])).toBe(false);
  });
});

describe("proxy flags", () => {
  it("has the documented defaults", () => {
    expect(parseProxyFlags([], {})).toEqual({
      port: 8888,
      listenHost: "0.0.0.0",
      targetPort: 8080,
      maxConcurrency: 1,
      maxQueueLength: 100,
      bodyTimeout: 30_000,
      adminPort: 15000,
      drainDelay: 5000,
      drainTimeout: 25_000,
    });
  });

  it("reads every setting from the controller's environment variables", () => {
    const config = parseProxyFlags([], {
      CORTEX_PROXY_PORT: "9888",
      CORTEX_TARGET_PORT: "9080",
      CORTEX_MAX_CONCURRENCY: "4",
      CORTEX_MAX_QUEUE_LENGTH: "0",
      CORTEX_BODY_TIMEOUT: "10s",
      CORTEX_ADMIN_PORT: "16000",
      CORTEX_LISTEN_HOST: "127.0.0.1",
      CORTEX_DRAIN_DELAY: "0s",
      CORTEX_DRAIN_TIMEOUT: "40s",
    });
    expect(config).toEqual({
      port: 9888,
      targetPort: 9080,
      maxConcurrency: 4,
      maxQueueLength: 0,
      bodyTimeout: 10_000,
      adminPort: 16000,
      listenHost: "127.0.0.1",
      drainDelay: 0,
      drainTimeout: 40_000,
    });
  });

  it("refuses a max concurrency of 0", () => {
    expect(() => parseProxyFlags(["--max-concurrency", "0"], {})).toThrow(/minimum 1/);
  });
});

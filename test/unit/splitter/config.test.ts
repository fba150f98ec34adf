import { describe, expect, it } from "vitest";
import { FlagError } from "../../../controller/src/lib/flags.ts";
import { parseBackends, parseSplitterFlags } from "../../../controller/src/splitter/config.ts";

const TWO = JSON.stringify([
  { name: "iris-a", url: "http://iris-a.default:8888", weight: 80 },
  { name: "iris-b", url: "http://iris-b.default:8888/", weight: 20 },
]);

describe("splitter flags", () => {
  it("has the documented defaults, and needs only the backends", () => {
    expect(parseSplitterFlags([], { CORTEX_SPLITTER_BACKENDS: TWO })).toEqual({
      port: 8888,
      adminPort: 15000,
      listenHost: "0.0.0.0",
      shadowBuffer: 1_048_576,
      drainDelay: 5000,
      drainTimeout: 25_000,
      backends: [
        {
          name: "iris-a",
          url: "http://iris-a.default:8888",
          host: "iris-a.default",
          port: 8888,
          weight: 80,
          shadow: false,
        },
        {
          name: "iris-b",
          url: "http://iris-b.default:8888/",
          host: "iris-b.default",
          port: 8888,
          weight: 20,
          shadow: false,
        },
      ],
    });
  });

  it("reads every setting from the controller's environment variables", () => {
    const config = parseSplitterFlags([], {
      CORTEX_SPLITTER_PORT: "9888",
      CORTEX_ADMIN_PORT: "0",
      CORTEX_LISTEN_HOST: "127.0.0.1",
      CORTEX_SPLITTER_BACKENDS: '[{"name":"a","url":"http://10.0.0.1:80","weight":100}]',
      CORTEX_SHADOW_BUFFER: "1024",
      CORTEX_DRAIN_DELAY: "0s",
      CORTEX_DRAIN_TIMEOUT: "40s",
    });
    expect(config).toEqual({
      port: 9888,
      adminPort: 0,
      listenHost: "127.0.0.1",
      shadowBuffer: 1024,
      drainDelay: 0,
      drainTimeout: 40_000,
      backends: [
        {
          name: "a",
          url: "http://10.0.0.1:80",
          host: "10.0.0.1",
          port: 80,
          weight: 100,
          shadow: false,
        },
      ],
    });
  });

  it("prefers flags over the environment", () => {
    const config = parseSplitterFlags(
      [
        "--port=0",
        "--admin-port",
        "16000",
        "--shadow-buffer",
        "0",
        "--backends",
        '[{"name":"x","url":"http://x:1","weight":1}]',
      ],
      { CORTEX_SPLITTER_PORT: "9888", CORTEX_ADMIN_PORT: "1", CORTEX_SPLITTER_BACKENDS: TWO },
    );
    expect(config).toMatchObject({ port: 0, adminPort: 16000, shadowBuffer: 0 });
    expect(config.backends.map((b) => b.name)).toEqual(["x"]);
  });

  it("requires the backends", () => {
    expect(() => parseSplitterFlags([], {})).toThrow(FlagError);
    expect(() => parseSplitterFlags([], {})).toThrow(
      "--backends (or $CORTEX_SPLITTER_BACKENDS) is required",
    );
    expect(() => parseSplitterFlags([], { CORTEX_SPLITTER_BACKENDS: "" })).toThrow(/required/);
  });

  it("says where a bad backends value came from", () => {
    expect(() => parseSplitterFlags([], { CORTEX_SPLITTER_BACKENDS: "[1]" })).toThrow(
      "$CORTEX_SPLITTER_BACKENDS: backends[0]: must be an object with name, url and weight",
    );
    expect(() => parseSplitterFlags(["--backends", "{}"], {})).toThrow(
      "--backends: backends: must be a JSON array",
    );
  });

  it("refuses a negative shadow buffer", () => {
    expect(() =>
      parseSplitterFlags(["--shadow-buffer", "-1"], { CORTEX_SPLITTER_BACKENDS: TWO }),
    ).toThrow(/below the minimum 0/);
  });
});

describe("parseBackends", () => {
  const entry = (over: Record<string, unknown>) => ({
    name: "b",
    url: "http://b:8888",
    weight: 50,
    ...over,
  });
  const ok = { name: "a", url: "http://a:8888", weight: 50 };
  /** The message for a list of `ok` and the entry under test, which is backends[1]. */
  const second = (over: Record<string, unknown>) =>
    JSON.stringify([ok, Object.keys(over).length === 0 ? {} : entry(over)]);

  it("reads the shadow flag and keeps the order", () => {
    const backends = parseBackends(
      JSON.stringify([
        { name: "a", url: "http://a:1", weight: 100 },
        { name: "s", url: "http://s:2", weight: 0, shadow: true },
        { name: "z", url: "http://z:3", weight: 0, shadow: false },
      ]),
    );
    expect(backends.map((b) => [b.name, b.port, b.weight, b.shadow])).toEqual([
      ["a", 1, 100, false],
      ["s", 2, 0, true],
      ["z", 3, 0, false],
    ]);
  });

  it("takes an IPv6 literal, and a written port 80", () => {
    const [v6, p80] = parseBackends(
      JSON.stringify([
        { name: "v6", url: "http://[::1]:9000", weight: 1 },
        { name: "p80", url: "http://svc:80", weight: 1 },
      ]),
    );
    expect([v6?.host, v6?.port, p80?.host, p80?.port]).toEqual(["::1", 9000, "svc", 80]);
  });

  it.each([
    ["not JSON", "[{", /^backends: not valid JSON/],
    ["not an array", '{"name":"a"}', /^backends: must be a JSON array$/],
    ["an entry that is not an object", second({}).replace("{}", "null"), /^backends\[1\]: must/],
    ["an unknown field", second({ wieght: 1 }), /^backends\[1\]: unknown field "wieght"$/],
    ["an empty name", second({ name: "" }), /^backends\[1\]\.name: must be a non-empty string$/],
    ["a name that is not a string", second({ name: 7 }), /^backends\[1\]\.name: must be/],
    ["a name with a space", second({ name: "a b" }), /^backends\[1\]\.name: "a b" must be/],
    ["a duplicate name", second({ name: "a" }), /^backends\[1\]\.name: "a" is used twice$/],
    ["a url that is not a string", second({ url: 8888 }), /^backends\[1\]\.url: must be a string/],
    ["a url that is not a URL", second({ url: "b:8888" }), /^backends\[1\]\.url: must start with/],
    ["garbage", second({ url: "::" }), /^backends\[1\]\.url: "::" is not a URL$/],
    ["https", second({ url: "https://b:8443" }), /^backends\[1\]\.url: must start with http:\/\//],
    ["no port", second({ url: "http://b" }), /^backends\[1\]\.url: must name a port/],
    [
      "no port, with a slash",
      second({ url: "http://b/" }),
      /^backends\[1\]\.url: must name a port/,
    ],
    ["port 0", second({ url: "http://b:0" }), /^backends\[1\]\.url: port must be 1-65535$/],
    ["a path", second({ url: "http://b:1/predict" }), /^backends\[1\]\.url: must not have a path/],
    ["a query", second({ url: "http://b:1/?x=1" }), /^backends\[1\]\.url: must not have a query/],
    ["a fragment", second({ url: "http://b:1#f" }), /^backends\[1\]\.url: must not have a query/],
    ["credentials", second({ url: "http://u:p@b:1" }), /^backends\[1\]\.url: must not carry/],
    ["weight 101", second({ weight: 101 }), /^backends\[1\]\.weight: must be an integer from 0/],
    ["weight -1", second({ weight: -1 }), /^backends\[1\]\.weight: must be an integer/],
    ["weight 1.5", second({ weight: 1.5 }), /^backends\[1\]\.weight: must be an integer/],
    ['weight "50"', second({ weight: "50" }), /^backends\[1\]\.weight: .*\(got "50"\)$/],
    ["no weight", second({ weight: undefined }), /^backends\[1\]\.weight: must be an integer/],
    ['shadow: "yes"', second({ shadow: "yes" }), /^backends\[1\]\.shadow: must be true or false/],
  ])("refuses %s with a message naming the entry", (_what, text, message) => {
    let caught: unknown;
    try {
      parseBackends(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FlagError);
    const text1 = (caught as FlagError).message;
    expect(text1).toMatch(message);
    expect(text1).not.toContain("\n");
  });

  it("refuses two shadows", () => {
    const text = JSON.stringify([
      ok,
      { name: "s1", url: "http://s1:1", weight: 0, shadow: true },
      { name: "s2", url: "http://s2:1", weight: 0, shadow: true },
    ]);
    expect(() => parseBackends(text)).toThrow('backends: at most one shadow, got "s1", "s2"');
  });

  it("refuses a list with no non-shadow backend of weight above 0", () => {
    const message = "backends: needs at least one non-shadow backend with a weight above 0";
    expect(() => parseBackends("[]")).toThrow(message);
    expect(() =>
      parseBackends(JSON.stringify([{ name: "s", url: "http://s:1", weight: 100, shadow: true }])),
    ).toThrow(message);
    expect(() =>
      parseBackends(
        JSON.stringify([
          { name: "a", url: "http://a:1", weight: 0 },
          { name: "s", url: "http://s:1", weight: 100, shadow: true },
        ]),
      ),
    ).toThrow(message);
  });
});

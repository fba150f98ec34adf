import { describe, expect, it } from "vitest";
import {
  findSample,
  formatValue,
  parseExposition,
  Registry,
} from "../../../controller/src/lib/prometheus.ts";

describe("Prometheus exposition", () => {
  it("renders counters, gauges and histograms in the text format", () => {
    const r = new Registry();
    const c = r.counter("app_requests_total", "Requests by code.", ["code"]);
    const g = r.gauge("app_in_flight", "In flight.");
    const h = r.histogram("app_seconds", "Latency.", [0.1, 1]);
    c.inc({ code: "200" });
    c.inc({ code: "200" }, 2);
    c.inc({ code: "503" });
    g.set(2.5);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(7);
    expect(r.render()).toBe(
      [
        "# HELP app_requests_total Requests by code.",
        "# TYPE app_requests_total counter",
        'app_requests_total{code="200"} 3',
        'app_requests_total{code="503"} 1',
        "# HELP app_in_flight In flight.",
        "# TYPE app_in_flight gauge",
        "app_in_flight 2.5",
        "# HELP app_seconds Latency.",
        "# TYPE app_seconds histogram",
        'app_seconds_bucket{le="0.1"} 1',
        'app_seconds_bucket{le="1"} 2',
        'app_seconds_bucket{le="+Inf"} 3',
        "app_seconds_sum 7.55",
        "app_seconds_count 3",
        "",
      ].join("\n"),
    );
  });

  it("shows an unlabelled metric as 0 before its first update", () => {
    const r = new Registry();
    r.counter("app_total", "Things.");
    expect(r.render()).toContain("\napp_total 0\n");
  });

  it("escapes label values and help text", () => {
    const r = new Registry();
    r.gauge("app_info", 'Line one\nwith "quotes" and \\.', ["v"]).set(1, { v: 'a"b\\c\nd' });
    const text = r.render();
    expect(text).toContain('# HELP app_info Line one\\nwith "quotes" and \\\\.');
    expect(text).toContain('app_info{v="a\\"b\\\\c\\nd"} 1');
    expect(parseExposition(text)[0]?.labels.v).toBe('a"b\\c\nd');
  });

  it("refuses bad names, missing labels, a reserved le label and counters going down", () => {
    const r = new Registry();
    expect(() => r.counter("bad-name", "x")).toThrow(/invalid metric name/);
    const c = r.counter("ok_total", "x", ["code"]);
    expect(() => c.inc()).toThrow(/missing label code/);
    expect(() => c.inc({ code: "1" }, -1)).toThrow(/only goes up/);
    expect(() => r.histogram("h", "x", [1], ["le"])).toThrow(/reserved/);
    expect(() => r.counter("ok_total", "again")).toThrow(/registered twice/);
  });

  it("formats special values", () => {
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe("+Inf");
    expect(formatValue(Number.NaN)).toBe("NaN");
    expect(formatValue(3)).toBe("3");
  });

  it("parses exposition back into samples", () => {
    const samples = parseExposition(
      '# TYPE x counter\nx{code="200",m="GET"} 4\ny 1.5 1700000000\nz_bucket{le="+Inf"} 9\n',
    );
    expect(findSample(samples, "x", { code: "200" })).toBe(4);
    expect(findSample(samples, "x", { code: "500" })).toBeUndefined();
    expect(findSample(samples, "y")).toBe(1.5);
    expect(findSample(samples, "z_bucket", { le: "+Inf" })).toBe(9);
  });
});

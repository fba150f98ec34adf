import { describe, expect, it } from "vitest";
import { metricValue } from "../../../scripts/demo/http.ts";
import { IRIS_SAMPLES, parsePredictAnswer, sampleAt } from "../../../scripts/demo/samples.ts";

describe("iris samples", () => {
  it("cycles through every species", () => {
    const species = new Set(IRIS_SAMPLES.map((s) => s.species));
    expect(species).toEqual(new Set(["setosa", "versicolor", "virginica"]));
    expect(sampleAt(IRIS_SAMPLES.length)).toBe(IRIS_SAMPLES[0]);
    expect(sampleAt(-1)).toBe(IRIS_SAMPLES[IRIS_SAMPLES.length - 1]);
  });
});

describe("parsePredictAnswer", () => {
  it("reads the server's answer", () => {
    expect(parsePredictAnswer('{"predictions": ["setosa"], "model_version": "2"}')).toEqual({
      prediction: "setosa",
      version: "2",
    });
  });

  it("gives undefined fields for anything else", () => {
    expect(parsePredictAnswer('{"error": "bad"}')).toEqual({
      prediction: undefined,
      version: undefined,
    });
    expect(parsePredictAnswer("<html>")).toEqual({ prediction: undefined, version: undefined });
    expect(parsePredictAnswer('{"predictions": [1], "model_version": 2}')).toEqual({
      prediction: undefined,
      version: undefined,
    });
  });
});

describe("metricValue", () => {
  const text = [
    "# HELP cortex_in_flight_requests In flight.",
    "# TYPE cortex_in_flight_requests gauge",
    "cortex_in_flight_requests 3.5",
    "cortex_in_flight_requests_peak 6",
    'cortex_proxy_requests_total{code="200"} 10',
    'cortex_proxy_requests_total{code="503"} 2',
  ].join("\n");

  it("reads a gauge without confusing it with a longer name", () => {
    expect(metricValue(text, "cortex_in_flight_requests")).toBe(3.5);
    expect(metricValue(text, "cortex_in_flight_requests_peak")).toBe(6);
  });

  it("sums labelled series and is undefined for a missing metric", () => {
    expect(metricValue(text, "cortex_proxy_requests_total")).toBe(12);
    expect(metricValue(text, "nope")).toBeUndefined();
  });
});

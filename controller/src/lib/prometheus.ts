// Prometheus text exposition (format 0.0.4) without a client library: counters, gauges and
// histograms with labels, rendered on demand. Pure: no timers, no I/O; the caller serves
// `registry.render()` with CONTENT_TYPE.
//
//   const registry = new Registry();
//   const requests = registry.counter("app_requests_total", "Requests by code.", ["code"]);
//   requests.inc({ code: "200" });
//   registry.render(); // "# HELP app_requests_total ...\n# TYPE ...\napp_requests_total{code=\"200\"} 1\n"

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type Labels = Readonly<Record<string, string>>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Prometheus number text: integers plainly, +Inf/-Inf/NaN by name. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return "";
  const parts = names.map((n, i) => `${n}="${escapeLabelValue(values[i] ?? "")}"`);
  return `{${parts.join(",")}}`;
}

interface Metric {
  readonly name: string;
  render(): string[];
}

/** Shared label handling: one series per distinct combination of label values. */
abstract class Family<S> implements Metric {
  protected readonly series = new Map<string, { values: string[]; state: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    for (const l of labelNames) if (!LABEL.test(l)) throw new Error(`invalid label name ${l}`);
  }

  protected abstract initial(): S;
  protected abstract type(): string;
  protected abstract lines(labelNames: readonly string[], values: string[], state: S): string[];

  protected get(labels: Labels | undefined): S {
    const values = this.labelNames.map((n) => {
      const v = labels?.[n];
      if (v === undefined) throw new Error(`${this.name}: missing label ${n}`);
      return v;
    });
    const key = values.join("\u0000");
    let entry = this.series.get(key);
    if (entry === undefined) {
      entry = { values, state: this.initial() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  render(): string[] {
    const out = [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} ${this.type()}`,
    ];
    // A family without labels shows its zero value before the first observation.
    if (this.labelNames.length === 0 && this.series.size === 0) this.get(undefined);
    for (const { values, state } of this.series.values())
      out.push(...this.lines(this.labelNames, values, state));
    return out;
  }
}

export class Counter extends Family<{ value: number }> {
  protected initial() {
    return { value: 0 };
  }
  protected type() {
    return "counter";
  }
  protected lines(names: readonly string[], values: string[], s: { value: number }) {
    return [`${this.name}${labelText(names, values)} ${formatValue(s.value)}`];
  }
  inc(labels?: Labels, by = 1): void {
    if (by < 0) throw new Error(`${this.name}: a counter only goes up`);
    this.get(labels).value += by;
  }
  value(labels?: Labels): number {
    return this.get(labels).value;
  }
}

export class Gauge extends Family<{ value: number }> {
  protected initial() {
    return { value: 0 };
  }
  protected type() {
    return "gauge";
  }
  protected lines(names: readonly string[], values: string[], s: { value: number }) {
    return [`${this.name}${labelText(names, values)} ${formatValue(s.value)}`];
  }
  set(value: number, labels?: Labels): void {
    this.get(labels).value = value;
  }
  value(labels?: Labels): number {
    return this.get(labels).value;
  }
}

interface HistogramState {
  /** Non-cumulative counts per bucket; the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Family<HistogramState> {
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly string[], buckets: number[]) {
    super(name, help, labelNames);
    if (labelNames.includes("le")) throw new Error(`${name}: "le" is reserved`);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }
  protected initial(): HistogramState {
    return { counts: new Array(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }
  protected type() {
    return "histogram";
  }
  protected lines(names: readonly string[], values: string[], s: HistogramState) {
    const out: string[] = [];
    const withLe = [...names, "le"];
    let cumulative = 0;
    this.buckets.forEach((le, i) => {
      cumulative += s.counts[i] ?? 0;
      out.push(
        `${this.name}_bucket${labelText(withLe, [...values, formatValue(le)])} ${cumulative}`,
      );
    });
    out.push(`${this.name}_bucket${labelText(withLe, [...values, "+Inf"])} ${s.count}`);
    out.push(`${this.name}_sum${labelText(names, values)} ${formatValue(s.sum)}`);
    out.push(`${this.name}_count${labelText(names, values)} ${s.count}`);
    return out;
  }
  observe(value: number, labels?: Labels): void {
    const s = this.get(labels);
    let i = this.buckets.findIndex((le) => value <= le);
    if (i === -1) i = this.buckets.length;
    s.counts[i] = (s.counts[i] ?? 0) + 1;
    s.sum += value;
    s.count++;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];

  private add<M extends Metric>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name))
      throw new Error(`metric ${metric.name} registered twice`);
    this.metrics.push(metric);
    return metric;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }
  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }
  histogram(
    name: string,
    help: string,
    buckets: number[],
    labelNames: readonly string[] = [],
  ): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /** The whole exposition, ending in a newline. */
  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join("\n")}\n`;
  }
}

/** One sample parsed back from exposition text; for tests and for scrapers such as the autoscaler. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseNumber(text: string): number {
  if (text === "+Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Parses exposition text into samples; comment and malformed lines are skipped. */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = SAMPLE_LINE.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? "").matchAll(LABEL_PAIR)) {
      labels[pair[1] as string] = (pair[2] as string).replace(/\\(.)/g, (_all, c: string) =>
        c === "n" ? "\n" : c,
      );
    }
    out.push({ name: m[1] as string, labels, value: parseNumber(m[3] as string) });
  }
  return out;
}

/** The value of the first sample named `name` whose labels include `labels`, if any. */
export function findSample(
  samples: readonly Sample[],
  name: string,
  labels: Labels = {},
): number | undefined {
  const hit = samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return hit?.value;
}

// The proxy's Prometheus metrics, served on the admin port at /metrics.
import { Registry } from "../lib/prometheus.ts";

/** Seconds; from the proxy's arrival of a request to the end of its response, queue time included. */
const DURATION_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** Read by the autoscaler (controller/src/controller/autoscale/scrape.ts) and the demo. */
export const IN_FLIGHT_METRIC = "cortex_in_flight_requests";
export const DEMAND_METRIC = "cortex_in_flight_demand";

/**
 * The bounded label of the request metrics: the class of the model server's status when its
 * response reached the client whole, else "none" (the proxy answered itself: 503 queue full, 502
 * model server unreachable or failed mid-response, 408 body stopped arriving, 400 malformed body;
 * or the client left first, 499). The requests counter's `code` label tells these apart.
 */
export type CodeClass = "2xx" | "3xx" | "4xx" | "5xx" | "none";

export function codeClass(status: number, answered: boolean): CodeClass {
  if (!answered || status < 200) return "none";
  if (status < 300) return "2xx";
  if (status < 400) return "3xx";
  if (status < 500) return "4xx";
  // Anything above 599 is no standard status: the model server's fault, as a 5xx is.
  return "5xx";
}

export function createProxyMetrics() {
  const registry = new Registry();
  return {
    registry,
    inFlight: registry.gauge(
      IN_FLIGHT_METRIC,
      "Requests running in the model server plus requests queued, as the time-weighted average over the last completed one-second window.",
    ),
    inFlightDemand: registry.gauge(
      DEMAND_METRIC,
      "The concurrency the traffic asks for over the last completed one-second window: arrivals per second × mean seconds a request holds a slot in the model server, plus a quarter of the queue; running + queued until a request has finished (what the autoscaler reads).",
    ),
    inFlightPeak: registry.gauge(
      "cortex_in_flight_requests_peak",
      "Highest running plus queued request count at any moment of the last completed one-second window.",
    ),
    running: registry.gauge(
      "cortex_proxy_running_requests",
      "Requests in the model server right now (at most max_concurrency).",
    ),
    queued: registry.gauge(
      "cortex_proxy_queued_requests",
      "Requests waiting in the queue right now.",
    ),
    requests: registry.counter(
      "cortex_proxy_requests_total",
      "Requests finished, by status code and class; code_class none: the model server's response did not reach the client whole (code 503 = queue full, 502 = model server unreachable or failed, 499 = client disconnected first, 408 = request body stopped arriving, 400 = malformed body).",
      ["code", "code_class"],
    ),
    rejections: registry.counter(
      "cortex_proxy_queue_rejections_total",
      "Requests refused with 503 because max_concurrency requests were running and max_queue_length were waiting.",
    ),
    duration: registry.histogram(
      "cortex_proxy_request_duration_seconds",
      "Time from a request's arrival at the proxy to the end of its response, queueing included, by class of the model server's status (none: no whole response from the model server).",
      DURATION_BUCKETS,
      ["code_class"],
    ),
  };
}

export type ProxyMetrics = ReturnType<typeof createProxyMetrics>;

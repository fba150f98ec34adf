// Cortex's autoscaling rules that span fields, plus our panic-mode and update-strategy extensions.

import {
  MAX_PROGRESS_DEADLINE_SECONDS,
  MAX_SURGE,
  MIN_PANIC_WINDOW_SECONDS,
  MIN_PROGRESS_DEADLINE_SECONDS,
} from "../defaults.ts";
import { type Issue, issue, type RuleContext } from "../issue.ts";
import type { AsyncApiConfig, RealtimeApiConfig } from "../types.ts";
import { durationField, SECOND } from "./durations.ts";

// Cortex's autoscaler ticks every 10 s; the window is a whole number of ticks.
const TICK = 10n * SECOND;

export function checkAutoscaling(
  api: RealtimeApiConfig | AsyncApiConfig,
  index: number,
  ctx: RuleContext,
): Issue[] {
  const out: Issue[] = [];
  const a = api.autoscaling;
  const at = (field: string) => [index, "autoscaling", field];
  const ok = (...fields: string[]) => fields.every((f) => ctx.clean(at(f)));

  if (ok("min_replicas", "max_replicas") && a.min_replicas > a.max_replicas) {
    // Point at whichever of the two the user wrote.
    const field = ctx.written(at("min_replicas")) ? "min_replicas" : "max_replicas";
    out.push(
      issue(
        at(field),
        `min_replicas (${a.min_replicas}) must not exceed max_replicas (${a.max_replicas})`,
      ),
    );
  } else if (
    ok("min_replicas", "max_replicas", "init_replicas") &&
    (a.init_replicas < a.min_replicas || a.init_replicas > a.max_replicas)
  ) {
    out.push(
      issue(
        at("init_replicas"),
        `init_replicas (${a.init_replicas}) must be between min_replicas (${a.min_replicas}) and max_replicas (${a.max_replicas})`,
      ),
    );
  }

  if (
    api.kind === "RealtimeAPI" &&
    ok("target_in_flight") &&
    ctx.clean([index, "pod", "max_concurrency"]) &&
    ctx.clean([index, "pod", "max_queue_length"])
  ) {
    const { max_concurrency: mc, max_queue_length: mql } = api.pod;
    if (a.target_in_flight > mc + mql) {
      out.push(
        issue(
          at("target_in_flight"),
          `target_in_flight (${a.target_in_flight}) must not exceed pod.max_concurrency + pod.max_queue_length (${mc} + ${mql} = ${mc + mql})`,
        ),
      );
    }
  }

  const duration = (field: keyof typeof a & string) =>
    ok(field) ? durationField(String(a[field]), at(field), out) : undefined;
  let window = duration("window");
  if (window !== undefined && window < TICK) {
    out.push(issue(at("window"), `must be at least 10s, got "${a.window}"`));
    window = undefined;
  } else if (window !== undefined && window % TICK !== 0n) {
    out.push(issue(at("window"), `must be a multiple of 10s, got "${a.window}"`));
    window = undefined;
  }
  duration("downscale_stabilization_period");
  duration("upscale_stabilization_period");
  const panic = duration("panic_window");
  if (panic !== undefined && panic > 0n && panic < BigInt(MIN_PANIC_WINDOW_SECONDS) * SECOND) {
    out.push(
      issue(
        at("panic_window"),
        `must be at least ${MIN_PANIC_WINDOW_SECONDS}s (the controller samples every second), or 0s to turn panic mode off; got "${a.panic_window}"`,
      ),
    );
  } else if (panic !== undefined && window !== undefined && panic > window) {
    // Compared only with a valid window, so a bad window gives one error, not two.
    out.push(
      issue(
        at("panic_window"),
        `must not be longer than window (${a.window}), got "${a.panic_window}"`,
      ),
    );
  }
  return out;
}

function isZero(v: number | string): boolean {
  return Number.parseInt(String(v), 10) === 0;
}

export function checkUpdateStrategy(
  api: RealtimeApiConfig | AsyncApiConfig,
  index: number,
  ctx: RuleContext,
): Issue[] {
  const out: Issue[] = [];
  const u = api.update_strategy;
  const at = (field: string) => [index, "update_strategy", field];
  // The dependent defaults turned integer strings within int32 into integers; the rest are left.
  for (const field of ["max_surge", "max_unavailable"] as const) {
    const v = u[field];
    if (ctx.clean(at(field)) && typeof v === "string" && /^[0-9]+$/.test(v)) {
      out.push(
        issue(at(field), `must be at most ${MAX_SURGE}, got the string ${JSON.stringify(v)}`),
      );
    }
  }
  if (
    ctx.clean(at("max_surge")) &&
    ctx.clean(at("max_unavailable")) &&
    isZero(u.max_surge) &&
    isZero(u.max_unavailable)
  ) {
    out.push(
      issue(
        [index, "update_strategy"],
        "max_surge and max_unavailable cannot both be 0: a rollout could not make progress",
        "key",
      ),
    );
  }
  if (ctx.clean(at("progress_deadline"))) {
    const deadline = durationField(u.progress_deadline, at("progress_deadline"), out);
    if (deadline !== undefined && deadline < BigInt(MIN_PROGRESS_DEADLINE_SECONDS) * SECOND) {
      out.push(
        issue(
          at("progress_deadline"),
          `must be at least ${MIN_PROGRESS_DEADLINE_SECONDS}s (a shorter one rolls back rollouts whose pods are still starting), got "${u.progress_deadline}"`,
        ),
      );
    } else if (
      deadline !== undefined &&
      deadline > BigInt(MAX_PROGRESS_DEADLINE_SECONDS) * SECOND
    ) {
      out.push(
        issue(
          at("progress_deadline"),
          `must be at most 24h (a rollout not Ready by then will not be), got "${u.progress_deadline}"`,
        ),
      );
    }
  }
  return out;
}

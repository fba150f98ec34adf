import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  InterruptedError
} from "./chunk-ZF2MBM3L.js";

// src/commands/interrupt.ts
var SignalInterruptedError = class extends InterruptedError {
  constructor(message, signal) {
    super(message);
    this.signal = signal;
    this.exitCode = signal === "SIGINT" ? 130 : 143;
  }
  signal;
  exitCode;
};
function interruptedExitCode(err) {
  return err instanceof SignalInterruptedError ? err.exitCode : void 0;
}
function onInterrupt(say) {
  const stop = new AbortController();
  const onSignal = (name) => {
    if (stop.signal.aborted) process.exit(name === "SIGINT" ? 130 : 143);
    say(`cortex-deploy: ${name}: stopping (send it again to quit at once)`);
    stop.abort(new SignalInterruptedError(`interrupted by ${name}`, name));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: stop.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}
async function withInterrupt(say, fn) {
  const interrupt = onInterrupt(say);
  try {
    return await fn(interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}
function interrupted(signal, left) {
  if (!signal?.aborted) return void 0;
  const reason = signal.reason instanceof Error ? signal.reason.message : "interrupted";
  const message = `${reason}: ${left}`;
  return signal.reason instanceof SignalInterruptedError ? new SignalInterruptedError(message, signal.reason.signal) : new InterruptedError(message);
}
var LEFT_WAITING = "stopped waiting; the APIs were applied and the controller goes on rolling them out (cortex-deploy status shows how it ends)";

export {
  SignalInterruptedError,
  interruptedExitCode,
  onInterrupt,
  withInterrupt,
  interrupted,
  LEFT_WAITING
};

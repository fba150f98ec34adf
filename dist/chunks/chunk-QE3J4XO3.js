import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/kube/conditions.ts
function getCondition(conditions, type) {
  return conditions?.find((c) => c.type === type);
}

// src/kube/readiness.ts
function isTerminal(state) {
  return state === "ready" || state === "failed" || state === "rolledBack";
}
function current(conditions, type, generation) {
  const c = getCondition(conditions, type);
  if (c === void 0) return void 0;
  return c.observedGeneration === void 0 || c.observedGeneration >= generation ? c : void 0;
}
function describe(c) {
  if (c === void 0) return "";
  return [c.reason, c.message].filter((s) => s !== "").join(": ");
}
function rolloutProgress(api) {
  const generation = api.metadata.generation ?? 1;
  const status = api.status ?? {};
  const revision = status.currentRevision;
  const rev = revision === void 0 ? "" : ` (revision ${revision})`;
  if (status.observedGeneration === void 0 || status.observedGeneration < generation) {
    return {
      state: "pending",
      message: `waiting for the controller to pick up generation ${generation}`
    };
  }
  const conditions = status.conditions;
  const rolledBack = current(conditions, "RolledBack", generation);
  if (rolledBack?.status === "True") {
    return { state: "rolledBack", message: `rolled back${rev}: ${describe(rolledBack)}`, revision };
  }
  const ready = current(conditions, "Ready", generation);
  if (status.phase === "Failed") {
    const why = describe(current(conditions, "Degraded", generation)) || describe(ready);
    return { state: "failed", message: `failed${rev}${why ? `: ${why}` : ""}`, revision };
  }
  const replicas = `${status.readyReplicas ?? 0}/${status.desiredReplicas ?? status.replicas ?? 0} ready`;
  if (ready?.status === "True") {
    return { state: "ready", message: `Ready, ${replicas}${rev}`, revision };
  }
  const progressing = describe(current(conditions, "Progressing", generation));
  return {
    state: "progressing",
    message: `${status.phase ?? "Progressing"}, ${replicas}${rev}${progressing ? `: ${progressing}` : ""}`,
    revision
  };
}

export {
  isTerminal,
  rolloutProgress
};

import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/config/issue.ts
function yamlBooleanHint(written, value) {
  return `YAML 1.1, as Cortex reads it, takes the unquoted \`${written}\` as the boolean ${value}; quote it ("${written}") for the string`;
}
function issue(path, message, at = "value") {
  return { path, message, at };
}

// src/config/quantity.ts
var SUFFIX = {
  "": { exp10: 0, exp2: 0 },
  n: { exp10: -9, exp2: 0 },
  u: { exp10: -6, exp2: 0 },
  m: { exp10: -3, exp2: 0 },
  k: { exp10: 3, exp2: 0 },
  M: { exp10: 6, exp2: 0 },
  G: { exp10: 9, exp2: 0 },
  T: { exp10: 12, exp2: 0 },
  P: { exp10: 15, exp2: 0 },
  E: { exp10: 18, exp2: 0 },
  Ki: { exp10: 0, exp2: 10 },
  Mi: { exp10: 0, exp2: 20 },
  Gi: { exp10: 0, exp2: 30 },
  Ti: { exp10: 0, exp2: 40 },
  Pi: { exp10: 0, exp2: 50 },
  Ei: { exp10: 0, exp2: 60 }
};
var QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/;
var EXPONENT = /^[eE]([+-]?[0-9]+)$/;
function splitQuantity(text) {
  const m = QUANTITY.exec(text);
  if (m === null) return void 0;
  const number = m[1];
  const suffix = m[2] ?? "";
  const known = SUFFIX[suffix];
  if (known !== void 0) return { number, ...known };
  const exp = EXPONENT.exec(suffix);
  if (exp === null) return void 0;
  return { number, exp10: Number(exp[1]), exp2: 0 };
}
var MAX_EXPONENT = 1e15;
var LOG10_2 = Math.log10(2);
function parseExactQuantity(text) {
  const q = splitQuantity(text);
  if (q === void 0) return void 0;
  const { number, exp2 } = q;
  let exp10 = Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, q.exp10));
  const sign = number.startsWith("-") ? -1 : 1;
  const [whole = "", fraction = ""] = number.replace(/^[+-]/, "").split(".");
  let digits = BigInt(`0${whole}${fraction}`);
  exp10 += 9 - fraction.length;
  if (digits === 0n) return { sign: 1, digits: 0n, exp10: 0, exp2: 0 };
  if (exp10 < 0) {
    const dividend = digits << BigInt(exp2);
    if (-exp10 > dividend.toString().length) digits = 1n;
    else {
      const divisor = 10n ** BigInt(-exp10);
      digits = (dividend + divisor - 1n) / divisor;
    }
    return { sign, digits, exp10: 0, exp2: 0 };
  }
  return { sign, digits, exp10, exp2 };
}
function compareQuantities(a, b) {
  const sa = a.digits === 0n ? 0 : a.sign;
  const sb = b.digits === 0n ? 0 : b.sign;
  if (sa !== sb || sa === 0) return Math.sign(sa - sb);
  const c = compareMagnitudes(a, b);
  return c === 0 ? 0 : sa * c;
}
function compareMagnitudes(a, b) {
  const l = (q) => q.digits.toString().length - 1 + q.exp10 + q.exp2 * LOG10_2;
  const la = l(a);
  const lb = l(b);
  if (Math.abs(la - lb) > 2) return Math.sign(la - lb);
  const e10 = Math.min(a.exp10, b.exp10);
  const e2 = Math.min(a.exp2, b.exp2);
  const scaled = (q) => q.digits * 10n ** BigInt(q.exp10 - e10) << BigInt(q.exp2 - e2);
  const va = scaled(a);
  const vb = scaled(b);
  return va === vb ? 0 : va > vb ? 1 : -1;
}
var MIN_CPU = "20m";
var MIN_MEM = "20Mi";

// src/config/rules/pod.ts
var RESERVED_PORTS = /* @__PURE__ */ new Set([8888, 15e3]);
var PROXY_CONTAINER = "proxy";
var DOWNLOADER_CONTAINER = "downloader";
var RESERVED_CONTAINER_NAMES = /* @__PURE__ */ new Set([PROXY_CONTAINER, "dequeuer"]);
var RESERVED_ENV_PREFIXES = ["CORTEX_", "KUBEXIT_"];
var MAX_REALTIME_CONTAINERS = 64;
function reservedPort(port, path, out) {
  if (RESERVED_PORTS.has(port)) {
    out.push(
      issue(path, `port ${port} is reserved (8888 for the request proxy, 15000 for its metrics)`)
    );
  }
}
function checkProbe(probe, path, liveness, out) {
  const handlers = ["http_get", "tcp_socket", "exec"];
  const allowed = handlers.filter((h) => h in probe);
  const set = allowed.filter((h) => probe[h] !== null && probe[h] !== void 0);
  if (set.length !== 1) {
    const found = set.length === 0 ? "none" : set.join(" and ");
    out.push(issue(path, `must set exactly one of ${allowed.join(", ")}; found ${found}`, "key"));
  }
  if (probe.http_get) reservedPort(probe.http_get.port, [...path, "http_get", "port"], out);
  if (probe.tcp_socket) reservedPort(probe.tcp_socket.port, [...path, "tcp_socket", "port"], out);
  if (liveness && probe.success_threshold > 1) {
    out.push(
      issue(
        [...path, "success_threshold"],
        `must be 1 for a liveness probe (a Kubernetes rule), got ${probe.success_threshold}`
      )
    );
  }
}
function checkPreStop(preStop, path, out) {
  const set = ["http_get", "exec"].filter((h) => preStop[h] !== null);
  if (set.length !== 1) {
    const found = set.length === 0 ? "none" : set.join(" and ");
    out.push(issue(path, `must set exactly one of http_get, exec; found ${found}`, "key"));
  }
  if (preStop.http_get) reservedPort(preStop.http_get.port, [...path, "http_get", "port"], out);
}
var ZERO = parseExactQuantity("0");
function quantity(text, min, path, out) {
  if (text === null) return void 0;
  const value = parseExactQuantity(text);
  if (value === void 0) {
    out.push(
      issue(path, `must be a Kubernetes quantity such as 500m, 1, 512Mi or 2Gi, got "${text}"`)
    );
    return void 0;
  }
  const floor = min === void 0 ? ZERO : parseExactQuantity(min) ?? ZERO;
  if (compareQuantities(value, floor) < 0) {
    out.push(issue(path, `must be at least ${min ?? "0"}, got "${text}"`));
    return void 0;
  }
  return value;
}
function checkContainer(c, path, ctx, hasArtifacts, out) {
  const ok = (...rest) => ctx.clean([...path, ...rest]);
  if (ok("name") && RESERVED_CONTAINER_NAMES.has(c.name)) {
    out.push(
      issue(
        [...path, "name"],
        `container name \`${c.name}\` is reserved for cortex-deploy's sidecars`
      )
    );
  }
  if (ok("name") && hasArtifacts && c.name === DOWNLOADER_CONTAINER) {
    out.push(
      issue(
        [...path, "name"],
        `container name \`${c.name}\` is taken by the init container that fetches this API's artifacts; rename the container`
      )
    );
  }
  if (ctx.intact([...path, "env"])) {
    for (const key of Object.keys(c.env)) {
      if (RESERVED_ENV_PREFIXES.some((p) => key.startsWith(p))) {
        out.push(
          issue(
            [...path, "env", key],
            "environment variable names starting with CORTEX_ or KUBEXIT_ are reserved",
            "key"
          )
        );
      }
    }
  }
  if ("readiness_probe" in c && c.readiness_probe && ok("readiness_probe")) {
    checkProbe(c.readiness_probe, [...path, "readiness_probe"], false, out);
  }
  if (c.liveness_probe && ok("liveness_probe")) {
    checkProbe(c.liveness_probe, [...path, "liveness_probe"], true, out);
  }
  if ("pre_stop" in c && c.pre_stop && ok("pre_stop")) {
    checkPreStop(c.pre_stop, [...path, "pre_stop"], out);
  }
  if (!ctx.intact([...path, "compute"])) return;
  const compute = [...path, "compute"];
  const q = (field, min) => ok("compute", field) ? quantity(c.compute[field], min, [...compute, field], out) : void 0;
  q("cpu", MIN_CPU);
  const mem = q("mem", MIN_MEM);
  const shm = q("shm", void 0);
  if (mem !== void 0 && shm !== void 0 && compareQuantities(shm, mem) > 0) {
    out.push(
      issue([...compute, "shm"], `must not exceed mem (${c.compute.mem}), got "${c.compute.shm}"`)
    );
  }
}
function checkPod(api, index, ctx) {
  const out = [];
  const pod = [index, "pod"];
  if ("port" in api.pod && ctx.clean([...pod, "port"]))
    reservedPort(api.pod.port, [...pod, "port"], out);
  if (!ctx.intact([...pod, "containers"])) return out;
  if (api.kind === "RealtimeAPI" && api.pod.containers.length > MAX_REALTIME_CONTAINERS) {
    out.push(
      issue(
        [...pod, "containers"],
        `lists ${api.pod.containers.length} containers; a RealtimeAPI can have at most ${MAX_REALTIME_CONTAINERS}`,
        "key"
      )
    );
  }
  const hasArtifacts = Array.isArray(api.artifacts) && api.artifacts.length > 0;
  const firstByName = /* @__PURE__ */ new Map();
  api.pod.containers.forEach((c, j) => {
    const path = [...pod, "containers", j];
    if (!ctx.intact(path)) return;
    if (ctx.clean([...path, "name"])) {
      const first = firstByName.get(c.name);
      if (first !== void 0) {
        out.push(
          issue(
            [...path, "name"],
            `container name \`${c.name}\` is already used by containers[${first}]`
          )
        );
      } else firstByName.set(c.name, j);
    }
    checkContainer(c, path, ctx, hasArtifacts, out);
  });
  const accel = (field) => api.pod.containers.findIndex(
    (c, j) => ctx.clean([...pod, "containers", j, "compute", field]) && c.compute[field] > 0
  );
  const inf = accel("inf");
  if (accel("gpu") >= 0 && inf >= 0) {
    out.push(
      issue(
        [...pod, "containers", inf, "compute", "inf"],
        "an API cannot request both gpu and inf; use one kind of accelerator"
      )
    );
  }
  return out;
}

export {
  yamlBooleanHint,
  issue,
  parseExactQuantity,
  compareQuantities,
  PROXY_CONTAINER,
  checkPod
};

// The TrafficSplitter spec as the controller uses it, read from untyped JSON (the custom resource
// may have been written by hand) and checked with cortex.yaml's rules, since the CRD's own
// validation may be older than this controller. Pure.
import { apiNameProblem } from "../../../../src/config/api-name.ts";
import { int, obj, SpecError, str } from "../spec.ts";

export interface SplitterTarget {
  /** A RealtimeAPI in the splitter's namespace. */
  name: string;
  weight: number;
  shadow: boolean;
}

export interface SplitterSpec {
  targets: SplitterTarget[];
  endpoint: string;
}

export function readSplitterSpec(name: string, raw: unknown): SplitterSpec {
  const spec = obj(raw, "spec");
  if (!Array.isArray(spec.apis) || spec.apis.length === 0)
    throw new SpecError("spec.apis: must be a non-empty list");
  const targets = spec.apis.map((entry: unknown, i: number): SplitterTarget => {
    const path = `spec.apis[${i}]`;
    const a = obj(entry, path);
    const shadow = a.shadow ?? false;
    if (typeof shadow !== "boolean") throw new SpecError(`${path}.shadow: must be true or false`);
    // The name becomes the host of the target's URL (`<name>.<namespace>.svc`): only an API name
    // cortex.yaml accepts, so `a:80`, `a/b` or `a.b` cannot point the splitter elsewhere.
    const name = str(a.name, `${path}.name`);
    const problem = apiNameProblem(name);
    if (problem !== undefined)
      throw new SpecError(`${path}.name: ${problem}, got ${JSON.stringify(name)}`);
    return {
      name,
      weight: int(a.weight, `${path}.weight`, Number.NaN, 0, 100),
      shadow,
    };
  });
  targets.forEach((t, i) => {
    if (Number.isNaN(t.weight)) throw new SpecError(`spec.apis[${i}].weight: is required`);
    if (targets.findIndex((o) => o.name === t.name) !== i)
      throw new SpecError(`spec.apis[${i}].name: ${t.name} is listed twice`);
  });
  if (targets.filter((t) => t.shadow).length > 1)
    throw new SpecError("spec.apis: at most one API may be a shadow");
  const sum = targets.filter((t) => !t.shadow).reduce((a, t) => a + t.weight, 0);
  if (sum !== 100)
    throw new SpecError(
      `spec.apis: the weights of the APIs that are not shadows add up to ${sum}, not 100`,
    );
  const networking = obj(spec.networking, "spec.networking");
  const endpoint =
    networking.endpoint === undefined || networking.endpoint === null
      ? `/${name}`
      : str(networking.endpoint, "spec.networking.endpoint");
  return { targets, endpoint };
}

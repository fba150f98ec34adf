// From a field the API server names in an object (`spec.pod.containers[0].name`) back to the
// place in cortex.yaml it came from (`[2].pod.containers[0].name`), so a rejection points at a line.

/** Path segments of `spec.a.b[0].c` below spec, or undefined for fields outside the spec. */
export function specFieldSegments(field: string): (string | number)[] | undefined {
  const trimmed = field.replace(/^\./, "");
  if (!trimmed.startsWith("spec.") && trimmed !== "spec") return undefined;
  const segments: (string | number)[] = [];
  const re = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[([a-z_]+)="([^"]*)"\]/g;
  for (const m of trimmed.slice(4).matchAll(re)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else break; // keyed list entries ([name="api"]) need the list to resolve; stop at the list
  }
  return segments;
}

/** The config path of a spec field of the API at `apiIndex` in cortex.yaml. */
export function configPathOf(field: string, apiIndex: number): (string | number)[] | undefined {
  const segments = specFieldSegments(field);
  return segments === undefined ? undefined : [apiIndex, ...segments];
}

/** `[2].pod.containers[0].name`, as config errors print paths. */
export function formatConfigPath(path: readonly (string | number)[]): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
    .join("")
    .replace(/^\./, "");
}

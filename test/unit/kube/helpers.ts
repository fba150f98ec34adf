// Shared fixtures for the pure kube tests: configs parsed by the real loader, and live objects
// shaped like the API server's answers.

import type { CortexConfig } from "../../../src/config/index.ts";
import { parseConfig } from "../../../src/config/index.ts";
import type { Live } from "../../../src/kube/objects.ts";
import type { ApiResource } from "../../../src/kube/resource.ts";

export function configOf(yaml: string, file = "cortex.yaml"): CortexConfig {
  const result = parseConfig(yaml, file);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.config;
}

export function realtimeYaml(name: string, image = `x/${name}:1`, extra = ""): string {
  return `- name: ${name}\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: ${image}\n${extra}`;
}

/** A rendered object as the server would return it, with server-side metadata. */
export function asLive<T extends ApiResource>(
  resource: T,
  extra: Partial<Live["metadata"]> = {},
): Live<T> {
  return {
    ...structuredClone(resource),
    metadata: {
      ...structuredClone(resource.metadata),
      uid: `uid-${resource.metadata.name}`,
      resourceVersion: "1",
      generation: 1,
      creationTimestamp: "2026-01-01T00:00:00Z",
      ...extra,
    },
  } as Live<T>;
}

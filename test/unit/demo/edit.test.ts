import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { withContainerEnv, withImage } from "../../../scripts/demo/config-edit.ts";

const CONFIG = `# the iris example
- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ghcr.io/cortex-deploy/examples-iris:1
        env:
          MODEL_DIR: /mnt/artifacts/iris # where the model is
- name: iris-lite
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ghcr.io/cortex-deploy/examples-iris:1
`;

type Api = {
  name: string;
  pod: { containers: { image: string; env?: Record<string, unknown> }[] };
};

describe("withContainerEnv", () => {
  it("adds the variable as a string, keeping the other variables and the comments", () => {
    const text = withContainerEnv(CONFIG, "iris", "IRIS_FAIL_ON_START", "1");
    const apis = parse(text) as Api[];
    expect(apis[0]?.pod.containers[0]?.env).toEqual({
      MODEL_DIR: "/mnt/artifacts/iris",
      IRIS_FAIL_ON_START: "1",
    });
    expect(apis[1]?.pod.containers[0]?.env).toBeUndefined();
    expect(text).toContain("# the iris example");
    expect(text).toContain("# where the model is");
  });

  it("creates env when the container has none", () => {
    const apis = parse(withContainerEnv(CONFIG, "iris-lite", "A", "b")) as Api[];
    expect(apis[1]?.pod.containers[0]?.env).toEqual({ A: "b" });
  });

  it("refuses an unknown API", () => {
    expect(() => withContainerEnv(CONFIG, "nope", "A", "b")).toThrow(/no API named nope/);
  });
});

describe("withImage", () => {
  it("replaces every container's image", () => {
    const apis = parse(withImage(CONFIG, "registry.example/iris:7")) as Api[];
    expect(apis.map((a) => a.pod.containers[0]?.image)).toEqual([
      "registry.example/iris:7",
      "registry.example/iris:7",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { namespaceNameProblem } from "../../../src/kube/namespace-name.ts";

describe("namespace names", () => {
  it("accepts DNS-1123 labels", () => {
    for (const ok of ["default", "ml", "ml-prod-2", "a".repeat(63), "0ml"]) {
      expect(namespaceNameProblem(ok)).toBeUndefined();
    }
  });

  it("says why a name cannot be a namespace", () => {
    const rule =
      "a namespace name is lowercase letters, digits and '-', starts and ends with a letter or digit, and has at most 63 characters";
    for (const bad of ["ML_Prod", "ml.prod", "-ml", "ml-", "a".repeat(64), ""]) {
      expect(namespaceNameProblem(bad)).toBe(`'${bad}' is not a valid namespace name: ${rule}`);
    }
  });
});

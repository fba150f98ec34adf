// One API's row of the job summary: the change column says what the deploy did to it.
import { describe, expect, it } from "vitest";
import type { DeployedApi } from "../../../src/commands/deploy.ts";
import { apiReport } from "../../../src/github/deploy-and-report.ts";

describe("apiReport", () => {
  const api: DeployedApi = {
    name: "iris",
    kind: "RealtimeAPI",
    action: "update",
    endpoint: "/iris",
  };

  it("says configured, created or up to date, and retried for a spec rolled out again", () => {
    expect(apiReport(api, undefined, undefined, "-").change).toBe("configured");
    expect(apiReport({ ...api, action: "create" }, undefined, undefined, "-").change).toBe(
      "created",
    );
    expect(apiReport({ ...api, action: "unchanged" }, undefined, undefined, "-").change).toBe(
      "up to date",
    );
    expect(apiReport({ ...api, retried: true }, undefined, undefined, "-").change).toBe("retried");
  });
});

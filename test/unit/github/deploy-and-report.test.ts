// One API's row of the job summary: the change column says what the deploy did to it.
import { describe, expect, it } from "vitest";
import type { DeployedApi } from "../../../src/commands/deploy.ts";
import { apiReport, reportedRevision } from "../../../src/github/deploy-and-report.ts";

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

describe("reportedRevision", () => {
  const api: DeployedApi = { name: "iris", kind: "RealtimeAPI", action: "update", endpoint: "/" };
  // What `status` reads after the run: the live revision, whoever deployed it.
  const row = {
    kind: "RealtimeAPI",
    name: "iris",
    namespace: "ml",
    status: "Ready",
    ready: 1,
    requested: 1,
    upToDate: 1,
    revision: 9,
    endpoint: "/iris",
    lastChange: undefined,
  };

  it("is the revision the wait saw this run's spec reach", () => {
    expect(reportedRevision({ ...api, revision: 8 }, row)).toBe(8);
  });

  it("is none for a spec this run wrote and did not wait for, not the live one", () => {
    expect(reportedRevision(api, row)).toBeUndefined();
    expect(reportedRevision({ ...api, action: "create" }, row)).toBeUndefined();
  });

  it("is never the revision of a run that superseded this one", () => {
    expect(reportedRevision({ ...api, superseded: true }, row)).toBeUndefined();
    const upToDate = { ...api, action: "unchanged" as const, superseded: true };
    expect(reportedRevision({ ...upToDate, revision: 7 }, row)).toBe(7);
    expect(reportedRevision(upToDate, row)).toBeUndefined();
  });

  it("is the live one for an API this run left as it was", () => {
    expect(reportedRevision({ ...api, action: "unchanged" }, row)).toBe(9);
  });
});

import { defineConfig } from "vitest/config";

// Two projects: `unit` needs no server; `integration` runs against the local sandbox (a real
// kube-apiserver, controller manager, scheduler, process kubelet and versitygw) that the global
// setup starts once and stops at the end. Timeouts are safety nets for hangs, not assertions.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/count-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          globalSetup: ["test/support/temp-root.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          // The sandbox first: its folder must outlive the run's temporary root.
          globalSetup: ["test/sandbox/global-setup.ts", "test/support/temp-root.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          // One sandbox serves every file; files run one after another so they do not starve
          // each other on two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});

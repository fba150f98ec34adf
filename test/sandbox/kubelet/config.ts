// The kubelet's configuration file (JSON), written by the sandbox launcher.
import { readFileSync } from "node:fs";
import type { BackoffPolicy } from "./backoff.ts";
import { kubernetesBackoff } from "./backoff.ts";
import type { SandboxNetwork } from "./network.ts";

export interface KubeletConfig {
  kubeconfig: string;
  nodeName: string;
  stateDir: string;
  network: SandboxNetwork;
  /** The image map files (SANDBOX_IMAGES), earlier files first. */
  imageFiles: string[];
  mode: "process" | "ready-only";
  servingCertFile: string;
  servingKeyFile: string;
  port: number;
  apiServerHost: string;
  apiServerPort: number;
  /** Crash-loop back-off; Kubernetes' 10 s doubling to 300 s unless set (tests, demo). */
  backoffBaseSeconds?: number;
  backoffMaxSeconds?: number;
  /** On SIGTERM, how long pods get to stop (capped per pod by its own grace period). */
  shutdownGraceSeconds?: number;
  /** Taints the Node registers with (like --register-with-taints), e.g. for a test's own node. */
  registerWithTaints?: NodeTaint[];
}

export interface NodeTaint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export function backoffPolicy(config: KubeletConfig): BackoffPolicy {
  return {
    baseMs: (config.backoffBaseSeconds ?? kubernetesBackoff.baseMs / 1000) * 1000,
    maxMs: (config.backoffMaxSeconds ?? kubernetesBackoff.maxMs / 1000) * 1000,
  };
}

export function readConfig(file: string): KubeletConfig {
  const config = JSON.parse(readFileSync(file, "utf8")) as KubeletConfig;
  const required: (keyof KubeletConfig)[] = [
    "kubeconfig",
    "nodeName",
    "stateDir",
    "network",
    "mode",
    "servingCertFile",
    "servingKeyFile",
    "port",
    "apiServerHost",
    "apiServerPort",
  ];
  const missing = required.filter((k) => config[k] === undefined);
  if (missing.length > 0) throw new Error(`${file}: missing ${missing.join(", ")}`);
  if (config.mode !== "process" && config.mode !== "ready-only") {
    throw new Error(`${file}: mode must be "process" or "ready-only", not ${String(config.mode)}`);
  }
  config.imageFiles ??= [];
  return config;
}

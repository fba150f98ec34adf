import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseKubeconfig } from "../../sandbox/kubelet/kubeconfig.ts";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("parseKubeconfig", () => {
  it("reads the current context's server and embedded certificates", () => {
    const creds = parseKubeconfig(
      "/x/kubeconfig",
      [
        "current-context: b",
        "contexts:",
        "- {name: a, context: {cluster: one, user: u1}}",
        "- {name: b, context: {cluster: two, user: u2}}",
        "clusters:",
        "- {name: one, cluster: {server: 'https://10.0.0.1:1'}}",
        `- {name: two, cluster: {server: 'https://10.213.1.1:6443', certificate-authority-data: ${b64("CA")}}}`,
        "users:",
        "- {name: u1, user: {token: nope}}",
        `- {name: u2, user: {client-certificate-data: ${b64("CERT")}, client-key-data: ${b64("KEY")}}}`,
      ].join("\n"),
    );
    expect(creds.server).toBe("https://10.213.1.1:6443");
    expect(creds.ca?.toString()).toBe("CA");
    expect(creds.cert?.toString()).toBe("CERT");
    expect(creds.key?.toString()).toBe("KEY");
    expect(creds.token).toBeUndefined();
    expect(creds.insecure).toBe(false);
  });

  it("reads certificate files and token files relative to the kubeconfig", () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeconfig-"));
    writeFileSync(join(dir, "ca.crt"), "CA-FILE");
    writeFileSync(join(dir, "token"), "abc\n");
    const creds = parseKubeconfig(
      join(dir, "config"),
      [
        "current-context: c",
        "contexts: [{name: c, context: {cluster: k, user: u}}]",
        "clusters: [{name: k, cluster: {server: 'https://h:1', certificate-authority: ca.crt}}]",
        "users: [{name: u, user: {tokenFile: token}}]",
      ].join("\n"),
    );
    expect(creds.ca?.toString()).toBe("CA-FILE");
    expect(creds.token).toBe("abc");
  });

  it("says so when there is no server", () => {
    expect(() => parseKubeconfig("/x/k", "contexts: []\n")).toThrow(
      "/x/k: no server for the current context",
    );
  });
});

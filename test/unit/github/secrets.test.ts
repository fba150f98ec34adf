import { describe, expect, it } from "vitest";
import { kubeconfigSecrets, maskKubeconfig } from "../../../src/github/secrets.ts";

const kubeconfig = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
    server: https://10.0.0.1:6443
  name: prod
users:
- name: ci
  user:
    token: "eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9.payload.signature"
    client-key-data: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t
`;

describe("kubeconfig masking", () => {
  it("finds the token and the client key, not the public CA or the server", () => {
    expect(kubeconfigSecrets(kubeconfig).sort()).toEqual(
      [
        "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t",
        "eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9.payload.signature",
      ].sort(),
    );
  });

  it("registers each secret with the runner", () => {
    const masked: string[] = [];
    maskKubeconfig(kubeconfig, (s) => masked.push(s));
    expect(masked).toContain("eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldCJ9.payload.signature");
  });

  it("masks an OIDC auth-provider's client secret and tokens", () => {
    const oidc = `users:
- name: oidc
  user:
    auth-provider:
      name: oidc
      config:
        client-id: kubernetes
        client-secret: S3cr3tOidcClientSecretValue
        id-token: eyJhbGciOiJSUzI1NiJ9.oidc.sig
        idp-issuer-url: https://issuer.example.com
`;
    const masked: string[] = [];
    maskKubeconfig(oidc, (s) => masked.push(s));
    expect(masked.sort()).toEqual(["S3cr3tOidcClientSecretValue", "eyJhbGciOiJSUzI1NiJ9.oidc.sig"]);
    // The same read line by line, for a kubeconfig that is not valid YAML.
    expect(kubeconfigSecrets(oidc)).toContain("S3cr3tOidcClientSecretValue");
  });
});

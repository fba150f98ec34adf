import { describe, expect, it } from "vitest";
import {
  environmentSecrets,
  maskKubeconfig,
  structuredKubeconfigSecrets,
} from "../../../src/github/secrets.ts";

describe("masking credentials wherever the kubeconfig puts them", () => {
  it("masks a token in a one-line JSON kubeconfig", () => {
    const json = JSON.stringify({
      users: [{ name: "ci", user: { token: "json-token-123456" } }],
      clusters: [{ name: "c", cluster: { server: "https://k8s.example.com" } }],
    });
    const masked: string[] = [];
    maskKubeconfig(json, (s) => masked.push(s));
    expect(masked).toContain("json-token-123456");
    expect(masked).not.toContain("https://k8s.example.com");
  });

  it("masks the env values an exec plugin receives", () => {
    const doc = {
      users: [
        {
          name: "ci",
          user: {
            exec: {
              command: "aws",
              env: [{ name: "AWS_PROFILE_SECRET", value: "exec-secret-value" }],
            },
          },
        },
      ],
    };
    expect(structuredKubeconfigSecrets(doc)).toEqual(["exec-secret-value"]);
  });

  it("masks the AWS keys the environment carries", () => {
    expect(
      environmentSecrets({
        AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG",
        AWS_SESSION_TOKEN: "FwoGZXIvYXdzE",
        AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      }),
    ).toEqual(["AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "FwoGZXIvYXdzE"]);
  });

  it("masks credentials an exec plugin gets on its command line", () => {
    const doc = {
      users: [
        {
          name: "ci",
          user: {
            exec: {
              command: "get-token",
              args: [
                "--cluster",
                "prod-cluster",
                "--token=arg-token-123456",
                "--client-secret",
                "arg-secret-654321",
                "--api-key=",
                "--verbose",
              ],
            },
          },
        },
      ],
    };
    expect(structuredKubeconfigSecrets(doc)).toEqual(["arg-token-123456", "arg-secret-654321"]);
  });
});

// Kubeconfig files with the certificates embedded, so a file stays valid when copied elsewhere.
import { readFile, writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import type { KeyPair } from "./certs.ts";

export interface KubeconfigSpec {
  server: string;
  caFile: string;
  client: KeyPair;
  user: string;
}

const b64 = async (file: string) => (await readFile(file)).toString("base64");

export async function writeKubeconfig(file: string, spec: KubeconfigSpec): Promise<void> {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "sandbox",
        cluster: { server: spec.server, "certificate-authority-data": await b64(spec.caFile) },
      },
    ],
    users: [
      {
        name: spec.user,
        user: {
          "client-certificate-data": await b64(spec.client.cert),
          "client-key-data": await b64(spec.client.key),
        },
      },
    ],
    contexts: [{ name: "sandbox", context: { cluster: "sandbox", user: spec.user } }],
    "current-context": "sandbox",
    preferences: {},
  };
  await writeFile(file, stringify(doc), { mode: 0o600 });
}

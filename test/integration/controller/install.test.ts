// The install manifests work as written: controller/deploy/{crds,rbac,controller}.yaml run the
// controller in the cluster (two replicas, in-cluster service account, least-privilege RBAC) and
// it takes a RealtimeAPI to Ready. The only change for the test: the controller watches the test
// namespace, so it leaves other tests' APIs alone.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type {
  Deployment,
  KubeObject,
  Lease,
  Pod,
} from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  buildControllerBundle,
  condition,
  createNamespace,
  deleteNamespace,
  echoApi,
  eventually,
  installCrds,
  kube,
  repoRoot,
  requireControllerImage,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
const SYSTEM = "cortex-deploy-system";

interface Manifest extends KubeObject {
  apiVersion: string;
  kind: string;
  spec?: { template?: { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } } };
}

const PLURALS: Record<string, string> = {
  Namespace: "namespaces",
  ServiceAccount: "serviceaccounts",
  ClusterRole: "clusterroles",
  ClusterRoleBinding: "clusterrolebindings",
  Role: "roles",
  RoleBinding: "rolebindings",
  Deployment: "deployments",
  PodDisruptionBudget: "poddisruptionbudgets",
};

function pathOf(m: Manifest): string {
  const [group, version] = m.apiVersion.includes("/")
    ? m.apiVersion.split("/")
    : ["", m.apiVersion];
  const base = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
  const namespaced =
    m.metadata.namespace === undefined ? "" : `/namespaces/${m.metadata.namespace}`;
  return `${base}${namespaced}/${PLURALS[m.kind]}/${m.metadata.name}`;
}

async function manifests(file: string): Promise<Manifest[]> {
  const text = await readFile(path.join(repoRoot, "controller", "deploy", file), "utf8");
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

let installed: Manifest[] = [];

beforeAll(async () => {
  requireControllerImage();
  client = await kube();
  await Promise.all([buildControllerBundle(), installCrds(client)]);
  ns = await createNamespace(client, "ctrl-install");
  installed = [...(await manifests("rbac.yaml")), ...(await manifests("controller.yaml"))];
  for (const m of installed) {
    if (m.kind === "Deployment") {
      m.spec?.template?.spec?.containers?.[0]?.env?.push({
        name: "CORTEX_WATCH_NAMESPACE",
        value: ns,
      });
    }
    await client.apply(pathOf(m), m, "cortex-deploy-tests");
  }
});

afterAll(async () => {
  for (const m of [...installed].reverse()) {
    if (m.metadata.namespace === undefined) await client.delete(pathOf(m)).catch(() => undefined);
  }
  if (ns) await deleteNamespace(client, ns);
  client?.close();
});

describe("the install manifests", () => {
  it("run two controller replicas in the cluster, one of them leading", async () => {
    const deployment = await eventually("2 available controller replicas", async () => {
      const d = await client.get<Deployment>(
        `/apis/apps/v1/namespaces/${SYSTEM}/deployments/cortex-deploy-controller`,
      );
      return d.status?.availableReplicas === 2 ? d : undefined;
    });
    expect(deployment.spec?.replicas).toBe(2);
    const pods = await client.get<{ items: Pod[] }>(
      `/api/v1/namespaces/${SYSTEM}/pods?labelSelector=${encodeURIComponent("app.kubernetes.io/component=controller")}`,
    );
    const names = pods.items.map((p) => p.metadata.name);
    const lease = await eventually("a leader", async () => {
      const l = await client.get<Lease>(
        `/apis/coordination.k8s.io/v1/namespaces/${SYSTEM}/leases/cortex-deploy-controller`,
      );
      return l.spec?.holderIdentity ? l : undefined;
    });
    expect(names).toContain(lease.spec?.holderIdentity);
  });

  it("take a RealtimeAPI to Ready with the permissions rbac.yaml grants", async () => {
    await applyApi(client, ns, echoApi("installed", { replicas: 1 }));
    const api = await waitForPhase(client, ns, "installed", "Ready");
    expect(condition(api, "Ready")?.status).toBe("True");
    expect(api.status?.currentRevision).toBe(1);
  });
});

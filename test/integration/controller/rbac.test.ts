// The controller works with the permissions controller/deploy/rbac.yaml grants, not only as the
// sandbox's admin: it runs here as a ServiceAccount bound to a copy of that ClusterRole and of the
// leader-election Role (renamed per test file, so install.test.ts's own copy is left alone), with a
// token from the TokenRequest API. Putting back a hand edit the server-side apply cannot merge
// with replaces the object whole, which needs `update`; without it a Service edited by hand kept
// its wrong port and a spec the server refuses was retried forever instead of reported.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { KubeClient } from "../../../src/kube/client.ts";
import { serviceAccountToken, tokenKubeconfig } from "../../support/service-account.ts";
import {
  applyApi,
  buildControllerBundle,
  type ControllerProcess,
  condition,
  createNamespace,
  deleteNamespace,
  echoApi,
  eventually,
  getApi,
  installCrds,
  kube,
  repoRoot,
  requireControllerImage,
  startController,
  waitForPhase,
} from "./support.ts";

const RBAC = "/apis/rbac.authorization.k8s.io/v1";
const ACCOUNT = "cortex-deploy-controller";

interface Rules {
  kind: string;
  metadata: { name: string };
  rules?: unknown[];
}

let admin: KubeClient;
let ns: string;
let clusterRole: string;
let controller: ControllerProcess | undefined;
let dir: string | undefined;

async function shippedRules(kind: "ClusterRole" | "Role"): Promise<unknown[]> {
  const text = await readFile(path.join(repoRoot, "controller", "deploy", "rbac.yaml"), "utf8");
  const doc = parseAllDocuments(text)
    .map((d) => d.toJSON() as Rules | null)
    .find((m) => m?.kind === kind);
  if (!doc?.rules) throw new Error(`rbac.yaml has no ${kind}`);
  return doc.rules;
}

beforeAll(async () => {
  requireControllerImage();
  admin = await kube();
  await Promise.all([buildControllerBundle(), installCrds(admin)]);
  ns = await createNamespace(admin, "ctrl-rbac");
  clusterRole = `cortex-deploy-controller-${ns}`;
  const subjects = [{ kind: "ServiceAccount", name: ACCOUNT, namespace: ns }];
  await admin.create(
    `${RBAC}/clusterroles`,
    { metadata: { name: clusterRole }, rules: await shippedRules("ClusterRole") },
    "cortex-deploy-tests",
  );
  await admin.create(
    `${RBAC}/clusterrolebindings`,
    {
      metadata: { name: clusterRole },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole },
      subjects,
    },
    "cortex-deploy-tests",
  );
  // The leader Lease in the test namespace, under the Role's own rules (its name included).
  await admin.create(
    `${RBAC}/namespaces/${ns}/roles`,
    { metadata: { name: "leader" }, rules: await shippedRules("Role") },
    "cortex-deploy-tests",
  );
  await admin.create(
    `${RBAC}/namespaces/${ns}/rolebindings`,
    {
      metadata: { name: "leader" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "leader" },
      subjects,
    },
    "cortex-deploy-tests",
  );
  const token = await serviceAccountToken(admin, ns, ACCOUNT);
  dir = await mkdtemp(path.join(tmpdir(), "ctrl-rbac-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  await writeFile(kubeconfig, await tokenKubeconfig(ACCOUNT, token));
  // The authorizer learns of new bindings through a watch: wait until it grants the Lease.
  const asAccount = await kube(kubeconfig);
  await eventually("the controller's bindings in force", async () => {
    const review = await asAccount.request<{ status: { allowed: boolean } }>(
      "POST",
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      {
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SelfSubjectAccessReview",
          spec: {
            resourceAttributes: {
              namespace: ns,
              group: "coordination.k8s.io",
              resource: "leases",
              verb: "create",
            },
          },
        },
      },
    );
    return review.status.allowed;
  });
  asAccount.close();
  controller = await startController([
    "--kubeconfig",
    kubeconfig,
    "--namespace",
    ns,
    "--leader-election-namespace",
    ns,
    "--leader-election-name",
    ACCOUNT,
  ]);
});

afterAll(async () => {
  await controller?.stop();
  if (clusterRole) {
    await admin.delete(`${RBAC}/clusterrolebindings/${clusterRole}`).catch(() => undefined);
    await admin.delete(`${RBAC}/clusterroles/${clusterRole}`).catch(() => undefined);
  }
  if (ns) await deleteNamespace(admin, ns);
  if (dir) await rm(dir, { recursive: true, force: true });
  admin?.close();
});

interface Service {
  spec?: { ports?: { port: number }[] };
}

describe("the controller with the permissions rbac.yaml grants", () => {
  it("puts back a Service port changed by hand that the apply cannot merge with", async () => {
    await applyApi(admin, ns, echoApi("slow"));
    await waitForPhase(admin, ns, "slow", "Ready");
    const service = `/api/v1/namespaces/${ns}/services/slow`;
    await admin.request("PATCH", service, {
      contentType: "application/json-patch+json",
      body: [{ op: "replace", path: "/spec/ports/0/port", value: 81 }],
    });
    await eventually("the Service back on port 80", async () => {
      const s = await admin.get<Service>(service);
      return s.spec?.ports?.map((p) => p.port).join(",") === "80";
    });
    expect(condition(await getApi(admin, ns, "slow"), "Ready")?.status).toBe("True");
    expect(controller?.logs.filter((l) => l.msg === "repaired drift by replacing")).not.toEqual([]);
  });

  it("reports a spec the API server refuses as InvalidSpec, with the server's reason", async () => {
    await applyApi(admin, ns, echoApi("dep"));
    await waitForPhase(admin, ns, "dep", "Ready");
    // A key the CRD accepts but a container's env cannot have.
    const api = echoApi("dep");
    const container = (api.spec.pod as { containers: { env: Record<string, string> }[] })
      .containers[0];
    if (container) container.env = { ...container.env, "A=B": "1" };
    await applyApi(admin, ns, api);
    const failed = await waitForPhase(admin, ns, "dep", "Failed");
    const ready = condition(failed, "Ready");
    expect(ready?.reason).toBe("InvalidSpec");
    expect(ready?.message).toMatch(/rejected the Deployment of revision 2: .*A=B/);
    expect(ready?.message).not.toMatch(/permission/);
  });
});

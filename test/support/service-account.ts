// ServiceAccounts of the sandbox's API server for tests that need a caller with fewer rights than
// the admin: the account, its Roles, a token from the TokenRequest API and a kubeconfig using it.
import { readFile } from "node:fs/promises";
import { parse, stringify } from "yaml";
import { KubeClient } from "../../src/kube/client.ts";

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const RBAC = "rbac.authorization.k8s.io";

/** A kubeconfig for the sandbox's API server (KUBECONFIG) that authenticates with `token`. */
export async function tokenKubeconfig(user: string, token: string): Promise<string> {
  const admin = parse(await readFile(process.env.KUBECONFIG ?? "", "utf8")) as {
    clusters: { cluster: unknown }[];
  };
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "sandbox", cluster: admin.clusters[0]?.cluster }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: user, context: { cluster: "sandbox", user } }],
    "current-context": user,
  });
}

/** Creates ServiceAccount `name` in `namespace` and returns a token for it. */
export async function serviceAccountToken(
  admin: KubeClient,
  namespace: string,
  name: string,
  expirationSeconds = 3600,
): Promise<string> {
  await admin.request("POST", `/api/v1/namespaces/${namespace}/serviceaccounts`, {
    body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name } },
  });
  const res = await admin.request<{ status: { token: string } }>(
    "POST",
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    {
      body: {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        spec: { expirationSeconds },
      },
    },
  );
  return res.status.token;
}

/**
 * A client acting as a new ServiceAccount `name` of `namespace` that holds, in each namespace of
 * `rules`, a Role with those rules and nothing else. It resolves once the authorizer grants what
 * the Roles say: it learns of new bindings through a watch, and a test that expects one verb to
 * be refused must not see another refused only because the binding is not known yet.
 */
export async function serviceAccountClient(
  admin: KubeClient,
  opts: { namespace: string; name: string; rules: Record<string, PolicyRule[]> },
): Promise<KubeClient> {
  const { namespace, name } = opts;
  for (const [ns, rules] of Object.entries(opts.rules)) {
    const path = `/apis/${RBAC}/v1/namespaces/${ns}`;
    await admin.request("POST", `${path}/roles`, {
      body: { apiVersion: `${RBAC}/v1`, kind: "Role", metadata: { name }, rules },
    });
    await admin.request("POST", `${path}/rolebindings`, {
      body: {
        apiVersion: `${RBAC}/v1`,
        kind: "RoleBinding",
        metadata: { name },
        roleRef: { apiGroup: RBAC, kind: "Role", name },
        subjects: [{ kind: "ServiceAccount", name, namespace }],
      },
    });
  }
  const token = await serviceAccountToken(admin, namespace, name, 600);
  const user = await KubeClient.create({ kubeconfig: await tokenKubeconfig(name, token) });
  for (const [ns, rules] of Object.entries(opts.rules)) {
    const rule = rules[0];
    if (!rule) continue;
    const attributes = {
      namespace: ns,
      group: rule.apiGroups[0] ?? "",
      resource: rule.resources[0] ?? "",
      verb: rule.verbs[0] ?? "",
    };
    for (let tries = 0; !(await allowed(user, attributes)); tries++) {
      if (tries > 100) throw new Error(`${name}'s Role in ${ns} is still not in force`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return user;
}

async function allowed(user: KubeClient, resourceAttributes: object): Promise<boolean> {
  const review = await user.request<{ status: { allowed: boolean } }>(
    "POST",
    "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
    {
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes },
      },
    },
  );
  return review.status.allowed;
}

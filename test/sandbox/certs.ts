// The sandbox's PKI, made with the openssl CLI: one CA, serving certificates for the API server
// and the kubelet, client certificates for each component, and the service-account key pair.
// ECDSA P-256 keys: generating them takes milliseconds, where RSA would dominate a warm start.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The first address of --service-cluster-ip-range: the `kubernetes` Service's ClusterIP. */
export const serviceClusterIpRange = "10.0.0.0/24";
export const kubernetesServiceIp = "10.0.0.1";

export interface KeyPair {
  cert: string;
  key: string;
}

export interface Pki {
  ca: KeyPair;
  apiServer: KeyPair;
  apiServerKubeletClient: KeyPair;
  admin: KeyPair;
  controllerManager: KeyPair;
  scheduler: KeyPair;
  kubeletClient: KeyPair;
  kubeletServing: KeyPair;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

interface LeafSpec {
  name: string;
  subject: string;
  usage: "serverAuth" | "clientAuth";
  sans?: string[];
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run("openssl", args);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? "";
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(err)}`);
  }
}

const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

async function makeCa(dir: string): Promise<KeyPair> {
  const pair = { cert: join(dir, "ca.crt"), key: join(dir, "ca.key") };
  const config = join(dir, "ca.cnf");
  await writeFile(
    config,
    [
      "[req]",
      "distinguished_name=dn",
      "[dn]",
      "[ca]",
      "basicConstraints=critical,CA:TRUE",
      "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
      "subjectKeyIdentifier=hash",
      "",
    ].join("\n"),
  );
  await openssl([
    "req",
    "-x509",
    "-new",
    ...ecKey,
    "-keyout",
    pair.key,
    "-out",
    pair.cert,
    "-days",
    "3650",
    "-subj",
    "/CN=cortex-deploy-sandbox-ca",
    "-config",
    config,
    "-extensions",
    "ca",
  ]);
  return pair;
}

// Our own config file: openssl's default one would mark every leaf CA:TRUE.
async function makeLeaf(dir: string, ca: KeyPair, spec: LeafSpec): Promise<KeyPair> {
  const pair = { cert: join(dir, `${spec.name}.crt`), key: join(dir, `${spec.name}.key`) };
  const config = join(dir, `${spec.name}.cnf`);
  const lines = [
    "[req]",
    "distinguished_name=dn",
    "[dn]",
    "[leaf]",
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    `extendedKeyUsage=${spec.usage}`,
    "authorityKeyIdentifier=keyid",
  ];
  if (spec.sans?.length) lines.push(`subjectAltName=${spec.sans.join(",")}`);
  await writeFile(config, `${lines.join("\n")}\n`);
  await openssl([
    "req",
    "-x509",
    "-new",
    ...ecKey,
    "-keyout",
    pair.key,
    "-out",
    pair.cert,
    "-days",
    "365",
    "-subj",
    spec.subject,
    "-CA",
    ca.cert,
    "-CAkey",
    ca.key,
    "-config",
    config,
    "-extensions",
    "leaf",
  ]);
  return pair;
}

async function makeServiceAccountKeys(dir: string): Promise<{ key: string; pub: string }> {
  const key = join(dir, "service-account.key");
  const pub = join(dir, "service-account.pub");
  await openssl([
    "genpkey",
    "-algorithm",
    "EC",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-out",
    key,
  ]);
  await openssl(["pkey", "-in", key, "-pubout", "-out", pub]);
  return { key, pub };
}

export async function makePki(
  dir: string,
  opts: { hostIp: string; nodeName: string },
): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await makeCa(dir);
  const apiServerSans = [
    "IP:127.0.0.1",
    `IP:${opts.hostIp}`,
    `IP:${kubernetesServiceIp}`,
    "DNS:localhost",
    "DNS:kubernetes",
    "DNS:kubernetes.default",
    "DNS:kubernetes.default.svc",
    "DNS:kubernetes.default.svc.cluster.local",
  ];
  const leaf = (spec: LeafSpec) => makeLeaf(dir, ca, spec);
  const [
    apiServer,
    apiServerKubeletClient,
    admin,
    controllerManager,
    scheduler,
    kubeletClient,
    kubeletServing,
    serviceAccount,
  ] = await Promise.all([
    leaf({
      name: "apiserver",
      subject: "/CN=kube-apiserver",
      usage: "serverAuth",
      sans: apiServerSans,
    }),
    leaf({
      name: "apiserver-kubelet-client",
      subject: "/O=system:masters/CN=kube-apiserver-kubelet-client",
      usage: "clientAuth",
    }),
    leaf({ name: "admin", subject: "/O=system:masters/CN=sandbox-admin", usage: "clientAuth" }),
    leaf({
      name: "controller-manager",
      subject: "/CN=system:kube-controller-manager",
      usage: "clientAuth",
    }),
    leaf({ name: "scheduler", subject: "/CN=system:kube-scheduler", usage: "clientAuth" }),
    // The Node authorizer knows a kubelet by this exact identity.
    leaf({
      name: "kubelet-client",
      subject: `/O=system:nodes/CN=system:node:${opts.nodeName}`,
      usage: "clientAuth",
    }),
    leaf({
      name: "kubelet-serving",
      subject: `/CN=${opts.nodeName}`,
      usage: "serverAuth",
      sans: [`IP:${opts.hostIp}`, "IP:127.0.0.1", `DNS:${opts.nodeName}`, "DNS:localhost"],
    }),
    makeServiceAccountKeys(dir),
  ]);
  return {
    ca,
    apiServer,
    apiServerKubeletClient,
    admin,
    controllerManager,
    scheduler,
    kubeletClient,
    kubeletServing,
    serviceAccountKey: serviceAccount.key,
    serviceAccountPub: serviceAccount.pub,
  };
}

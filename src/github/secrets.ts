// Masks credentials before anything is logged. A kubeconfig is masked line by line and value by
// value, because the runner masks exact strings and a multi-line secret is printed in pieces.
const SECRET_KEYS =
  /^\s*-?\s*(token|client-key-data|client-certificate-data|password|id-token|refresh-token|access-token|secret)\s*:\s*(.+)$/;

/** Every string in a kubeconfig that must never reach a log. */
export function kubeconfigSecrets(kubeconfig: string): string[] {
  const out = new Set<string>();
  for (const line of kubeconfig.split(/\r?\n/)) {
    const m = SECRET_KEYS.exec(line);
    const value = m?.[2]?.trim().replace(/^["']|["']$/g, "");
    if (value !== undefined && value.length >= 6) out.add(value);
  }
  return [...out];
}

export function maskKubeconfig(kubeconfig: string, setSecret: (s: string) => void): void {
  for (const secret of kubeconfigSecrets(kubeconfig)) setSecret(secret);
}

// Names and addresses of the sandbox network, derived from its subnet index (1..254), so every
// bridge, veth and namespace of one sandbox shares a prefix that cleanup can find.

/** Linux interface names are at most 15 characters; these stay under 11. */
export function bridgeName(index: number): string {
  return `cdsb${index}`;
}

/** The host end of a pod's veth pair; the pod end is always named eth0 inside its namespace. */
export function vethName(index: number, podOctet: number): string {
  return `cdv${index}-${podOctet}`;
}

export function netnsName(index: number, podOctet: number): string {
  return `cdsb${index}-${podOctet}`;
}

export function netnsPrefix(index: number): string {
  return `cdsb${index}-`;
}

export function subnetForIndex(index: number): { hostIp: string; podCidr: string } {
  return { hostIp: `10.213.${index}.1`, podCidr: `10.213.${index}.0/24` };
}

/** The subnet index of an `ip -o -4 addr` line holding a 10.213.N.x address, if any. */
export function parseSubnetIndex(line: string): number | undefined {
  const match = /\binet 10\.213\.(\d{1,3})\.\d{1,3}\//.exec(line);
  return match ? Number(match[1]) : undefined;
}

/** The subnet index of a netns-mode sandbox, read back from its pod CIDR (10.213.N.0/24). */
export function subnetIndexOfCidr(podCidr: string): number {
  const match = /^10\.213\.(\d{1,3})\.0\/24$/.exec(podCidr);
  if (!match) throw new Error(`pod CIDR ${podCidr} is not a 10.213.N.0/24 sandbox subnet`);
  return Number(match[1]);
}

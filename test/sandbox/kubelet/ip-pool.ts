// Pod address allocation, pure. A /24 pool hands out .2–.254 round-robin (like CNI host-local),
// so an address just released is not reused at once while endpoints may still name it.

export class IpPool {
  private readonly prefix: string;
  private readonly used = new Set<number>();
  private next = 2;

  /** cidr: a.b.c.0/24; .1 is the host (gateway), .255 broadcast. */
  constructor(cidr: string) {
    const match = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.0\/24$/.exec(cidr);
    if (!match?.[1]) throw new Error(`pod CIDR ${cidr} must be a /24 ending in .0`);
    this.prefix = match[1];
  }

  /** The lowest free octet at or after the cursor, wrapping; undefined when all 253 are taken. */
  allocate(): { ip: string; octet: number } | undefined {
    for (let i = 0; i < 253; i++) {
      const octet = ((this.next - 2 + i) % 253) + 2;
      if (this.used.has(octet)) continue;
      this.used.add(octet);
      this.next = octet === 254 ? 2 : octet + 1;
      return { ip: `${this.prefix}.${octet}`, octet };
    }
    return undefined;
  }

  /** Marks an address taken (e.g. one a previous kubelet left behind). */
  reserve(octet: number): void {
    this.used.add(octet);
  }

  /** Takes this exact address if it is in the pool and free (a pod keeping its IP). */
  claim(ip: string): { ip: string; octet: number } | undefined {
    if (!ip.startsWith(`${this.prefix}.`)) return undefined;
    const octet = Number(ip.slice(this.prefix.length + 1));
    if (!Number.isInteger(octet) || octet < 2 || octet > 254 || this.used.has(octet))
      return undefined;
    this.used.add(octet);
    return { ip, octet };
  }

  release(octet: number): void {
    this.used.delete(octet);
  }

  get inUse(): number {
    return this.used.size;
  }
}

/**
 * Addresses for "ready-only" pods, which run nothing: a counter over 127.213.0.0/16. Loopback, so
 * anything that tries to reach such a pod gets a local refusal and no packet leaves the machine.
 */
export function readyOnlyIp(counter: number): string {
  const n = counter % (256 * 254);
  return `127.213.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

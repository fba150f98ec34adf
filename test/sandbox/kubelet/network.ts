// The sandbox's pod network: one Linux bridge per sandbox, its gateway address being the host IP
// that the API server, S3 and the kubelet bind to. Pods join it through veth pairs (netns.ts).
// Without root or iproute2 it falls back to loopback addresses (127.0.0.N), sharing one network.
import { run, tryRun } from "./exec.ts";
import { bridgeName, parseSubnetIndex, subnetForIndex } from "./network-names.ts";

export interface SandboxNetwork {
  mode: "netns" | "loopback";
  hostIp: string;
  bridge?: string;
  podCidr: string;
  id: string;
}

/** Subnet indexes 1..254 of 10.213.0.0/16, one /24 per sandbox. */
const firstIndex = 1;
const lastIndex = 254;

export async function setUpNetwork(id: string): Promise<SandboxNetwork> {
  if (process.env.SANDBOX_NETWORK !== "loopback" && (await canUseNetns())) {
    const used = await usedSubnetIndexes();
    for (let index = firstIndex; index <= lastIndex; index++) {
      if (used.has(index)) continue;
      const bridge = bridgeName(index);
      // `ip link add` fails when the name exists, so two sandboxes starting at once never get the
      // same bridge (and so the same subnet): the loser moves on to the next index.
      const created = await tryRun("ip", ["link", "add", bridge, "type", "bridge"]);
      if (!created.ok) continue;
      const { hostIp, podCidr } = subnetForIndex(index);
      try {
        await run("ip", ["link", "set", bridge, "alias", `cortex-deploy sandbox ${id}`]);
        await run("ip", ["addr", "add", `${hostIp}/24`, "dev", bridge]);
        await run("ip", ["link", "set", bridge, "up"]);
      } catch (err) {
        await tryRun("ip", ["link", "del", bridge]);
        throw err;
      }
      return { mode: "netns", hostIp, bridge, podCidr, id };
    }
    throw new Error("no free pod subnet in 10.213.0.0/16 (254 sandboxes running?)");
  }
  return { mode: "loopback", hostIp: "127.0.0.1", podCidr: "127.0.0.0/24", id };
}

export async function tearDownNetwork(net: SandboxNetwork): Promise<void> {
  if (net.mode !== "netns" || net.bridge === undefined) return;
  // Deleting the bridge detaches (does not delete) pod veths; cleanup.ts removes those first.
  await tryRun("ip", ["link", "del", net.bridge]);
}

/** Root, and the kernel lets us make a bridge and a network namespace. */
async function canUseNetns(): Promise<boolean> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return false;
  const probe = await tryRun("ip", ["netns", "list"]);
  return probe.ok;
}

/** Subnets already on this machine's interfaces, so we never add an address twice. */
async function usedSubnetIndexes(): Promise<Set<number>> {
  const used = new Set<number>();
  const out = await tryRun("ip", ["-o", "-4", "addr", "show"]);
  for (const line of out.stdout.split("\n")) {
    const index = parseSubnetIndex(line);
    if (index !== undefined) used.add(index);
  }
  const links = await tryRun("ip", ["-o", "link", "show"]);
  for (const match of links.stdout.matchAll(/\bcdsb(\d+):/g)) used.add(Number(match[1]));
  return used;
}

// A pod's own network: a namespace with loopback up and eth0 (one end of a veth pair whose other
// end joins the sandbox bridge) holding the pod IP. No default route: pods reach the bridge's
// /24 (other pods, and the host IP where the API server and S3 listen) and nothing else.
import { run, tryRun } from "./exec.ts";
import type { SandboxNetwork } from "./network.ts";
import { netnsName, subnetIndexOfCidr, vethName } from "./network-names.ts";

export interface PodNetwork {
  ip: string;
  octet: number;
  /** Undefined in loopback mode, where pods share the host's network. */
  netns?: string;
}

export async function createPodNetwork(
  net: SandboxNetwork,
  ip: string,
  octet: number,
): Promise<PodNetwork> {
  if (net.mode !== "netns" || !net.bridge) return { ip, octet };
  const index = subnetIndexOfCidr(net.podCidr);
  const netns = netnsName(index, octet);
  const veth = vethName(index, octet);
  // A namespace of the same name can only be a leftover of a crashed kubelet.
  await deletePodNetwork(net, octet);
  await run("ip", ["netns", "add", netns]);
  try {
    await run("ip", ["link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns]);
    await run("ip", ["link", "set", veth, "master", net.bridge, "up"]);
    await run("ip", ["-n", netns, "addr", "add", `${ip}/24`, "dev", "eth0"]);
    await run("ip", ["-n", netns, "link", "set", "eth0", "up"]);
    await run("ip", ["-n", netns, "link", "set", "lo", "up"]);
  } catch (err) {
    await deletePodNetwork(net, octet);
    throw err;
  }
  return { ip, octet, netns };
}

/** Removes the namespace (which takes the veth with it once no process holds it). */
export async function deletePodNetwork(net: SandboxNetwork, octet: number): Promise<void> {
  if (net.mode !== "netns") return;
  const index = subnetIndexOfCidr(net.podCidr);
  await tryRun("ip", ["netns", "del", netnsName(index, octet)]);
  await tryRun("ip", ["link", "del", vethName(index, octet)]);
}

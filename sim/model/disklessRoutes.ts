// How a diskless cluster lays partitions out and which agents serve a zone. Agents lead nothing, so partition
// groups exist only to spread fetch load: one group per agent of a zone (or per agent of the cluster when clients
// do not name their zone), each a contiguous range of partitions, which is also how an object orders its slices.

import type { World } from "./world.ts";
import { PartitionGroup } from "./partitionGroups.ts";

/** The groups of a diskless log, each group's share of every object, and where its slice starts in an object. */
export interface DisklessLayout {
  groups: PartitionGroup[];
  /** Per group: its partitions over all partitions. */
  shares: Float64Array;
  /** Per group: the fraction of an object before its slice (slices are laid out in group order). */
  sliceStarts: Float64Array;
}

/** Splits the partitions into contiguous groups: one per agent in a zone (zone-aware clients), else one per agent. */
export function disklessGroups(world: World, zoneAwareClients: boolean): DisklessLayout {
  const partitions = world.workload.topics * world.workload.partitionsPerTopic;
  const agentsPerZone = Math.ceil(world.brokers.length / world.zones);
  const count = Math.min(partitions, zoneAwareClients ? agentsPerZone : world.brokers.length);
  const groups: PartitionGroup[] = [];
  const shares = new Float64Array(count);
  const sliceStarts = new Float64Array(count);
  let before = 0;
  for (let g = 0; g < count; g++) {
    const size = Math.floor(partitions / count) + (g < partitions % count ? 1 : 0);
    const group = new PartitionGroup(g, size, []);
    // Leaderless: no agent owns a partition, so no group has a leader.
    group.leader = -1;
    groups.push(group);
    shares[g] = size / partitions;
    sliceStarts[g] = before / partitions;
    before += size;
  }
  return { groups, shares, sliceStarts };
}

/** Live agents that serve clients of `zone`: its own zone's, or, when it has none (or clients name no zone), all
 * live agents — WarpStream "favors availability" and sends clients to other zones. */
export function disklessRoutes(agents: readonly { index: number; zone: number; up: boolean }[], zone: number, zoneAwareClients: boolean): number[] {
  const live: number[] = [];
  const local: number[] = [];
  for (const a of agents) {
    if (!a.up) continue;
    live.push(a.index);
    if (a.zone === zone) local.push(a.index);
  }
  return zoneAwareClients && local.length > 0 ? local : live;
}

// The bookkeeping scale plans share: how much each broker holds, which brokers may take more, and a greedy plan
// that brings joining brokers up to the mean by taking from the most loaded holders (in their zone first when
// placement is rack-aware). Plans are queues of moves the architecture's scaler starts when it can.

import type { PartitionGroup } from "../model/partitionGroups.ts";

/** One planned move of a partition group's replica (or leadership) from one broker to another. */
export interface Move {
  group: number;
  from: number;
  to: number;
}

/** Replica-partitions (Kafka) or led partitions (AutoMQ) each broker holds, and the brokers that may take more. */
export abstract class Balancer {
  /** Brokers that may not take anything: held out until they join, or leaving. */
  readonly excluded = new Set<number>();
  /** Planned moves not started yet, in plan order. */
  readonly queue: Move[] = [];

  constructor(
    readonly zones: readonly number[],
    /** Whether a broker in the same zone is preferred (Kafka's rack-aware placement); else the least loaded wins. */
    readonly zoneAware: boolean,
  ) {}

  /** Partitions each broker holds now (replicas for Kafka, led partitions for AutoMQ), by broker index. */
  abstract loads(): number[];

  /** The least-loaded eligible broker, in `zone` when one there qualifies; -1 when none does. */
  pick(loads: readonly number[], zone: number, taken: readonly number[], eligible: (b: number) => boolean = () => true): number {
    let best = -1;
    let bestLocal = false;
    for (let b = 0; b < loads.length; b++) {
      if (this.excluded.has(b) || taken.includes(b) || !eligible(b)) continue;
      const local = this.zoneAware && this.zones[b] === zone;
      if (best < 0 || (local && !bestLocal) || (local === bestLocal && loads[b] < loads[best])) {
        best = b;
        bestLocal = local;
      }
    }
    return best;
  }

  /** Moves for joining brokers: from the most loaded holders (same zone first) until each is near the mean. A group
   * may move more than once in a plan (Kafka moves one replica at a time); planned moves count as done. */
  planJoin(brokers: readonly number[], groups: readonly PartitionGroup[], holders: (g: PartitionGroup) => readonly number[], busy: (g: number) => boolean): void {
    for (const b of brokers) this.excluded.delete(b);
    const loads = this.loads();
    let active = 0;
    let total = 0;
    for (let b = 0; b < loads.length; b++) {
      if (this.excluded.has(b)) continue;
      active++;
      total += loads[b];
    }
    const target = total / active;
    const planned = groups.map((g) => new Set(holders(g)));
    for (const n of brokers) {
      for (const sameZone of [true, false]) {
        for (;;) {
          const best = this.#bestDonor(n, target, loads, groups, planned, busy, sameZone && this.zoneAware);
          if (!best) break;
          const p = groups[best.group].partitions;
          loads[best.from] -= p;
          loads[n] += p;
          planned[best.group].delete(best.from);
          planned[best.group].add(n);
          this.queue.push(best);
        }
      }
    }
  }

  #bestDonor(n: number, target: number, loads: readonly number[], groups: readonly PartitionGroup[], planned: readonly Set<number>[], busy: (g: number) => boolean, sameZone: boolean): Move | undefined {
    const gap = target - loads[n];
    let best: Move | undefined;
    for (const g of groups) {
      const hs = planned[g.id];
      // A move may overshoot by at most half its size: it must shrink the gap, not flip it.
      if (hs.has(n) || busy(g.id) || g.partitions > 2 * gap) continue;
      for (const h of hs) {
        if (this.excluded.has(h) || loads[h] <= target || (sameZone && this.zones[h] !== this.zones[n])) continue;
        if (!best || loads[h] > loads[best.from] || (loads[h] === loads[best.from] && g.partitions > groups[best.group].partitions)) {
          best = { group: g.id, from: h, to: n };
        }
      }
    }
    return best;
  }
}

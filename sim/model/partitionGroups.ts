// Partitions that share one ordered replica list form a group, and a group is the unit of log state: with records
// spread evenly over partitions (every OMB key distributor does that), all partitions of a group hold the same
// bytes, so per-group offsets stand for per-partition ones. 3,000 partitions on 9 brokers with RF=3 collapse
// into 81 groups, which is why doubling the partition count costs nothing per event.

import { InputError } from "../errors.ts";
import type { BrokerSlot } from "./cluster.ts";
import { OffsetTimeIndex } from "./offsetTimeIndex.ts";

/** Log state of a set of partitions with identical replica lists; offsets are group bytes (sum over its partitions). */
export class PartitionGroup {
  /** Current leader broker, or -1 while offline. */
  leader: number;
  /** Log end offset on the leader (bytes). */
  leo = 0;
  /** High watermark: bytes every in-sync replica holds, visible to consumers (bytes). */
  hw = 0;
  /** Log start offset after retention (bytes). */
  logStart = 0;
  /** Highest offset ever acknowledged to a producer (bytes); losing data below it loses acknowledged records. */
  ackedEnd = 0;
  /** Per replica (same order as replicas): its log end offset (bytes). */
  readonly replicaLeo: number[];
  /** Per replica: the log end offset the leader last heard from it (bytes); the HW is the minimum over the ISR. */
  readonly reportedLeo: number[];
  /** Per replica: the high watermark it last heard from the leader (bytes); bounds follower reads (KIP-392). */
  readonly knownHw: number[];
  /** Per replica: whether it is in the ISR. */
  readonly inSync: boolean[];
  readonly index = new OffsetTimeIndex();
  /**
   * Partition numbers the group holds, when its layout names them (empty otherwise). Numbers run topic by topic:
   * topic t holds t × partitionsPerTopic up to the next topic's first (topicLayout.ts reads them).
   */
  readonly partitionIds: number[] = [];

  constructor(
    readonly id: number,
    public partitions: number,
    /** Broker indices, preferred leader first. */
    readonly replicas: number[],
  ) {
    this.leader = replicas[0];
    this.replicaLeo = replicas.map(() => 0);
    this.reportedLeo = replicas.map(() => 0);
    this.knownHw = replicas.map(() => 0);
    this.inSync = replicas.map(() => true);
  }

  /** Adds a replica (reassignment); it starts empty at the log start and out of the ISR. */
  addReplica(broker: number): number {
    this.replicas.push(broker);
    this.replicaLeo.push(this.logStart);
    this.reportedLeo.push(this.logStart);
    this.knownHw.push(this.logStart);
    this.inSync.push(false);
    return this.replicas.length - 1;
  }

  /** Removes a replica (the end of a reassignment). */
  removeReplica(broker: number): void {
    const i = this.replicas.indexOf(broker);
    if (i < 0) return;
    this.replicas.splice(i, 1);
    this.replicaLeo.splice(i, 1);
    this.reportedLeo.splice(i, 1);
    this.knownHw.splice(i, 1);
    this.inSync.splice(i, 1);
  }

  /** Position of a broker in this group's replica list, or -1. */
  replicaIndex(broker: number): number {
    return this.replicas.indexOf(broker);
  }

  /** In-sync replicas, leader included. */
  inSyncCount(): number {
    let n = 0;
    for (let i = 0; i < this.inSync.length; i++) if (this.inSync[i]) n++;
    return n;
  }
}

/**
 * Rack-aware assignment in the shape of Kafka's: leaders round-robin over a zone-alternating broker list, each
 * follower in the next zones along the list, with a shift per pass so follower sets vary. Returns one group per
 * distinct ordered replica list, naming the partitions it holds (numbered topic by topic, as the workload's are).
 */
export function assignPartitions(brokers: readonly BrokerSlot[], partitions: number, replicationFactor: number): PartitionGroup[] {
  const n = brokers.length;
  const zones = new Set(brokers.map((b) => b.zone)).size;
  if (!Number.isSafeInteger(replicationFactor) || replicationFactor < 1 || replicationFactor > n) {
    throw new InputError("replicationFactor", replicationFactor, `a whole number from 1 to the broker count (${n})`);
  }
  const byKey = new Map<string, PartitionGroup>();
  for (let p = 0; p < partitions; p++) {
    const leaderPos = p % n;
    const shift = Math.floor(p / n) % Math.max(1, n - 1);
    const replicas = [brokers[leaderPos].index];
    const usedZones = new Set([brokers[leaderPos].zone]);
    for (let step = 1; replicas.length < replicationFactor && step <= 2 * n; step++) {
      const candidate = brokers[(leaderPos + step + shift * zones) % n];
      if (replicas.includes(candidate.index)) continue;
      // One replica per zone while zones remain, as broker.rack placement does; then any broker.
      if (usedZones.size < zones && usedZones.has(candidate.zone)) continue;
      replicas.push(candidate.index);
      usedZones.add(candidate.zone);
    }
    const key = replicas.join(",");
    let group = byKey.get(key);
    if (group) group.partitions++;
    else byKey.set(key, (group = new PartitionGroup(byKey.size, 1, replicas)));
    group.partitionIds.push(p);
  }
  return [...byKey.values()];
}

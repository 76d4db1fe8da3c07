// What faults act on, the same way for every architecture: crash and restart a broker or agent, the object stores
// and block volumes it uses, the control plane, and two levels the recovery metrics sample — partitions without a
// serving leader and partitions below full durability. An operation an architecture lacks is simply absent.

import { AutomqArchitecture } from "../model/automq.ts";
import { DisklessArchitecture } from "../model/diskless.ts";
import { KafkaArchitecture } from "../model/kafka.ts";
import type { Run } from "../model/run.ts";
import { TieredKafkaArchitecture } from "../model/tieredKafka.ts";
import type { BlockVolume } from "../storage/blockVolume.ts";
import type { ObjectStore } from "../storage/objectStore.ts";

/** Which model a run's architecture is, for the operations faults need. */
export type TargetModel = "kafka" | "kafka-tiered" | "automq" | "diskless" | "other";

/** An object store of the run and its zone (-1 for a regional bucket, else the zone of an Express bucket). */
export interface StoreTarget {
  store: ObjectStore;
  zone: number;
}

/** The uniform operations and levels faults use; optional members are absent where the architecture lacks them. */
export interface FaultTargets {
  /** The architecture's name as the run knows it (its kind unless the spec renamed it). */
  readonly architecture: string;
  readonly model: TargetModel;
  /** Brokers (or agents) of the run. */
  readonly brokerCount: number;
  crash?(broker: number, volumeLost: boolean): void;
  restart?(broker: number): void;
  isUp(broker: number): boolean;
  /** Every object store the run writes or reads (the architecture's, and the S3 sink's when present). */
  readonly stores: readonly StoreTarget[];
  /** A broker's block volume (its log disk, or AutoMQ's WAL volume), if it has one. */
  volume(broker: number): BlockVolume | undefined;
  setControlPlaneLatencyFactor?(factor: number): void;
  /** Partitions whose leader is missing or down (diskless: all of them when no agent is up). */
  offlinePartitions(): number;
  /** Partitions below full durability: Kafka's under-replicated partitions (ISR smaller than the replica list);
   * AutoMQ's partitions whose WAL sits with a dead or recovering broker; diskless none (S3 holds everything). */
  underReplicatedPartitions(): number;
}

/** The fault targets of a built run. */
export function faultTargets(run: Run): FaultTargets {
  const arch = run.arch;
  const sinkStores: StoreTarget[] = run.sink ? [{ store: run.sink.store, zone: -1 }] : [];
  const brokerCount = run.world.brokers.length;
  if (arch instanceof KafkaArchitecture) {
    const tiered = arch instanceof TieredKafkaArchitecture;
    return {
      architecture: arch.name,
      brokerCount,
      model: tiered ? "kafka-tiered" : "kafka",
      crash: (b, volumeLost) => arch.crashBroker(b, volumeLost),
      restart: (b) => {
        // A broker back before broker.session.timeout.ms re-registers with a new incarnation, and KRaft fences the old
        // one first (KIP-631): its partitions get new leaders before it rejoins as a follower. The model's restart
        // assumes the controller already did that, so do it here when it has not.
        if (!arch.brokers[b].up && arch.brokers[b].led.length > 0) arch.controller.electAwayFrom(b);
        arch.restartBroker(b);
      },
      isUp: (b) => arch.brokers[b].up,
      stores: [...(tiered ? [{ store: arch.store, zone: -1 }] : []), ...sinkStores],
      volume: (b) => arch.brokers[b].volume,
      offlinePartitions: () => offline(arch.groups, (b) => arch.brokers[b].up),
      underReplicatedPartitions: () => {
        let n = 0;
        for (const g of arch.groups) if (g.inSyncCount() < g.replicas.length) n += g.partitions;
        return n;
      },
    };
  }
  if (arch instanceof AutomqArchitecture) {
    return {
      architecture: arch.name,
      brokerCount,
      model: "automq",
      crash: (b, volumeLost) => arch.crashBroker(b, volumeLost),
      restart: (b) => arch.restartBroker(b),
      isUp: (b) => arch.brokers[b].up,
      stores: [{ store: arch.store, zone: arch.store.config.zone }, ...sinkStores],
      volume: (b) => arch.brokers[b].volume,
      offlinePartitions: () => offline(arch.groups, (b) => arch.brokers[b].up),
      underReplicatedPartitions: () => {
        let n = 0;
        for (const b of arch.brokers) {
          if (b.up && b.failover === 0) continue;
          for (const gi of b.led) n += arch.groups[gi].partitions;
        }
        return n;
      },
    };
  }
  if (arch instanceof DisklessArchitecture) {
    const partitions = run.world.workload.topics * run.world.workload.partitionsPerTopic;
    return {
      architecture: arch.name,
      brokerCount,
      model: "diskless",
      crash: (b) => arch.crashBroker(b),
      restart: (b) => arch.restartBroker(b),
      isUp: (b) => arch.agents[b].up,
      stores: [...arch.stores.map((store, i) => ({ store, zone: arch.storeZones[i] })), ...sinkStores],
      volume: () => undefined,
      setControlPlaneLatencyFactor: (f) => arch.setControlPlaneLatencyFactor(f),
      // Leaderless: any live agent serves any partition, so partitions go dark only when every agent is down.
      offlinePartitions: () => (arch.agents.some((a) => a.up) ? 0 : partitions),
      underReplicatedPartitions: () => 0,
    };
  }
  return {
    architecture: arch.name,
    brokerCount,
    model: "other",
    isUp: (b) => arch.isServing(b),
    stores: sinkStores,
    volume: () => undefined,
    offlinePartitions: () => offline(arch.groups, (b) => arch.isServing(b)),
    underReplicatedPartitions: () => 0,
  };
}

function offline(groups: readonly { leader: number; partitions: number }[], up: (broker: number) => boolean): number {
  let n = 0;
  for (const g of groups) if (g.leader < 0 || !up(g.leader)) n += g.partitions;
  return n;
}

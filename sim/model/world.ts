// The shared context of one run: engine, seeded streams, network, cluster layout and measurements, plus the
// contract between the clients (producers, consumers) and whichever architecture serves them.

import type { Actor, Engine } from "../engine.ts";
import type { Network } from "../network/index.ts";
import type { Rng } from "../random.ts";
import type { BrokerSlot } from "./cluster.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import type { RunStats } from "./runStats.ts";
import type { Workload } from "./workload.ts";

/** Everything the actors of one run share. */
export interface World {
  readonly engine: Engine;
  readonly rng: Rng;
  readonly network: Network;
  readonly workload: Workload;
  readonly zones: number;
  readonly brokers: readonly BrokerSlot[];
  /** Network host id of each broker, by broker index. */
  readonly brokerHosts: readonly number[];
  readonly stats: RunStats;
  /** What happened when, for recovery metrics and the workshop timeline (rare events only). */
  readonly timeline: TimelineEntry[];
}

/** One notable moment of a run: a fault, an election, a replica back in sync. */
export interface TimelineEntry {
  atMicros: number;
  what: string;
  broker?: number;
  group?: number;
  bytes?: number;
}

/** Where a producer in a zone sends which share of its records. */
export interface ProduceRoute {
  broker: number;
  share: number;
}

/** Which broker serves which groups to a consumer in a zone. */
export interface FetchRoute {
  broker: number;
  groups: readonly number[];
}

/** Produce request outcomes the architecture reports back. */
export const ProduceError = {
  none: 0,
  /** The broker is gone or not the leader any more; the client refreshes metadata and retries. */
  notLeader: 1,
  /** Fewer in-sync replicas than min.insync.replicas. */
  notEnoughReplicas: 2,
  /** The storage behind the broker refused or timed out (e.g. an S3 PUT failed after retries). */
  storage: 3,
} as const;

/** What every architecture implements for the clients; its events arrive through Actor.receive. */
export interface Architecture extends Actor {
  readonly name: string;
  /** Engine index this architecture receives its events on. */
  readonly actor: number;
  readonly groups: readonly PartitionGroup[];
  /** Bumped whenever produce or fetch routes change (leader election, reassignment, scale-out). */
  readonly routesVersion: number;
  produceRoutes(zone: number): readonly ProduceRoute[];
  /** Whether produceRoutes go to partition leaders, each by the partitions it leads, so a producer of one topic can
   * be sent to its own partitions' leaders; false where any server of the zone takes any partition (agents, proxies). */
  readonly produceToLeaders: boolean;
  fetchRoutes(zone: number): readonly FetchRoute[];
  /** A produce request has arrived at broker (the network delivered it). Must end in Producers.complete. */
  onProduce(request: number, broker: number): void;
  /** Whether a broker is up and serving. */
  isServing(broker: number): boolean;
  /** Bytes of group g visible to consumers fetching from broker. */
  visibleEnd(group: PartitionGroup, broker: number): number;
  /** Reads a fetch response's data on broker (cache, disk or object store); must end in Consumers.respond. */
  readForFetch(session: number, broker: number): void;
  /** Called once when the run starts, after clients exist. */
  start(): void;
  /** Architecture-specific figures for the result (bytes stored, cache ratios, object-store requests...). */
  report(): Record<string, number>;
}

/** Event kinds addressed to architectures by the client actors. */
export const ArchEvent = {
  /** a = request id, b = broker: the request's bytes have arrived. */
  produceArrived: 1,
  /** a = request id, b = broker: the request could not be delivered (broker or path down). */
  produceLost: 2,
} as const;

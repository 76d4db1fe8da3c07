// Classic Apache Kafka: leaders append to the page cache of their broker, followers pull from leaders, and a
// produce with acks=all is answered once every in-sync replica has reported the batch (the high watermark passes
// it). Consumers long-poll the leader, or an in-zone follower with KIP-392. Brokers can crash, come back with or
// without their volume, and partitions can be reassigned; the controller elects leaders from the ISR.

import type { Actor } from "../engine.ts";
import { InputError } from "../errors.ts";
import { BlockVolume } from "../storage/blockVolume.ts";
import type { BlockVolumeConfig } from "../storage/defaults.ts";
import type { Consumers } from "./consumers.ts";
import type { KafkaConfig } from "./kafkaConfig.ts";
import { CacheClockIndex, PageCache } from "./pageCache.ts";
import { assignPartitions, type PartitionGroup } from "./partitionGroups.ts";
import type { Producers } from "./producers.ts";
import { ReplicaFetchers } from "./replicaFetchers.ts";
import { ControllerEvent, KafkaController } from "./kafkaController.ts";
import { ArchEvent, ProduceError, type Architecture, type FetchRoute, type ProduceRoute, type World } from "./world.ts";

const Kind = {
  diskReadDone: 20,
  isrCheck: 21,
} as const;

const PRELOAD_INDEX_SLICES = 256;
// Memory the OS keeps for itself beyond the JVM heap; the rest of the instance is page cache.
const OS_RESERVED_BYTES = 1024 ** 3;

/** A produce request waiting for the high watermark: the groups it wrote and the offsets it must see acknowledged. */
interface PendingProduce {
  request: number;
  groups: readonly number[];
  targets: Float64Array;
}

/** One broker of the classic model. */
export interface KafkaBroker {
  index: number;
  zone: number;
  host: number;
  up: boolean;
  /** Whether the broker lost its volume when it went down (replacement with an empty disk). */
  volumeLost: boolean;
  cache: PageCache;
  volume: BlockVolume;
  /** Groups this broker leads, in group order. */
  led: number[];
  pending: PendingProduce[];
}

/** The classic Kafka architecture (and the base of tiered storage). */
export class KafkaArchitecture implements Architecture, Actor {
  readonly actor: number;
  readonly groups: PartitionGroup[];
  readonly brokers: KafkaBroker[] = [];
  routesVersion = 0;
  /** Per group, per replica: page-cache clock of each offset on that replica's broker. */
  readonly cacheClocks: CacheClockIndex[][];
  readonly fetchers: ReplicaFetchers;
  readonly controller: KafkaController;
  #producers!: Producers;
  #consumers!: Consumers;
  #produceRoutes: ProduceRoute[] | undefined;
  #fetchRoutes = new Map<number, FetchRoute[]>();
  readonly #totalPartitions: number;
  // Groups whose high watermark the current advanceHighWatermarks moved (reused: it runs on every replica fetch).
  readonly #advanced: number[] = [];
  #waking = false;

  constructor(
    readonly world: World,
    readonly config: KafkaConfig,
    volumeConfig: Partial<BlockVolumeConfig>,
    instanceMemoryBytes: number,
    readonly name = "kafka",
  ) {
    this.actor = world.engine.register(name, this);
    const partitions = world.workload.topics * world.workload.partitionsPerTopic;
    this.#totalPartitions = partitions;
    if (!Number.isSafeInteger(config.minInsyncReplicas) || config.minInsyncReplicas < 1 || config.minInsyncReplicas > config.replicationFactor) {
      throw new InputError(`${name}.minInsyncReplicas`, config.minInsyncReplicas, `a whole number from 1 to replicationFactor (${config.replicationFactor})`);
    }
    this.groups = assignPartitions(world.brokers, partitions, config.replicationFactor);
    const cacheBytes = Math.max(0, instanceMemoryBytes - config.heapBytes - OS_RESERVED_BYTES);
    for (const slot of world.brokers) {
      this.brokers.push({
        index: slot.index,
        zone: slot.zone,
        host: world.brokerHosts[slot.index],
        up: true,
        volumeLost: false,
        cache: new PageCache(cacheBytes),
        volume: new BlockVolume(world.engine, `${slot.name}.volume`, world.rng.fork(`${slot.name}.volume`), volumeConfig),
        led: [],
        pending: [],
      });
    }
    this.cacheClocks = this.groups.map((g) => g.replicas.map(() => new CacheClockIndex()));
    this.fetchers = new ReplicaFetchers(this);
    this.controller = new KafkaController(this);
    this.#recomputeLeadership();
  }

  /** Binds the clients; called by the run builder before start(). */
  bindClients(producers: Producers, consumers: Consumers): void {
    this.#producers = producers;
    this.#consumers = consumers;
  }

  get consumers(): Consumers {
    return this.#consumers;
  }

  get producers(): Producers {
    return this.#producers;
  }

  start(): void {
    const engine = this.world.engine;
    this.fetchers.rebuild();
    for (const b of this.brokers) engine.send(this.actor, Kind.isrCheck, this.config.replicaLagTimeMaxMicros / 2, b.index);
    engine.send(this.actor, ControllerEvent.retentionCheck, this.config.retentionCheckMicros);
    engine.send(this.actor, ControllerEvent.rebalanceCheck, this.config.leaderRebalanceMicros);
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case ArchEvent.produceArrived: return this.onProduce(a, b);
      case ArchEvent.produceLost: return this.#producers.fail(a, ProduceError.notLeader);
      case Kind.diskReadDone: return this.#consumers.respond(a);
      case Kind.isrCheck: return this.#isrCheck(a);
      case ControllerEvent.electionDue: return this.controller.electAwayFrom(a);
      case ControllerEvent.retentionCheck: return this.controller.retentionCheck();
      case ControllerEvent.rebalanceCheck: return this.controller.rebalanceCheck();
      default: return this.fetchers.receive(kind, a, b);
    }
  }

  isServing(broker: number): boolean {
    return this.brokers[broker].up;
  }

  readonly produceToLeaders = true;

  produceRoutes(): readonly ProduceRoute[] {
    if (this.#produceRoutes) return this.#produceRoutes;
    // Keyless producers skip partitions without a leader (Kafka's partitioner only picks available ones).
    let online = 0;
    for (const g of this.groups) if (g.leader >= 0) online += g.partitions;
    const routes: ProduceRoute[] = [];
    for (const b of this.brokers) {
      let led = 0;
      for (const gi of b.led) led += this.groups[gi].partitions;
      if (led > 0) routes.push({ broker: b.index, share: led / online });
    }
    this.#produceRoutes = routes;
    return routes;
  }

  fetchRoutes(zone: number): readonly FetchRoute[] {
    const cached = this.#fetchRoutes.get(zone);
    if (cached) return cached;
    const byBroker = new Map<number, number[]>();
    const rackAware = this.config.followerFetching && this.world.workload.consumer.clientRack;
    for (const g of this.groups) {
      if (g.leader < 0) continue;
      let server = g.leader;
      if (rackAware && this.brokers[g.leader].zone !== zone) {
        // RackAwareReplicaSelector: an in-sync replica in the client's rack, else the leader.
        for (let i = 0; i < g.replicas.length; i++) {
          const r = g.replicas[i];
          if (this.brokers[r].zone === zone && this.brokers[r].up && g.inSync[i]) {
            server = r;
            break;
          }
        }
      }
      const list = byBroker.get(server) ?? [];
      list.push(g.id);
      byBroker.set(server, list);
    }
    const routes = [...byBroker.entries()].sort((x, y) => x[0] - y[0]).map(([broker, groups]) => ({ broker, groups }));
    this.#fetchRoutes.set(zone, routes);
    return routes;
  }

  visibleEnd(group: PartitionGroup, broker: number): number {
    if (broker === group.leader) return group.hw;
    const i = group.replicaIndex(broker);
    if (i < 0) return 0;
    return Math.min(group.replicaLeo[i], group.knownHw[i]);
  }

  onProduce(request: number, broker: number): void {
    const b = this.brokers[broker];
    if (!b.up) return;
    const producers = this.#producers;
    if (b.led.length === 0) return producers.complete(request, broker, ProduceError.notLeader);
    const acksAll = this.world.workload.producer.acks === "all";
    if (acksAll) {
      for (const gi of b.led) {
        if (this.groups[gi].inSyncCount() < this.config.minInsyncReplicas) {
          return producers.complete(request, broker, ProduceError.notEnoughReplicas);
        }
      }
    }
    const bytes = producers.requestBytes(request);
    const from = producers.requestFromMicros(request);
    const to = producers.requestToMicros(request);
    let ledPartitions = 0;
    for (const gi of b.led) ledPartitions += this.groups[gi].partitions;
    const targets = new Float64Array(b.led.length);
    const clockFrom = b.cache.clock;
    const clockTo = b.cache.insert(bytes);
    for (let i = 0; i < b.led.length; i++) {
      const g = this.groups[b.led[i]];
      g.leo += (bytes * g.partitions) / ledPartitions;
      const ri = g.replicaIndex(broker);
      g.replicaLeo[ri] = g.leo;
      g.reportedLeo[ri] = g.leo;
      g.index.append(g.leo, from, to);
      this.cacheClocks[g.id][ri].append(g.leo, clockFrom, clockTo);
      targets[i] = g.leo;
      this.onAppended(g, broker);
    }
    b.volume.writeBuffered(Math.ceil(bytes));
    if (acksAll) {
      b.pending.push({ request, groups: b.led, targets });
      this.advanceHighWatermarks(broker, b.led);
      // Kafka's DelayedProduce is completed at once when the high watermark already covers it (a request that
      // appended nothing new to the log); otherwise it would wait for an advance that may never come.
      this.#answerCovered(broker);
    } else {
      for (let i = 0; i < b.led.length; i++) {
        const g = this.groups[b.led[i]];
        g.ackedEnd = Math.max(g.ackedEnd, targets[i]);
      }
      producers.complete(request, broker, ProduceError.none);
      this.advanceHighWatermarks(broker, b.led);
    }
    this.fetchers.wakeLeader(broker);
  }

  /** Hook for subclasses: a leader appended to group g. */
  protected onAppended(_group: PartitionGroup, _broker: number): void {}

  /** Recomputes high watermarks of groups led by broker and answers produce requests they now cover. */
  advanceHighWatermarks(broker: number, groupIds: readonly number[]): void {
    // One list reused per call, unless a wake-up it causes advances another broker's watermarks meanwhile.
    const advanced = this.#waking ? [] : this.#advanced;
    advanced.length = 0;
    for (const gi of groupIds) {
      const g = this.groups[gi];
      if (g.leader !== broker) continue;
      let hw = g.leo;
      for (let i = 0; i < g.replicas.length; i++) if (g.inSync[i] && g.reportedLeo[i] < hw) hw = g.reportedLeo[i];
      if (hw > g.hw) {
        g.hw = hw;
        advanced.push(gi);
      }
    }
    if (advanced.length === 0) return;
    this.#answerCovered(broker);
    const outer = this.#waking;
    this.#waking = true;
    this.#consumers.wakeGroups(broker, advanced);
    this.#waking = outer;
  }

  // Answers, in order, the waiting produce requests the high watermark now covers (DelayedProduce completing).
  #answerCovered(broker: number): void {
    const b = this.brokers[broker];
    while (b.pending.length > 0) {
      const head = b.pending[0];
      let done = true;
      for (let i = 0; i < head.groups.length && done; i++) {
        const g = this.groups[head.groups[i]];
        if (g.leader === broker && g.hw < head.targets[i]) done = false;
      }
      if (!done) break;
      b.pending.shift();
      for (let i = 0; i < head.groups.length; i++) {
        const g = this.groups[head.groups[i]];
        g.ackedEnd = Math.max(g.ackedEnd, head.targets[i]);
      }
      this.#producers.complete(head.request, broker, ProduceError.none);
    }
  }

  readForFetch(session: number, broker: number): void {
    const b = this.brokers[broker];
    const consumers = this.#consumers;
    if (!b.up) return consumers.respond(session);
    const { groups, from, to } = consumers.sessionRead(session);
    // A shared session (coarse fidelity) reads for each consumer it serves, as their own fetches would.
    const members = consumers.sessionMembers(session);
    let missBytes = 0;
    let hitBytes = 0;
    for (let i = 0; i < groups.length; i++) {
      const bytes = ((to[i] - from[i]) / consumers.sessionReaders(session, i)) * members;
      if (bytes <= 0) continue;
      const g = this.groups[groups[i]];
      const ri = g.replicaIndex(broker);
      if (ri >= 0 && b.cache.holds(this.cacheClocks[g.id][ri].clockAt(from[i]))) hitBytes += bytes;
      else missBytes += bytes;
    }
    b.cache.hitBytes += hitBytes;
    b.cache.missBytes += missBytes;
    if (missBytes < 1) return consumers.respond(session);
    // A cold read goes through the page cache: it evicts the tail other readers need (KAFKA-7504's interference).
    b.cache.insert(missBytes);
    b.volume.read(Math.ceil(missBytes), this.actor, Kind.diskReadDone, session);
  }

  /** Crashes a broker: its connections drop and the controller notices after broker.session.timeout.ms. */
  crashBroker(broker: number, volumeLost: boolean): void {
    this.controller.crashBroker(broker, volumeLost);
  }

  /** Brings a crashed broker back (a replacement when its volume was lost): it rejoins as a follower and catches up. */
  restartBroker(broker: number): void {
    this.controller.restartBroker(broker);
  }

  /** Moves a group's replica from one broker to another: the new replica copies the whole log, then the old leaves. */
  reassign(groupId: number, fromBroker: number, toBroker: number): void {
    this.controller.reassign(groupId, fromBroker, toBroker);
  }

  /** Called by the fetchers when a reassigned replica joined the ISR: the old replica leaves the group. */
  completeReassignment(groupId: number): void {
    this.controller.completeReassignment(groupId);
  }

  /** Where an empty replica starts copying from: the log start (tiered storage overrides with the local log start). */
  replicaStartOffset(group: PartitionGroup): number {
    return group.logStart;
  }

  /**
   * Starts the run with `bytesPerPartition` already retained in every partition, as if produced evenly over the
   * `spanMicros` before time 0 and long gone from the page cache (every replica in sync). Consumers should then be
   * positioned with Consumers.seek; replay scenarios leave them at the start.
   */
  preload(bytesPerPartition: number, spanMicros: number): void {
    const now = this.world.engine.nowMicros;
    for (const g of this.groups) {
      const start = g.leo;
      const leo = start + bytesPerPartition * g.partitions;
      // Index the history in slices so time-based lookups (retention, local retention, replays to a time) resolve.
      for (let i = 1; i <= PRELOAD_INDEX_SLICES; i++) {
        g.index.append(start + ((leo - start) * i) / PRELOAD_INDEX_SLICES, now - spanMicros + (spanMicros * (i - 1)) / PRELOAD_INDEX_SLICES, now - spanMicros + (spanMicros * i) / PRELOAD_INDEX_SLICES);
      }
      g.leo = leo;
      g.hw = leo;
      g.ackedEnd = leo;
      for (let i = 0; i < g.replicas.length; i++) {
        g.replicaLeo[i] = leo;
        g.reportedLeo[i] = leo;
        g.knownHw[i] = leo;
        // Entered the cache "long ago": far enough back that it can never count as cached.
        this.cacheClocks[g.id][i].append(leo, -Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER);
      }
      this.onPreloaded(g);
    }
  }

  /** Hook for subclasses: a group received preloaded data. */
  protected onPreloaded(_group: PartitionGroup): void {}

  /** Bytes of log data each broker holds on its volume. */
  storedBytesByBroker(): number[] {
    const out = this.brokers.map(() => 0);
    for (const g of this.groups) {
      for (let i = 0; i < g.replicas.length; i++) out[g.replicas[i]] += Math.max(0, g.replicaLeo[i] - this.localLogStart(g));
    }
    return out;
  }

  /** First offset still on local disks (tiered storage deletes below it once uploaded). */
  localLogStart(group: PartitionGroup): number {
    return group.logStart;
  }

  report(): Record<string, number> {
    const stored = this.storedBytesByBroker();
    let hit = 0;
    let miss = 0;
    for (const b of this.brokers) {
      hit += b.cache.hitBytes;
      miss += b.cache.missBytes;
    }
    let utilisation = 0;
    let utilisationMax = 0;
    for (const b of this.brokers) {
      const u = b.volume.stats().utilisation;
      utilisation += u / this.brokers.length;
      utilisationMax = Math.max(utilisationMax, u);
    }
    return {
      volumeStoredBytes: stored.reduce((x, y) => x + y, 0),
      pageCacheHitRatio: hit + miss === 0 ? 1 : hit / (hit + miss),
      diskReadBytes: miss,
      volumeUtilisationMean: utilisation,
      volumeUtilisationMax: utilisationMax,
    };
  }

  /** Re-derives who leads what and invalidates routes; called after elections and reassignments. */
  refreshLeadership(): void {
    this.#recomputeLeadership();
  }

  #recomputeLeadership(): void {
    for (const b of this.brokers) b.led = [];
    for (const g of this.groups) if (g.leader >= 0) this.brokers[g.leader].led.push(g.id);
    this.routesVersion++;
    this.#produceRoutes = undefined;
    this.#fetchRoutes.clear();
    if (this.#producers) this.fetchers.rebuild();
  }

  // The leader drops followers that have not caught up within replica.lag.time.max.ms; checked every half of it.
  #isrCheck(broker: number): void {
    this.fetchers.expireLaggards(broker);
    this.world.engine.send(this.actor, Kind.isrCheck, this.config.replicaLagTimeMaxMicros / 2, broker);
  }
}

// Diskless Kafka (WarpStream agents, KIP-1150 / Aiven Inkless): leaderless, stateless agents in every zone take
// produce requests from clients in their zone, buffer them across partitions for batchTimeout or batchBytesMax,
// PUT one multi-partition object to object storage, commit its metadata to the control plane (which assigns the
// offsets), and only then acknowledge every request in it. Reads map offsets to object chunks through per-zone
// caches; compaction rewrites small objects into larger ones. Nothing is replicated between agents.

import type { Actor } from "../engine.ts";
import { createSampler, type Sampler } from "../distribution.ts";
import { InputError, assert, requirePositive } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import { ObjectStore } from "../storage/objectStore.ts";
import { S3_EXPRESS_DEFAULTS, S3_STANDARD_DEFAULTS } from "../storage/defaults.ts";
import type { Consumers } from "./consumers.ts";
import { DisklessCompactor } from "./disklessCompactor.ts";
import { checkDisklessConfig, type DisklessConfig } from "./disklessConfig.ts";
import { DisklessEvent } from "./disklessEvents.ts";
import { DisklessObjectIndex, ObjectLevel } from "./disklessObjectIndex.ts";
import { DisklessReads, objectPrefix } from "./disklessReads.ts";
import { disklessGroups, disklessRoutes } from "./disklessRoutes.ts";
import { DisklessStats, type DisklessBatch } from "./disklessStats.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import type { Producers } from "./producers.ts";
import { ArchEvent, ProduceError, type Architecture, type FetchRoute, type ProduceRoute, type World } from "./world.ts";

const Stage = { buffering: 0, putting: 1, committing: 2, done: 3, abandoned: 4 } as const;

/** One agent: a zone-local, stateless broker. */
export interface DisklessAgent {
  index: number;
  zone: number;
  host: number;
  up: boolean;
  /** The batch being filled, if any. */
  open: DisklessBatch | undefined;
  /** Sequence of the last batch opened, to match its timer. */
  seq: number;
}

/** The diskless architecture: agents, object stores, control plane, reads and compaction. */
export class DisklessArchitecture implements Architecture, Actor {
  readonly actor: number;
  readonly groups: PartitionGroup[];
  readonly agents: DisklessAgent[] = [];
  readonly index = new DisklessObjectIndex();
  /** Store 0 is the regional S3 Standard bucket; stores 1.. are S3 Express buckets when ingestion uses them. */
  readonly stores: ObjectStore[] = [];
  readonly storeZones: number[] = [];
  readonly reads: DisklessReads;
  readonly compactor: DisklessCompactor;
  readonly stats = new DisklessStats();
  routesVersion = 0;
  readonly #shares: Float64Array;
  readonly #ingestStores: number[];
  readonly #quorum: number;
  readonly #batches = new Map<number, DisklessBatch>();
  readonly #commitLatency: Sampler;
  #latencyFactor = 1;
  #nextCompactor = 0;
  #producers!: Producers;
  #consumers!: Consumers;
  readonly #produceRoutes = new Map<number, ProduceRoute[]>();
  readonly #fetchRoutes = new Map<number, FetchRoute[]>();

  constructor(readonly world: World, readonly config: DisklessConfig, instanceMemoryBytes: number, readonly name = "diskless") {
    checkDisklessConfig(config, name);
    const { engine, network, rng } = world;
    this.actor = engine.register(name, this);
    for (const slot of world.brokers) {
      this.agents.push({ index: slot.index, zone: slot.zone, host: world.brokerHosts[slot.index], up: true, open: undefined, seq: 0 });
    }
    const layout = disklessGroups(world, config.zoneAwareClients);
    this.groups = layout.groups;
    this.#shares = layout.shares;
    this.stores.push(new ObjectStore(engine, network, `${name}.s3`, rng.fork(`${name}.s3`), { ...S3_STANDARD_DEFAULTS, ...config.standardStore }));
    this.storeZones.push(-1);
    if (config.ingestStorage === "express") {
      const buckets = config.expressBuckets === 0 ? world.zones : config.expressBuckets;
      if (config.expressQuorum > buckets) {
        throw new InputError(`${name}.expressQuorum`, config.expressQuorum, `at most the ${buckets} S3 Express buckets`);
      }
      for (let b = 0; b < buckets; b++) {
        const zone = b % world.zones;
        const label = `${name}.s3x-${b}`;
        this.stores.push(new ObjectStore(engine, network, label, rng.fork(label), { ...S3_EXPRESS_DEFAULTS, ...config.expressStore, zone }));
        this.storeZones.push(zone);
      }
      this.#ingestStores = this.stores.map((_, s) => s).slice(1);
      this.#quorum = config.expressQuorum;
    } else {
      this.#ingestStores = [0];
      this.#quorum = 1;
    }
    this.#commitLatency = createSampler(config.commitLatencyMicros, rng.fork(`${name}.controlPlane`), `${name}.commitLatencyMicros`);
    const cacheByZone = new Array<number>(world.zones).fill(0);
    for (const a of this.agents) cacheByZone[a.zone] += Math.floor(instanceMemoryBytes * config.agentCacheMemoryRatio);
    this.reads = new DisklessReads(engine, this.actor, this.index, this.stores, this.storeZones, this.#shares, layout.sliceStarts, config.chunkBytes, cacheByZone);
    this.compactor = new DisklessCompactor(engine, this.actor, this.index, this.stores, this.storeZones, {
      pickAgent: () => this.#pickAgent(),
      agentHost: (agent) => this.agents[agent].host,
      agentZone: (agent) => this.agents[agent].zone,
      commitDelayMicros: () => this.#commitDelayMicros(),
      deleteObject: (id) => this.#deleteObject(id),
    }, config.compactionFilesMin, config.compactionDelayMicros, config.compactionCheckMicros, config.compactionReadConcurrency);
  }

  /** Binds the clients; called by the run builder before start(). */
  bindClients(producers: Producers, consumers: Consumers): void {
    this.#producers = producers;
    this.#consumers = consumers;
    this.reads.bind(consumers);
  }

  start(): void {
    if (this.config.compaction) this.compactor.start();
    this.world.engine.send(this.actor, DisklessEvent.retentionCheck, this.config.retentionCheckMicros);
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case ArchEvent.produceArrived: return this.onProduce(a, b);
      case ArchEvent.produceLost: return this.#producers.fail(a, ProduceError.notLeader);
      case DisklessEvent.batchTimer: return this.#batchTimer(a, b);
      case DisklessEvent.putDone: return this.#putDone(a, b);
      case DisklessEvent.putFailed: return this.#putFailed(a);
      case DisklessEvent.commitDone: return this.#commitDone(a);
      case DisklessEvent.getDone: return this.reads.onGetDone(a, b);
      case DisklessEvent.getFailed: return this.reads.onGetFailed(a, b);
      case DisklessEvent.retentionCheck: return this.#retentionCheck();
      default: return this.compactor.receive(kind, a, b);
    }
  }

  isServing(broker: number): boolean {
    return this.agents[broker].up;
  }

  produceRoutes(zone: number): readonly ProduceRoute[] {
    let routes = this.#produceRoutes.get(zone);
    if (routes === undefined) {
      routes = disklessRoutes(this.agents, zone, this.config.zoneAwareClients).map((broker, _, all) => ({ broker, share: 1 / all.length }));
      this.#produceRoutes.set(zone, routes);
    }
    return routes;
  }

  fetchRoutes(zone: number): readonly FetchRoute[] {
    let routes = this.#fetchRoutes.get(zone);
    if (routes === undefined) {
      // Groups are spread over the serving agents so the zone's fetch load is shared, as WarpStream's per-zone
      // consistent-hash ring and Inkless's deterministic partition-to-broker mapping do.
      const agents = disklessRoutes(this.agents, zone, this.config.zoneAwareClients);
      const byAgent = new Map<number, number[]>();
      if (agents.length > 0) {
        for (const g of this.groups) {
          const agent = agents[g.id % agents.length];
          byAgent.set(agent, [...(byAgent.get(agent) ?? []), g.id]);
        }
      }
      routes = [...byAgent.entries()].sort((x, y) => x[0] - y[0]).map(([broker, groups]) => ({ broker, groups }));
      this.#fetchRoutes.set(zone, routes);
    }
    return routes;
  }

  visibleEnd(group: PartitionGroup): number {
    // Data is visible everywhere once the control plane has committed it; there is no per-agent replica state.
    return group.hw;
  }

  onProduce(request: number, broker: number): void {
    const agent = this.agents[broker];
    if (!agent.up) return;
    const bytes = this.#producers.requestBytes(request);
    if (agent.open !== undefined && agent.open.bytes + bytes > this.config.batchBytesMax) this.#flush(agent, true);
    if (agent.open === undefined) {
      const now = this.world.engine.nowMicros;
      agent.open = { object: -1, agent: broker, seq: ++agent.seq, requests: [], bytes: 0, fromMicros: Number.POSITIVE_INFINITY, toMicros: 0,
        openedMicros: now, stage: Stage.buffering, putsIssued: 0, putsDone: 0, putsOk: 0, unanswered: false };
      this.world.engine.send(this.actor, DisklessEvent.batchTimer, this.config.batchTimeoutMicros, broker, agent.seq);
    }
    const batch = agent.open;
    batch.requests.push(request);
    batch.bytes += bytes;
    batch.fromMicros = Math.min(batch.fromMicros, this.#producers.requestFromMicros(request));
    batch.toMicros = Math.max(batch.toMicros, this.#producers.requestToMicros(request));
    if (batch.bytes >= this.config.batchBytesMax) this.#flush(agent, true);
  }

  readForFetch(session: number, broker: number): void {
    const agent = this.agents[broker];
    if (!agent.up) return this.#consumers.respond(session);
    this.reads.read(session, agent.zone, agent.host);
  }

  /** Kills an agent: requests it holds and has not acknowledged fail (clients retry on another agent); no data moves. */
  crashBroker(broker: number): void {
    const agent = this.#agent(broker, "crashBroker.broker");
    if (!agent.up) return;
    agent.up = false;
    this.world.network.setHostDown(agent.host, true);
    const producers = this.#producers;
    let unacked = 0;
    if (agent.open !== undefined) {
      for (const r of agent.open.requests) producers.fail(r, ProduceError.notLeader);
      unacked += agent.open.bytes;
      agent.open = undefined;
    }
    for (const batch of this.#batches.values()) {
      if (batch.agent !== broker || batch.unanswered) continue;
      if (batch.stage === Stage.putting) {
        this.#abandon(batch, ProduceError.notLeader, true);
        unacked += batch.bytes;
      } else if (batch.stage === Stage.committing) {
        // The commit already left for the control plane and will land; the client never hears of it and retries.
        for (const r of batch.requests) producers.fail(r, ProduceError.notLeader);
        batch.unanswered = true;
      }
    }
    this.stats.unackedBytesFailed += unacked;
    this.world.timeline.push({ atMicros: this.world.engine.nowMicros, what: "agent crashed", broker, bytes: unacked });
    this.#routesChanged();
  }

  /** Brings a crashed agent back: it starts empty (no state to recover) and takes clients again. */
  restartBroker(broker: number): void {
    const agent = this.#agent(broker, "restartBroker.broker");
    if (agent.up) return;
    agent.up = true;
    this.world.network.setHostDown(agent.host, false);
    this.world.timeline.push({ atMicros: this.world.engine.nowMicros, what: "agent restarted", broker });
    this.#routesChanged();
  }

  /** Multiplies every later control-plane commit latency by factor (1 = nominal), e.g. a degraded metadata store. */
  setControlPlaneLatencyFactor(factor: number): void {
    this.#latencyFactor = requirePositive("controlPlaneLatencyFactor", factor);
    this.world.timeline.push({ atMicros: this.world.engine.nowMicros, what: `control-plane latency x${factor}` });
  }

  report(): Record<string, number> {
    return this.stats.report(this.stores, this.reads, this.compactor, this.index);
  }

  #agent(broker: number, field: string): DisklessAgent {
    if (!Number.isSafeInteger(broker) || broker < 0 || broker >= this.agents.length) {
      throw new InputError(field, broker, `an agent index from 0 to ${this.agents.length - 1}`);
    }
    return this.agents[broker];
  }

  #batchTimer(broker: number, seq: number): void {
    const agent = this.agents[broker];
    if (agent.up && agent.open !== undefined && agent.open.seq === seq) this.#flush(agent, false);
  }

  // Closes the open batch and uploads it as one object to every ingestion store.
  #flush(agent: DisklessAgent, bySize: boolean): void {
    const batch = agent.open as DisklessBatch;
    agent.open = undefined;
    const bytes = Math.ceil(batch.bytes);
    const id = this.index.createObject(bytes, ObjectLevel.l0, batch.toMicros);
    batch.object = id;
    batch.stage = Stage.putting;
    batch.putsIssued = this.#ingestStores.length;
    this.#batches.set(id, batch);
    this.stats.batchClosed(bytes, this.world.engine.nowMicros - batch.openedMicros, bySize);
    for (const s of this.#ingestStores) {
      this.stores[s].put(agent.host, bytes, objectPrefix(id), FlowClass.s3Put, this.actor, DisklessEvent.putDone, id, s, undefined, DisklessEvent.putFailed);
    }
  }

  #putDone(id: number, store: number): void {
    this.stats.ingestPutDone(this.index.bytesOf(id));
    // A copy landing for an object already abandoned or compacted away is an orphan: delete it at once.
    if (this.index.isDeleted(id)) this.#deleteCopies(id, 1 << store);
    else this.index.addCopy(id, store);
    const batch = this.#batches.get(id);
    if (batch === undefined) return;
    batch.putsDone++;
    batch.putsOk++;
    if (batch.stage === Stage.putting && batch.putsOk >= this.#quorum) {
      batch.stage = Stage.committing;
      this.world.engine.send(this.actor, DisklessEvent.commitDone, this.#commitDelayMicros(), id);
    }
    this.#retire(batch);
  }

  #putFailed(id: number): void {
    const batch = this.#batches.get(id);
    if (batch === undefined) return;
    batch.putsDone++;
    this.stats.ingestPutFailures++;
    const reachable = batch.putsOk + batch.putsIssued - batch.putsDone;
    if (batch.stage === Stage.putting && reachable < this.#quorum) this.#abandon(batch, ProduceError.storage, false);
    this.#retire(batch);
  }

  // The control plane sequenced the object: every group's log grows by its slice, and the batch is acknowledged.
  #commitDone(id: number): void {
    const batch = this.#batches.get(id);
    assert(batch !== undefined && batch.stage === Stage.committing, `${this.name}: commit of object ${id} that is not committing`);
    const now = this.world.engine.nowMicros;
    const end = this.index.commit(id, now);
    for (const g of this.groups) {
      g.leo = end * this.#shares[g.id];
      g.hw = g.leo;
      g.index.append(g.leo, batch.fromMicros, batch.toMicros);
    }
    if (batch.unanswered) {
      this.stats.unansweredCommittedBytes += this.index.bytesOf(id);
    } else {
      for (const g of this.groups) g.ackedEnd = g.hw;
      for (const r of batch.requests) this.#producers.complete(r, batch.agent, ProduceError.none);
    }
    this.stats.objectCommitted(this.index.bytesOf(id), Math.ceil(this.index.bytesOf(id) / this.config.chunkBytes));
    batch.stage = Stage.done;
    this.#retire(batch);
    for (const agent of this.agents) if (agent.up) this.#consumers.wake(agent.index);
  }

  #abandon(batch: DisklessBatch, error: number, connectionDropped: boolean): void {
    for (const r of batch.requests) {
      if (connectionDropped || !this.agents[batch.agent].up) this.#producers.fail(r, error);
      else this.#producers.complete(r, batch.agent, error);
    }
    batch.stage = Stage.abandoned;
    batch.unanswered = true;
    this.stats.abandonedBatches++;
    this.#deleteObject(batch.object);
  }

  #retire(batch: DisklessBatch): void {
    if ((batch.stage === Stage.done || batch.stage === Stage.abandoned) && batch.putsDone === batch.putsIssued) this.#batches.delete(batch.object);
  }

  #deleteObject(id: number): void {
    this.#deleteCopies(id, this.index.markDeleted(id));
  }

  #deleteCopies(id: number, mask: number): void {
    const bytes = this.index.bytesOf(id);
    for (let s = 0; s < this.stores.length; s++) {
      if ((mask & (1 << s)) === 0) continue;
      this.stores[s].delete(bytes, objectPrefix(id));
      this.stats.objectCopiesDeleted++;
    }
  }

  #commitDelayMicros(): number {
    return Math.max(0, Math.round(this.#commitLatency() * this.#latencyFactor));
  }

  #pickAgent(): number {
    for (let i = 0; i < this.agents.length; i++) {
      const agent = this.agents[(this.#nextCompactor + i) % this.agents.length];
      if (agent.up) {
        this.#nextCompactor = agent.index + 1;
        return agent.index;
      }
    }
    return -1;
  }

  // Retention deletes whole objects, oldest first, once their newest record is older than retentionMicros.
  #retentionCheck(): void {
    const index = this.index;
    const cutoff = this.world.engine.nowMicros - this.config.retentionMicros;
    while (index.head < index.size) {
      const p = index.head;
      const id = index.idAt(p);
      if (index.newestMicrosOf(id) >= cutoff || (p >= index.l0From && this.compactor.active)) break;
      index.dropHead();
      this.#deleteObject(id);
      this.stats.retentionDeletedObjects++;
    }
    const start = index.startBytes;
    for (const g of this.groups) {
      const logStart = start * this.#shares[g.id];
      if (logStart > g.logStart) {
        g.logStart = logStart;
        g.index.trimBefore(logStart);
      }
    }
    this.world.engine.send(this.actor, DisklessEvent.retentionCheck, this.config.retentionCheckMicros);
  }

  #routesChanged(): void {
    this.routesVersion++;
    this.#produceRoutes.clear();
    this.#fetchRoutes.clear();
  }
}

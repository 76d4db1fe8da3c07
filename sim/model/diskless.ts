// Diskless Kafka (WarpStream agents, KIP-1150 / Aiven Inkless): leaderless, stateless agents in every zone take
// produce requests from clients in their zone, buffer them across partitions for batchTimeout or batchBytesMax,
// PUT one multi-partition object to object storage, commit its metadata to the control plane (which assigns the
// offsets), and only then acknowledge every request in it (disklessIngest.ts). Reads map offsets to object chunks
// through per-zone caches (disklessReads.ts); compaction rewrites small objects into larger ones
// (disklessCompactor.ts). Nothing is replicated between agents, so losing one moves no data.

import type { Actor } from "../engine.ts";
import { createSampler, type Sampler } from "../distribution.ts";
import { InputError, requirePositive } from "../errors.ts";
import { ObjectStore } from "../storage/objectStore.ts";
import { S3_EXPRESS_DEFAULTS, S3_STANDARD_DEFAULTS } from "../storage/defaults.ts";
import type { Consumers } from "./consumers.ts";
import { DisklessCompactor } from "./disklessCompactor.ts";
import { checkDisklessConfig, type DisklessConfig } from "./disklessConfig.ts";
import { DisklessEvent } from "./disklessEvents.ts";
import { DisklessIngest, type DisklessAgent, type IngestSite } from "./disklessIngest.ts";
import { DisklessObjectIndex } from "./disklessObjectIndex.ts";
import { DisklessReads, objectPrefix } from "./disklessReads.ts";
import { disklessGroups, disklessRoutes } from "./disklessRoutes.ts";
import { DisklessStats } from "./disklessStats.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import type { Producers } from "./producers.ts";
import { ArchEvent, ProduceError, type Architecture, type FetchRoute, type ProduceRoute, type World } from "./world.ts";

/** The diskless architecture: agents, object stores, control plane, reads and compaction. */
export class DisklessArchitecture implements Architecture, Actor, IngestSite {
  readonly actor: number;
  readonly groups: PartitionGroup[];
  readonly agents: DisklessAgent[] = [];
  readonly index = new DisklessObjectIndex();
  /** Store 0 is the regional S3 Standard bucket; stores 1.. are S3 Express buckets when ingestion uses them. */
  readonly stores: ObjectStore[] = [];
  /** Zone of each store (-1 for the regional bucket). */
  readonly storeZones: number[] = [];
  /** Per group: its share of every object. */
  readonly shares: Float64Array;
  readonly ingest: DisklessIngest;
  readonly reads: DisklessReads;
  readonly compactor: DisklessCompactor;
  readonly stats = new DisklessStats();
  readonly engine: World["engine"];
  routesVersion = 0;
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
    this.engine = engine;
    this.actor = engine.register(name, this);
    for (const slot of world.brokers) {
      this.agents.push({ index: slot.index, zone: slot.zone, host: world.brokerHosts[slot.index], up: true, open: undefined, seq: 0 });
    }
    const layout = disklessGroups(world, config.zoneAwareClients);
    this.groups = layout.groups;
    this.shares = layout.shares;
    this.stores.push(new ObjectStore(engine, network, `${name}.s3`, rng.fork(`${name}.s3`), { ...S3_STANDARD_DEFAULTS, ...config.standardStore }));
    this.storeZones.push(-1);
    let ingestStores = [0];
    let quorum = 1;
    if (config.ingestStorage === "express") {
      const buckets = config.expressBuckets === 0 ? world.zones : config.expressBuckets;
      if (config.expressQuorum > buckets) {
        throw new InputError(`${name}.expressQuorum`, config.expressQuorum, `at most the ${buckets} S3 Express buckets`);
      }
      ingestStores = [];
      for (let b = 0; b < buckets; b++) {
        const zone = b % world.zones;
        const label = `${name}.s3x-${b}`;
        ingestStores.push(this.stores.length);
        this.stores.push(new ObjectStore(engine, network, label, rng.fork(label), { ...S3_EXPRESS_DEFAULTS, ...config.expressStore, zone }));
        this.storeZones.push(zone);
      }
      quorum = config.expressQuorum;
    }
    this.#commitLatency = createSampler(config.commitLatencyMicros, rng.fork(`${name}.controlPlane`), `${name}.commitLatencyMicros`);
    this.ingest = new DisklessIngest(this, ingestStores, quorum);
    const cacheByZone = new Array<number>(world.zones).fill(0);
    for (const a of this.agents) cacheByZone[a.zone] += Math.floor(instanceMemoryBytes * config.agentCacheMemoryRatio);
    this.reads = new DisklessReads(engine, this.actor, this.index, this.stores, this.storeZones, this.shares, layout.sliceStarts, config.chunkBytes, cacheByZone,
      (zone, objectId, readerHost) => this.#loaderHost(zone, objectId, readerHost));
    this.compactor = new DisklessCompactor(engine, this.actor, this.index, this.stores, this.storeZones, {
      pickAgent: () => this.#pickAgent(),
      agentHost: (agent) => this.agents[agent].host,
      agentZone: (agent) => this.agents[agent].zone,
      liveAgents: () => this.agents.reduce((n, a) => n + (a.up ? 1 : 0), 0),
      commitDelayMicros: () => this.commitDelayMicros(),
      deleteObject: (id) => this.deleteObject(id),
    }, {
      filesMin: config.compactionFilesMin,
      delayMicros: config.compactionDelayMicros,
      checkMicros: config.compactionCheckMicros,
      readConcurrency: config.compactionReadConcurrency,
      jobsPerAgent: config.compactionJobsPerAgent,
    });
  }

  /** Binds the clients; called by the run builder before start(). */
  bindClients(producers: Producers, consumers: Consumers): void {
    this.#producers = producers;
    this.#consumers = consumers;
    this.ingest.bind(producers, consumers);
    this.reads.bind(consumers);
  }

  start(): void {
    if (this.config.compaction) this.compactor.start();
    this.engine.send(this.actor, DisklessEvent.retentionCheck, this.config.retentionCheckMicros);
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case ArchEvent.produceArrived: return this.ingest.onProduce(a, b);
      case ArchEvent.produceLost: return this.#producers.fail(a, ProduceError.notLeader);
      case DisklessEvent.batchTimer: return this.ingest.batchTimer(a, b);
      case DisklessEvent.putDone: return this.ingest.putDone(a, b);
      case DisklessEvent.putFailed: return this.ingest.putFailed(a);
      case DisklessEvent.commitDone: return this.ingest.commitDone(a);
      case DisklessEvent.getDone: return this.reads.onGetDone(a, b);
      case DisklessEvent.getFailed: return this.reads.onGetFailed(a, b);
      case DisklessEvent.retentionCheck: return this.#retentionCheck();
      default: return this.compactor.receive(kind, a, b);
    }
  }

  isServing(broker: number): boolean {
    return this.agents[broker].up;
  }

  // Leaderless agents: any agent of the route takes any partition.
  readonly produceToLeaders = false;

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
    this.ingest.onProduce(request, broker);
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
    const unacked = this.ingest.failAgent(broker);
    this.stats.unackedBytesFailed += unacked;
    this.world.timeline.push({ atMicros: this.engine.nowMicros, what: "agent crashed", broker, bytes: unacked });
    this.#routesChanged();
  }

  /** Brings a crashed agent back: it starts empty (no state to recover) and takes clients again. */
  restartBroker(broker: number): void {
    const agent = this.#agent(broker, "restartBroker.broker");
    if (agent.up) return;
    agent.up = true;
    this.world.network.setHostDown(agent.host, false);
    this.world.timeline.push({ atMicros: this.engine.nowMicros, what: "agent restarted", broker });
    this.#routesChanged();
  }

  /** Multiplies every later control-plane commit latency by factor (1 = nominal), e.g. a degraded metadata store. */
  setControlPlaneLatencyFactor(factor: number): void {
    this.#latencyFactor = requirePositive("controlPlaneLatencyFactor", factor);
    this.world.timeline.push({ atMicros: this.engine.nowMicros, what: `control-plane latency x${factor}` });
  }

  report(): Record<string, number> {
    return this.stats.report(this.stores, this.reads, this.compactor, this.index);
  }

  /** One control-plane commit's latency (sampled, times the latency factor), µs. */
  commitDelayMicros(): number {
    return Math.max(0, Math.round(this.#commitLatency() * this.#latencyFactor));
  }

  /** Marks an object deleted and deletes every stored copy of it. */
  deleteObject(id: number): void {
    this.deleteCopies(id, this.index.markDeleted(id));
  }

  /** Deletes the copies of an object held by the stores in mask. */
  deleteCopies(id: number, mask: number): void {
    const bytes = this.index.bytesOf(id);
    for (let s = 0; s < this.stores.length; s++) {
      if ((mask & (1 << s)) === 0) continue;
      this.stores[s].delete(bytes, objectPrefix(id));
      this.stats.objectCopiesDeleted++;
    }
  }

  #agent(broker: number, field: string): DisklessAgent {
    if (!Number.isSafeInteger(broker) || broker < 0 || broker >= this.agents.length) {
      throw new InputError(field, broker, `an agent index from 0 to ${this.agents.length - 1}`);
    }
    return this.agents[broker];
  }

  // The live agent of a zone responsible for an object: objects are dealt over the zone's agents by id, a stand-in
  // for WarpStream's consistent-hash ring that spreads the zone's GETs evenly over its agents.
  #loaderHost(zone: number, objectId: number, readerHost: number): number {
    let live = 0;
    for (const a of this.agents) if (a.up && a.zone === zone) live++;
    if (live === 0) return readerHost;
    let k = objectId % live;
    for (const a of this.agents) {
      if (!a.up || a.zone !== zone) continue;
      if (k-- === 0) return a.host;
    }
    return readerHost;
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
    const cutoff = this.engine.nowMicros - this.config.retentionMicros;
    while (index.head < index.size) {
      const p = index.head;
      const id = index.idAt(p);
      if (index.newestMicrosOf(id) >= cutoff || (p >= index.l0From && this.compactor.active)) break;
      index.dropHead();
      this.deleteObject(id);
      this.stats.retentionDeletedObjects++;
    }
    const start = index.startBytes;
    for (const g of this.groups) {
      const logStart = start * this.shares[g.id];
      if (logStart > g.logStart) {
        g.logStart = logStart;
        g.index.trimBefore(logStart);
      }
    }
    this.engine.send(this.actor, DisklessEvent.retentionCheck, this.config.retentionCheckMicros);
  }

  #routesChanged(): void {
    this.routesVersion++;
    this.#produceRoutes.clear();
    this.#fetchRoutes.clear();
  }
}

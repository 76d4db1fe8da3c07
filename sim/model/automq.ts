// AutoMQ (S3Stream): single-replica partitions whose durability comes from a write-ahead log (EBS, regional EBS or
// S3) and S3 objects. A produce is acknowledged once its WAL write is durable; data is uploaded to S3 as stream set
// objects later, tail reads hit the log cache, cold reads the block cache and S3. With the zone router, clients talk
// only to brokers in their own zone and data crosses zones through S3. This file holds the routes, the produce entry
// point and the bookkeeping shared by the parts (automqWal, automqUploader, automqRouter, automqReads, automqFailover).

import type { Actor } from "../engine.ts";
import { InputError } from "../errors.ts";
import { ObjectStore } from "../storage/objectStore.ts";
import { AckKind, createAutomqBroker, type AutomqBroker, type WalRecord } from "./automqBroker.ts";
import { resolveAutomqConfig, type AutomqConfig, type ResolvedAutomqConfig } from "./automqConfig.ts";
import { AutomqFailover } from "./automqFailover.ts";
import { AutomqReads, staleClock } from "./automqReads.ts";
import { AutomqRouter } from "./automqRouter.ts";
import { AutomqUploader, type Upload } from "./automqUploader.ts";
import { AutomqWal } from "./automqWal.ts";
import type { Consumers } from "./consumers.ts";
import type { CacheClockIndex } from "./pageCache.ts";
import { assignPartitions, type PartitionGroup } from "./partitionGroups.ts";
import type { Producers } from "./producers.ts";
import { ArchEvent, ProduceError, type Architecture, type FetchRoute, type ProduceRoute, type World } from "./world.ts";

// ASSUMPTION: AutoMQ names objects under hashed prefixes, so requests spread over many S3 prefixes; 16 stands for
// "enough that one prefix's 3,500 PUT/s never binds at the modelled rates".
const PREFIXES = 16;

/** How a request arriving at a proxy splits over the leaders it carries data for. */
interface Split {
  leaders: number[];
  fractions: number[];
}

/** The AutoMQ architecture. */
export class AutomqArchitecture implements Architecture, Actor {
  readonly actor: number;
  readonly config: ResolvedAutomqConfig;
  readonly groups: PartitionGroup[];
  readonly brokers: AutomqBroker[];
  readonly store: ObjectStore;
  /** Per group: log end covered by committed S3 objects, and by uploads started (group bytes). */
  readonly uploadedEnd: Float64Array;
  readonly uploadingEnd: Float64Array;
  /** Per group: log-cache clock of each offset on its leader. */
  readonly logClocks: CacheClockIndex[];
  readonly wal: AutomqWal;
  readonly uploader: AutomqUploader;
  readonly router: AutomqRouter;
  readonly reads: AutomqReads;
  readonly failover: AutomqFailover;
  routesVersion = 0;
  #producers!: Producers;
  #consumers!: Consumers;
  readonly #produceRoutes = new Map<number, ProduceRoute[]>();
  readonly #splits = new Map<number, Map<number, Split>>();
  readonly #fetchRoutes = new Map<number, FetchRoute[]>();
  #proxies: number[][] = [];
  #reqToken = new Float64Array(256);
  #reqParts = new Int32Array(256);
  #reqFailed = new Uint8Array(256);
  #reqBroker = new Int32Array(256);
  #tokenSeq = 0;
  #prefix = 0;

  constructor(readonly world: World, overrides: Partial<AutomqConfig> = {}, readonly name = "automq") {
    this.config = resolveAutomqConfig(overrides, name);
    this.actor = world.engine.register(name, this);
    const partitions = world.workload.topics * world.workload.partitionsPerTopic;
    // Partitions have a single replica: durability is the WAL's and S3's, not other brokers' (A3).
    this.groups = assignPartitions(world.brokers, partitions, 1);
    this.brokers = world.brokers.map((slot) => createAutomqBroker(world, slot, this.config));
    this.store = new ObjectStore(world.engine, world.network, `${name}.s3`, world.rng.fork(`${name}.s3`), this.config.objectStore);
    this.uploadedEnd = new Float64Array(this.groups.length);
    this.uploadingEnd = new Float64Array(this.groups.length);
    this.logClocks = this.groups.map((g) => staleClock(0, this.brokers[g.leader].logCache));
    for (const g of this.groups) this.brokers[g.leader].led.push(g.id);
    this.wal = new AutomqWal(this);
    this.uploader = new AutomqUploader(this);
    this.router = new AutomqRouter(this);
    this.reads = new AutomqReads(this);
    this.failover = new AutomqFailover(this);
    this.#rebuildProxies();
  }

  /** Binds the clients; called by the run builder before start(). */
  bindClients(producers: Producers, consumers: Consumers): void {
    this.#producers = producers;
    this.#consumers = consumers;
  }

  get consumers(): Consumers {
    return this.#consumers;
  }

  start(): void {
    this.uploader.start();
  }

  receive(kind: number, a: number, b: number): void {
    if (kind === ArchEvent.produceArrived) return this.onProduce(a, b);
    if (kind === ArchEvent.produceLost) return this.#producers.fail(a, ProduceError.notLeader);
    throw new Error(`${this.name}: unexpected event kind ${kind}`);
  }

  isServing(broker: number): boolean {
    return this.brokers[broker].up;
  }

  produceRoutes(zone: number): readonly ProduceRoute[] {
    const cached = this.#produceRoutes.get(zone);
    if (cached) return cached;
    let online = 0;
    for (const g of this.groups) if (g.leader >= 0) online += g.partitions;
    const splits = new Map<number, Split>();
    const weights = new Map<number, number>();
    for (const b of this.brokers) {
      let led = 0;
      for (const gi of b.led) if (this.groups[gi].leader === b.index) led += this.groups[gi].partitions;
      if (led === 0) continue;
      // With the router a client sends a partition led elsewhere to that leader's proxy in its own zone.
      const proxy = this.config.zoneRouter && b.zone !== zone ? this.proxyFor(b.index, zone) : b.index;
      const target = proxy < 0 ? b.index : proxy;
      weights.set(target, (weights.get(target) ?? 0) + led);
      const split = splits.get(target) ?? { leaders: [], fractions: [] };
      split.leaders.push(b.index);
      split.fractions.push(led);
      splits.set(target, split);
    }
    for (const [target, split] of splits) {
      const total = weights.get(target) as number;
      for (let i = 0; i < split.fractions.length; i++) split.fractions[i] /= total;
    }
    const routes = [...weights.entries()].sort((x, y) => x[0] - y[0]).map(([broker, w]) => ({ broker, share: w / online }));
    this.#produceRoutes.set(zone, routes);
    this.#splits.set(zone, splits);
    return routes;
  }

  fetchRoutes(zone: number): readonly FetchRoute[] {
    const cached = this.#fetchRoutes.get(zone);
    if (cached) return cached;
    const byBroker = new Map<number, number[]>();
    for (const g of this.groups) {
      if (g.leader < 0) continue;
      let server = g.leader;
      // Snapshot read: an in-zone broker serves partitions led in other zones from what it replayed.
      if (this.config.zoneRouter && this.brokers[g.leader].zone !== zone) {
        const proxy = this.proxyFor(g.leader, zone);
        if (proxy >= 0) server = proxy;
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
    return this.reads.visibleEnd(group, broker);
  }

  readForFetch(session: number, broker: number): void {
    this.reads.readForFetch(session, broker);
  }

  onProduce(request: number, brokerIndex: number): void {
    const b = this.brokers[brokerIndex];
    if (!b.up) return;
    const p = this.#producers;
    const bytes = p.requestBytes(request);
    const from = p.requestFromMicros(request);
    const to = p.requestToMicros(request);
    let split: Split | undefined;
    if (this.config.zoneRouter) {
      const zone = p.requestZone(request);
      this.produceRoutes(zone);
      split = this.#splits.get(zone)?.get(brokerIndex);
      if (!split) return p.complete(request, brokerIndex, ProduceError.notLeader);
    } else if (b.led.length === 0) return p.complete(request, brokerIndex, ProduceError.notLeader);
    const token = this.#track(request, brokerIndex, split ? split.leaders.length : 1);
    b.liveRequests.add(request);
    if (!split) return this.wal.append(b, bytes, from, to, AckKind.request, request, token);
    for (let i = 0; i < split.leaders.length; i++) {
      const leader = split.leaders[i];
      const partBytes = bytes * split.fractions[i];
      if (leader === brokerIndex && this.config.localWriteMode === "direct") this.wal.append(b, partBytes, from, to, AckKind.request, request, token);
      else this.router.enqueue(b, leader, partBytes, from, to, request, token);
    }
  }

  /** One part of a produce request finished; the request is answered when all have (an error if any failed). */
  partDone(request: number, token: number, ok: boolean): void {
    if (this.#reqToken[request] !== token) return;
    if (!ok) this.#reqFailed[request] = 1;
    if (--this.#reqParts[request] > 0) return;
    this.#reqToken[request] = -1;
    const broker = this.#reqBroker[request];
    this.brokers[broker].liveRequests.delete(request);
    this.#producers.complete(request, broker, this.#reqFailed[request] ? ProduceError.notLeader : ProduceError.none);
  }

  /** A WAL append's acknowledgement (see AckKind), from the broker whose WAL it was. */
  ackDone(kind: number, id: number, token: number, ok: boolean, broker: number): void {
    if (kind === AckKind.request) return this.partDone(id, token, ok);
    if (ok) this.router.slotDurable(id, token, this.brokers[broker]);
    else this.router.slotLost(id, token);
  }

  /** A WAL record of broker b became durable. */
  onDurable(b: AutomqBroker, rec: WalRecord): void {
    this.#consumers.wake(b.index);
    this.uploader.kick(b, false);
    if (this.config.zoneRouter && this.config.walKind === "s3") this.reads.offer(b, rec.groups, rec.targets, rec.bytes);
    this.failover.onDurable(b);
  }

  /** An upload from broker b's WAL was committed. */
  onUploaded(b: AutomqBroker, u: Upload): void {
    // With a block WAL, other zones can only read what is in S3: snapshot readers replay the new objects.
    if (this.config.zoneRouter && this.config.walKind !== "s3") this.reads.offer(b, u.groups, u.targets, u.bytes);
  }

  /** Fails every request a crashed broker had accepted (the clients see their connections drop). */
  failLiveRequests(b: AutomqBroker): void {
    for (const request of b.liveRequests) {
      this.#reqToken[request] = -1;
      this.#producers.fail(request, ProduceError.notLeader);
    }
    b.liveRequests.clear();
  }

  /** The broker in `zone` that proxies (and snapshot-reads) for leader, or -1 when the zone has none registered. */
  proxyFor(leader: number, zone: number): number {
    const list = this.#proxies[zone];
    return list && list.length > 0 ? list[leader % list.length] : -1;
  }

  /** Opens a group on broker `to`: it becomes the leader, with every durable byte already in S3. */
  moveGroup(groupId: number, to: AutomqBroker): void {
    const g = this.groups[groupId];
    for (const b of this.brokers) {
      const at = b.led.indexOf(groupId);
      if (at >= 0 && b !== to) b.led.splice(at, 1);
    }
    if (!to.led.includes(groupId)) to.led.push(groupId);
    if (g.leader !== to.index) this.logClocks[groupId] = staleClock(g.hw, to.logCache);
    g.leader = to.index;
    g.leo = g.hw;
    g.index.truncateTo(g.hw);
    this.uploadingEnd[groupId] = Math.max(this.uploadingEnd[groupId], this.uploadedEnd[groupId]);
    this.recomputeRoutes();
    this.#consumers.wake(to.index);
  }

  /** Invalidates routes after leadership or membership changed. */
  recomputeRoutes(): void {
    this.routesVersion++;
    this.#produceRoutes.clear();
    this.#splits.clear();
    this.#fetchRoutes.clear();
    this.#rebuildProxies();
    this.reads.resetSubscriptions();
  }

  /** Crashes a broker; volumeLost also loses a zonal EBS WAL volume. */
  crashBroker(broker: number, volumeLost: boolean): void {
    this.failover.crash(this.#broker("crashBroker.broker", broker), volumeLost);
  }

  /** Restarts a crashed broker. */
  restartBroker(broker: number): void {
    this.failover.restart(this.#broker("restartBroker.broker", broker));
  }

  /** Moves a partition group to toBroker without copying data: force-upload, commit, reopen. */
  reassign(groupId: number, toBroker: number): void {
    this.failover.reassign(groupId, toBroker);
  }

  /** A rotating S3 key prefix. */
  nextPrefix(): number {
    this.#prefix = (this.#prefix + 1) % PREFIXES;
    return this.#prefix;
  }

  /** Bytes durable in some WAL but not yet committed to S3 objects. */
  unuploadedBytes(): number {
    let bytes = 0;
    for (const g of this.groups) bytes += Math.max(0, g.hw - this.uploadedEnd[g.id]);
    return bytes;
  }

  report(): Record<string, number> {
    const s = this.store.stats();
    let walBytes = 0;
    let walWrites = 0;
    let logHit = 0;
    let logMiss = 0;
    let snapHit = 0;
    let snapMiss = 0;
    let blockHit = 0;
    let blockMiss = 0;
    for (const b of this.brokers) {
      walBytes += b.walBytesWritten;
      walWrites += b.walWrites;
      logHit += b.logCache.hitBytes;
      logMiss += b.logCache.missBytes;
      snapHit += b.snapshotCache.hitBytes;
      snapMiss += b.snapshotCache.missBytes;
      const block = b.blockCache.stats();
      blockHit += block.hitBytes;
      blockMiss += block.missBytes;
    }
    const ratio = (hit: number, miss: number): number => (hit + miss === 0 ? 1 : hit / (hit + miss));
    return {
      walBytesWritten: walBytes,
      walWrites,
      s3PutRequests: s.putRequests,
      s3GetRequests: s.getRequests,
      s3DeleteRequests: s.deleteRequests,
      s3BytesPut: s.bytesPut,
      s3BytesGot: s.bytesGot,
      s3StoredBytes: s.storedBytes,
      s3StoredByteMicros: s.storedByteMicros,
      logCacheHitRatio: ratio(logHit, logMiss),
      snapshotCacheHitRatio: ratio(snapHit, snapMiss),
      blockCacheHitRatio: ratio(blockHit, blockMiss),
      unuploadedBytes: this.unuploadedBytes(),
      uploads: this.uploader.uploads,
      uploadedBytes: this.uploader.uploadedBytes,
      compactions: this.uploader.compactions,
      compactedBytes: this.uploader.compactedBytes,
      routerChannelBytes: this.router.channelBytes,
      snapshotReplayedBytes: this.reads.replayedBytes,
    };
  }

  #broker(field: string, broker: number): AutomqBroker {
    const b = Number.isSafeInteger(broker) ? this.brokers[broker] : undefined;
    if (!b) throw new InputError(field, broker, `a broker index below ${this.brokers.length}`);
    return b;
  }

  #rebuildProxies(): void {
    this.#proxies = [];
    for (let z = 0; z < this.world.zones; z++) this.#proxies.push([]);
    for (const b of this.brokers) if (b.registered) this.#proxies[b.zone].push(b.index);
  }

  // Gives a request its arrival token and the number of parts it waits for.
  #track(request: number, broker: number, parts: number): number {
    if (request >= this.#reqToken.length) {
      const size = Math.max(request + 1, this.#reqToken.length * 2);
      const grow = <T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.#reqToken = grow(this.#reqToken, new Float64Array(size));
      this.#reqParts = grow(this.#reqParts, new Int32Array(size));
      this.#reqFailed = grow(this.#reqFailed, new Uint8Array(size));
      this.#reqBroker = grow(this.#reqBroker, new Int32Array(size));
    }
    const token = ++this.#tokenSeq;
    this.#reqToken[request] = token;
    this.#reqParts[request] = parts;
    this.#reqFailed[request] = 0;
    this.#reqBroker[request] = broker;
    return token;
  }
}

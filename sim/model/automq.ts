// AutoMQ (S3Stream): single-replica partitions whose durability comes from a write-ahead log (EBS, regional EBS or
// S3) and S3 objects. A produce is acknowledged once its WAL write is durable; data is uploaded to S3 as stream set
// objects later, tail reads hit the log cache, cold reads the block cache and S3. With the zone router, clients talk
// only to brokers in their own zone and data crosses zones through S3. This file holds the produce entry point and
// the bookkeeping the parts share: automqWal, automqUploader, automqRouter, automqReads, automqRoutes,
// automqRequests, automqFailover and automqReassign (see scenarios/models/automq.md).

import type { Actor } from "../engine.ts";
import { InputError } from "../errors.ts";
import { ObjectStore } from "../storage/objectStore.ts";
import { AckKind, createAutomqBroker, type AutomqBroker, type WalRecord } from "./automqBroker.ts";
import { resolveAutomqConfig, type AutomqConfig, type ResolvedAutomqConfig } from "./automqConfig.ts";
import { AutomqFailover } from "./automqFailover.ts";
import { AutomqReads } from "./automqReads.ts";
import { AutomqReassign } from "./automqReassign.ts";
import { AutomqRequests } from "./automqRequests.ts";
import { AutomqRouter } from "./automqRouter.ts";
import { AutomqRoutes } from "./automqRoutes.ts";
import { staleClock } from "./automqSnapshotReplay.ts";
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
  readonly reassignments: AutomqReassign;
  readonly routes: AutomqRoutes;
  readonly requests: AutomqRequests;
  routesVersion = 0;
  #producers!: Producers;
  #consumers!: Consumers;
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
    this.reassignments = new AutomqReassign(this);
    this.routes = new AutomqRoutes(this);
    this.requests = new AutomqRequests(this.brokers.length, () => this.#producers);
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
    // Snapshot-read subscriptions exist from the start: readers poll their leaders whether or not data flows.
    this.reads.resetSubscriptions();
  }

  receive(kind: number, a: number, b: number): void {
    if (kind === ArchEvent.produceArrived) return this.onProduce(a, b);
    if (kind === ArchEvent.produceLost) return this.#producers.fail(a, ProduceError.notLeader);
    throw new Error(`${this.name}: unexpected event kind ${kind}`);
  }

  isServing(broker: number): boolean {
    return this.brokers[broker].up;
  }

  /** Without the zone router producers write to leaders; with it, to a proxy in their zone for other zones' leaders. */
  get produceToLeaders(): boolean {
    return !this.config.zoneRouter;
  }

  produceRoutes(zone: number): readonly ProduceRoute[] {
    return this.routes.produceRoutes(zone);
  }

  fetchRoutes(zone: number): readonly FetchRoute[] {
    return this.routes.fetchRoutes(zone);
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
    const split = this.config.zoneRouter ? this.routes.split(p.requestZone(request), brokerIndex) : undefined;
    if (this.config.zoneRouter ? !split : b.led.length === 0) return p.complete(request, brokerIndex, ProduceError.notLeader);
    const token = this.requests.track(request, brokerIndex, split ? split.leaders.length : 1);
    if (!split) return this.wal.append(b, bytes, from, to, AckKind.request, request, token);
    for (let i = 0; i < split.leaders.length; i++) {
      const leader = split.leaders[i];
      const partBytes = bytes * split.fractions[i];
      if (leader === brokerIndex && this.config.localWriteMode === "direct") this.wal.append(b, partBytes, from, to, AckKind.request, request, token);
      else this.router.enqueue(b, leader, partBytes, from, to, request, token);
    }
  }

  /** One part of a produce request finished (see AutomqRequests). */
  partDone(request: number, token: number, ok: boolean): void {
    this.requests.partDone(request, token, ok);
  }

  /** A WAL append's acknowledgement (see AckKind), from the broker whose WAL it was. */
  ackDone(kind: number, id: number, token: number, ok: boolean, broker: number): void {
    if (kind === AckKind.request) return this.partDone(id, token, ok);
    if (ok) this.router.slotDurable(id, token, this.brokers[broker]);
    else this.router.slotLost(id, token);
  }

  /** A WAL record of broker b became durable. */
  onDurable(b: AutomqBroker, rec: WalRecord): void {
    this.#consumers.wakeGroups(b.index, rec.groups);
    this.uploader.kick(b, false);
    if (this.config.zoneRouter) {
      // Every append moves the high watermark of the partitions its producer batches went to: subscribers' patches.
      this.reads.snapshots.appended(b, this.reads.polls.batchesIn(rec.bytes));
      if (this.config.walKind === "s3") this.reads.offer(b, rec.groups, rec.targets, rec.bytes, false, rec.objectBytes, rec.linkedBytes);
    }
    this.reassignments.onDurable(b);
  }

  /** An upload from broker b's WAL was committed. */
  onUploaded(b: AutomqBroker, u: Upload): void {
    if (!this.config.zoneRouter) return;
    // Channel objects whose data this upload covered are no longer linked from b's WAL.
    this.router.uploaded(b);
    // With a block WAL, other zones can only read what is in S3: snapshot readers replay the new objects.
    if (this.config.walKind !== "s3") this.reads.offer(b, u.groups, u.targets, u.bytes, true);
  }

  /** The broker in `zone` that proxies (and snapshot-reads) for leader, or -1 when the zone has none registered. */
  proxyFor(leader: number, zone: number): number {
    return this.routes.proxyFor(leader, zone);
  }

  /** Opens a group on broker `to`: it becomes the leader, with every durable byte already in S3. */
  moveGroup(groupId: number, to: AutomqBroker): void {
    const g = this.groups[groupId];
    for (const b of this.brokers) {
      const at = b.led.indexOf(groupId);
      if (at >= 0 && b !== to) b.led.splice(at, 1);
    }
    if (!to.led.includes(groupId)) to.led.push(groupId);
    if (g.leader !== to.index) {
      // A new leader starts from what is durable (and in S3); nothing of the log is in its cache.
      this.logClocks[groupId] = staleClock(g.hw, to.logCache);
      g.leo = g.hw;
      g.index.truncateTo(g.hw);
    }
    g.leader = to.index;
    this.uploadingEnd[groupId] = Math.max(this.uploadingEnd[groupId], this.uploadedEnd[groupId]);
    this.recomputeRoutes();
    this.#consumers.wake(to.index);
  }

  /** Invalidates routes after leadership or membership changed. */
  recomputeRoutes(): void {
    this.routesVersion++;
    this.routes.invalidate();
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
    this.reassignments.start(groupId, toBroker);
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
      fastRetryPuts: this.wal.puts.duplicates + this.router.puts.duplicates,
      fastRetryExtraBytes: this.wal.puts.extraBytes + this.router.puts.extraBytes,
      pacedUploads: this.uploader.pacedUploads,
      snapshotReplayedBytes: this.reads.snapshots.replayedBytes,
      snapshotReplayGets: this.reads.snapshots.replayGets,
      snapshotPolls: this.reads.polls.polls,
      snapshotPatches: this.reads.polls.patches,
      // Block WAL volumes are billed by provisioned size, whatever they hold.
      walVolumeProvisionedBytes: this.brokers.reduce((sum, b) => sum + (b.volume ? b.volume.config.capacityBytes : 0), 0),
    };
  }

  #broker(field: string, broker: number): AutomqBroker {
    const b = Number.isSafeInteger(broker) ? this.brokers[broker] : undefined;
    if (!b) throw new InputError(field, broker, `a broker index below ${this.brokers.length}`);
    return b;
  }
}

// Kafka with KIP-405 tiered storage: the classic model plus segment rolls, a leader-only copy task that uploads
// rolled segments to S3 every remote.log.manager.task.interval.ms, local deletion after local.retention.ms, remote
// reads through the RemoteLogReader pool (one remote partition per fetch), and replacement brokers that copy only
// the local window.

import { FlowClass } from "../network/index.ts";
import { ObjectStore } from "../storage/objectStore.ts";
import type { BlockVolumeConfig, ObjectStoreConfig } from "../storage/defaults.ts";
import { KafkaArchitecture } from "./kafka.ts";
import type { KafkaConfig, TieredConfig } from "./kafkaConfig.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import type { World } from "./world.ts";

const Kind = { copyTask: 50, segmentUploaded: 51, uploadFailed: 52, remoteReadDone: 53, remoteReadFailed: 54 } as const;

// remote.log.manager.copier.thread.pool.size: 10 in Kafka 4.0 (KIP-1030, reference A2): segment uploads in flight
// per broker.
const COPIERS_PER_BROKER = 10;

/** A rolled segment set of one group (every partition of the group rolls together under an even spread). */
interface RolledSegment {
  start: number;
  end: number;
  rolledMicros: number;
  uploaded: boolean;
  uploading: boolean;
  partsPending: number;
  partsToStart: number;
  partsDone: number;
  failed: boolean;
  uploadedMicros: number;
}

/** Remote-read bookkeeping of one fetch session waiting on the reader pool. */
interface RemoteRead {
  session: number;
  broker: number;
  bytes: number;
}

/** Kafka with tiered storage on S3. */
export class TieredKafkaArchitecture extends KafkaArchitecture {
  readonly tiered: TieredConfig;
  readonly store: ObjectStore;
  readonly #activeStart: number[];
  readonly #activeCreated: number[];
  readonly #segments: RolledSegment[][];
  readonly #localStart: number[];
  readonly #remoteStart: number[];
  readonly #copiersBusy: number[];
  readonly #uploadQueue: { group: number; segment: RolledSegment }[][];
  readonly #readersBusy: number[];
  readonly #readQueue: RemoteRead[][];
  #remoteReadBytes = 0;
  #remoteReads = 0;

  constructor(world: World, config: KafkaConfig, volume: Partial<BlockVolumeConfig>, memoryBytes: number, store: Partial<ObjectStoreConfig>, name = "kafka-tiered") {
    super(world, config, volume, memoryBytes, name);
    this.tiered = config.tiered!;
    this.store = new ObjectStore(world.engine, world.network, `${name}.s3`, world.rng.fork(`${name}.s3`), store);
    const n = this.groups.length;
    this.#activeStart = new Array<number>(n).fill(0);
    this.#activeCreated = new Array<number>(n).fill(0);
    this.#segments = this.groups.map(() => []);
    this.#localStart = new Array<number>(n).fill(0);
    this.#remoteStart = new Array<number>(n).fill(0);
    this.#copiersBusy = this.brokers.map(() => 0);
    this.#uploadQueue = this.brokers.map(() => []);
    this.#readersBusy = this.brokers.map(() => 0);
    this.#readQueue = this.brokers.map(() => []);
  }

  override start(): void {
    super.start();
    this.world.engine.send(this.actor, Kind.copyTask, this.tiered.taskIntervalMicros);
  }

  override receive(kind: number, a: number, b: number, ref?: unknown): void {
    switch (kind) {
      case Kind.copyTask: return this.#copyTask();
      case Kind.segmentUploaded: return this.#partUploaded(ref as { group: number; segment: RolledSegment }, a);
      case Kind.uploadFailed: return this.#uploadFailed(ref as { group: number; segment: RolledSegment }, a);
      case Kind.remoteReadDone:
      case Kind.remoteReadFailed: return this.#remoteReadDone(ref as RemoteRead);
      default: return super.receive(kind, a, b);
    }
  }

  // A segment rolls when a partition's active segment reaches segment.bytes (or is segment.ms old: not modelled
  // separately, the 7-day default never triggers in a run).
  protected override onAppended(group: PartitionGroup): void {
    const id = group.id;
    if ((group.leo - this.#activeStart[id]) / group.partitions < this.config.segmentBytes) return;
    const now = this.world.engine.nowMicros;
    this.#segments[id].push({ start: this.#activeStart[id], end: group.leo, rolledMicros: now, uploaded: false, uploading: false, partsPending: 0, partsToStart: 0, partsDone: 0, failed: false, uploadedMicros: 0 });
    this.#activeStart[id] = group.leo;
    this.#activeCreated[id] = now;
  }

  // Preloaded history counts as already tiered, except what falls inside local.retention.ms.
  protected override onPreloaded(group: PartitionGroup): void {
    const id = group.id;
    const segment = this.config.segmentBytes * group.partitions;
    const localFrom = group.index.offsetAtTime(this.world.engine.nowMicros - this.tiered.localRetentionMicros);
    this.#localStart[id] = Math.max(this.#localStart[id], Math.floor(localFrom / segment) * segment);
    this.#activeStart[id] = group.leo;
  }

  override localLogStart(group: PartitionGroup): number {
    return Math.max(group.logStart, this.#localStart[group.id]);
  }

  // A new or replacement follower gets OFFSET_MOVED_TO_TIERED_STORAGE and copies from the leader's local log start.
  override replicaStartOffset(group: PartitionGroup): number {
    return this.localLogStart(group);
  }

  override readForFetch(session: number, broker: number): void {
    const consumers = this.consumers;
    const { groups, from, to } = consumers.sessionRead(session);
    let remoteSlot = -1;
    for (let i = 0; i < groups.length; i++) {
      if (to[i] <= from[i] || from[i] >= this.localLogStart(this.groups[groups[i]])) continue;
      if (remoteSlot < 0) {
        remoteSlot = i;
        // Only the first partition needing remote data is served per Fetch (ReplicaManager, KAFKA-14915).
        const perConsumer = this.world.workload.consumer.partitionFetchMaxBytes * consumers.sessionReaders(session, i);
        consumers.trimRead(session, i, Math.min(to[i], from[i] + perConsumer, this.localLogStart(this.groups[groups[i]])));
      } else {
        consumers.trimRead(session, i, from[i]);
      }
    }
    if (remoteSlot < 0) return super.readForFetch(session, broker);
    // A shared session (coarse fidelity) fetches for each consumer it serves in one remote read.
    const bytes = ((to[remoteSlot] - from[remoteSlot]) / consumers.sessionReaders(session, remoteSlot)) * consumers.sessionMembers(session);
    const read: RemoteRead = { session, broker, bytes: Math.max(1, Math.ceil(bytes)) };
    this.#readQueue[broker].push(read);
    this.#pumpReaders(broker);
  }

  // The RemoteLogReader pool: remote.log.reader.threads readers per broker, FIFO behind them.
  #pumpReaders(broker: number): void {
    const queue = this.#readQueue[broker];
    while (this.#readersBusy[broker] < this.tiered.readerThreads && queue.length > 0) {
      const read = queue.shift()!;
      this.#readersBusy[broker]++;
      this.store.get(this.brokers[broker].host, read.bytes, read.session % 1024, FlowClass.s3Get, this.actor, Kind.remoteReadDone, 0, 0, read, Kind.remoteReadFailed);
    }
  }

  #remoteReadDone(read: RemoteRead): void {
    this.#readersBusy[read.broker]--;
    this.#remoteReads++;
    this.#remoteReadBytes += read.bytes;
    this.consumers.respond(read.session);
    this.#pumpReaders(read.broker);
  }

  // The leader's RLM task: upload rolled segments below the high watermark (the last stable offset without
  // transactions), then delete local segments older than local.retention.ms that are safely remote.
  #copyTask(): void {
    const now = this.world.engine.nowMicros;
    for (const g of this.groups) {
      if (g.leader < 0 || !this.brokers[g.leader].up) continue;
      for (const segment of this.#segments[g.id]) {
        if (segment.uploaded || segment.uploading || segment.end > g.hw) continue;
        segment.uploading = true;
        this.#uploadQueue[g.leader].push({ group: g.id, segment });
      }
      this.#expireLocal(g, now);
    }
    for (const b of this.brokers) this.#pumpCopiers(b.index);
    this.world.engine.send(this.actor, Kind.copyTask, this.tiered.taskIntervalMicros);
  }

  // Each copier thread uploads one partition's segment at a time, as one multipart object (the remote storage
  // plugin's unit); a group's rolled segment set is done when every partition's object is.
  #pumpCopiers(broker: number): void {
    const queue = this.#uploadQueue[broker];
    while (this.#copiersBusy[broker] < COPIERS_PER_BROKER && queue.length > 0) {
      const job = queue[0];
      const g = this.groups[job.group];
      const segment = job.segment;
      if (segment.partsPending === 0) segment.partsToStart = g.partitions;
      segment.partsToStart--;
      segment.partsPending++;
      if (segment.partsToStart === 0) queue.shift();
      this.#copiersBusy[broker]++;
      const partitionBytes = Math.ceil((segment.end - segment.start) / g.partitions);
      this.store.putMultipart(this.brokers[broker].host, partitionBytes, this.tiered.uploadPartBytes, g.id, FlowClass.s3Put, this.actor, Kind.segmentUploaded, broker, 0, job, Kind.uploadFailed);
    }
  }

  #partUploaded(job: { group: number; segment: RolledSegment }, broker: number): void {
    const segment = job.segment;
    segment.partsPending--;
    segment.partsDone++;
    this.#releaseCopier(broker);
    if (segment.partsDone < this.groups[job.group].partitions) return;
    segment.uploading = false;
    segment.uploaded = true;
    segment.uploadedMicros = this.world.engine.nowMicros;
  }

  #uploadFailed(job: { group: number; segment: RolledSegment }, broker: number): void {
    // The segment is retried whole on a later task run; parts already stored are overwritten then.
    const segment = job.segment;
    segment.partsPending--;
    segment.failed = true;
    this.#releaseCopier(broker);
    if (segment.partsPending === 0 && segment.partsToStart === 0) {
      segment.uploading = false;
      segment.partsDone = 0;
      segment.failed = false;
    }
  }

  #releaseCopier(broker: number): void {
    this.#copiersBusy[broker] = Math.max(0, this.#copiersBusy[broker] - 1);
    this.#pumpCopiers(broker);
  }

  #expireLocal(g: PartitionGroup, now: number): void {
    const segments = this.#segments[g.id];
    let start = this.#localStart[g.id];
    for (const s of segments) {
      // Segments already expired locally stay listed until remote retention deletes them: step over them.
      if (s.end <= start) continue;
      if (!s.uploaded || now - s.rolledMicros < this.tiered.localRetentionMicros || s.start !== start) break;
      start = s.end;
    }
    this.#localStart[g.id] = start;
    // Remote retention follows retention.ms: segments below the log start are deleted from S3.
    while (segments.length > 0 && segments[0].uploaded && segments[0].end <= g.logStart) {
      const s = segments.shift()!;
      const bytes = Math.ceil((s.end - s.start) / g.partitions) * g.partitions;
      this.store.delete(Math.min(bytes, this.store.storedBytes), g.id, g.partitions);
      this.#remoteStart[g.id] = s.end;
    }
  }

  override report(): Record<string, number> {
    const s3 = this.store.stats();
    let rolled = 0;
    let uploaded = 0;
    for (const list of this.#segments) {
      for (const s of list) {
        rolled++;
        if (s.uploaded) uploaded++;
      }
    }
    return {
      ...super.report(),
      segmentsRolled: rolled,
      segmentsUploaded: uploaded,
      remoteReads: this.#remoteReads,
      remoteReadBytes: this.#remoteReadBytes,
      s3PutRequests: s3.putRequests,
      s3GetRequests: s3.getRequests,
      s3DeleteRequests: s3.deleteRequests,
      s3BytesPut: s3.bytesPut,
      s3StoredBytes: s3.storedBytes,
    };
  }
}

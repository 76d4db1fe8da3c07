// Settings of the AutoMQ (S3Stream) model with AutoMQ's defaults. Sources: architectures.md A3, which quotes
// AutoMQ/automq@f1ce98e (AutoMQConfig.java, KafkaConfig.scala#adjustS3Configs, ObjectWALConfig.java); zone-router
// and snapshot-read timings from AutoMQ/automq core/src/main/java/kafka/automq/zerozone (read for this model).

import { InputError, requireNonNegativeInteger, requirePositive } from "../errors.ts";
import type { BlockVolumeConfig, ObjectStoreConfig } from "../storage/defaults.ts";
import { GiB, KiB, MiB, MICROS_PER_MS, MICROS_PER_SECOND } from "../units.ts";

/** Where the write-ahead log lives. */
export type AutomqWalKind = "ebs" | "regional-ebs" | "s3";

/** automq.zonerouter.local.write.mode: how a proxy persists records whose leader is itself. */
export type AutomqLocalWriteMode = "router_channel" | "direct";

/** AutoMQ settings, in base units (bytes, µs). Cache sizes of -1 mean "derive with AutoMQ's auto formula". */
export interface AutomqConfig {
  walKind: AutomqWalKind;
  /** Overrides of the WAL block volume (ebs / regional-ebs kinds). */
  walVolume: Partial<BlockVolumeConfig>;
  /** Direct IO writes whole blocks: each WAL write is padded to this many bytes. */
  walAlignBytes: number;
  /** Block-WAL writes in flight at once; later appends wait and are group-committed into one write. */
  walWritesInFlightMax: number;
  /** Block-WAL writes issued per second at most (I/Os of up to 256 KiB); appends meanwhile join the next write. */
  walIopsMax: number;
  /** Block-WAL ring size: un-uploaded bytes beyond it back-pressure producers. */
  walCapacityBytes: number;
  /** S3 WAL batchInterval, µs. */
  s3WalBatchIntervalMicros: number;
  /** S3 WAL maxBytesInBatch. */
  s3WalBatchBytesMax: number;
  /** S3 WAL maxUnflushedBytes: bytes buffered or being PUT beyond it back-pressure producers. */
  s3WalUnflushedBytesMax: number;
  /** S3 WAL maxInflightUploadCount. */
  s3WalUploadsInFlightMax: number;
  /** Memory the auto formulas size caches from (M in the reference), bytes. */
  directMemoryBytes: number;
  /** s3.wal.cache.size (log cache), bytes; -1 = auto. */
  walCacheBytes: number;
  /** s3.block.cache.size, bytes; -1 = auto. */
  blockCacheBytes: number;
  /** s3.wal.upload.threshold, bytes; -1 = auto. */
  uploadThresholdBytes: number;
  /** s3.wal.upload.interval.ms as µs; -1 = upload on size only. */
  uploadIntervalMicros: number;
  /** s3.stream.object.split.size: a stream with more bytes in one upload gets its own stream object. */
  streamObjectSplitBytes: number;
  /** s3.object.block.size: the unit of ranged GETs and of the block cache. */
  objectBlockBytes: number;
  /** s3.object.part.size: objects above it are uploaded multipart in parts of this size. */
  objectPartBytes: number;
  /** Blocks read ahead of a block-cache miss, per partition. */
  readaheadBlocks: number;
  /** s3.stream.set.object.compaction.interval.minutes as µs. */
  compactionIntervalMicros: number;
  /** s3.object.delete.retention.minutes as µs: compacted objects are deleted this long after. */
  objectDeleteRetentionMicros: number;
  /** automq.zonerouter.channels set: clients talk only to brokers in their own zone. */
  zoneRouter: boolean;
  /** Router channel batchInterval, µs. */
  routerBatchIntervalMicros: number;
  /** Router channel maxBytesInBatch. */
  routerBatchBytesMax: number;
  localWriteMode: AutomqLocalWriteMode;
  /** With a block WAL and the router, how often the leader commits its WAL to S3 so other zones can read it, µs. */
  snapshotCommitIntervalMicros: number;
  /** Memory a snapshot-read broker keeps replayed data in, bytes; -1 = the block cache size. */
  snapshotReadCacheBytes: number;
  /** How long the controller waits before fencing a silent broker, µs. */
  brokerSessionTimeoutMicros: number;
  /** How often the controller's failover task runs, µs. */
  failoverScanIntervalMicros: number;
  /** Time to move a dead broker's WAL volume to another instance (force detach + attach), µs. */
  volumeAttachMicros: number;
  /** Recovered WAL data is read and uploaded in batches of at most this many bytes. */
  recoveryBatchBytes: number;
  /** One KRaft metadata commit (stream objects, partition changes), µs. */
  metadataCommitMicros: number;
  /** Bytes of partition metadata a broker reads from S3 to open a partition. */
  partitionMetaBytes: number;
  /** Size of a zone-router RPC (a proxy's append notice, the leader's answer), bytes. */
  rpcBytes: number;
  /** Snapshot reads: soonest a reader polls a leader again after its previous poll was sent, µs. */
  snapshotPollIntervalMicros: number;
  /** Simulation granularity, not an AutoMQ setting: the polls of this long travel as one exchange, µs. */
  snapshotPollWindowMicros: number;
  /** One AutomqGetPartitionSnapshot request on the wire (Kafka framing, no TCP/IP headers), bytes. */
  snapshotPollRequestBytes: number;
  /** One answer with no partition change (session, WAL end offset), bytes. */
  snapshotPollAnswerBytes: number;
  /** What an answer adds per partition whose high watermark moved since the previous answer (a PATCH), bytes. */
  snapshotPatchBytes: number;
  /** TCP/IP headers of one message, counted on every poll request and answer, bytes. */
  packetHeaderBytes: number;
  /** Object bytes a snapshot reader loads at once when it replays uploaded objects (block WAL), bytes. */
  snapshotObjectLoadBytesMax: number;
  /** Overrides of the S3 Standard defaults. */
  objectStore: Partial<ObjectStoreConfig>;
}

/** AutoMQ's defaults; the OSS default WAL is S3. */
export const AUTOMQ_DEFAULTS: AutomqConfig = {
  // OSS default: "AutoMQ defaults to running on S3 directly" (A3, README); s3.wal.path=0@s3://... (A3 defaults).
  walKind: "s3",
  walVolume: {},
  // Direct IO (A3 WAL bullet) requires block-aligned writes; 4 KiB is the Linux logical block size [D].
  walAlignBytes: 4 * KiB,
  // Deprecated block-WAL s3.wal.thread = 8 (A3 defaults table).
  walWritesInFlightMax: 8,
  // Deprecated block-WAL s3.wal.iops = 3000 (A3 defaults table), matching "approximately 3000 IOPS" of a 10 GiB EBS.
  walIopsMax: 3000,
  // Deprecated block-WAL s3.wal.capacity = 2 GiB (A3 defaults table).
  walCapacityBytes: 2 * GiB,
  // ObjectWALConfig.java: batchInterval 250 ms, maxBytesInBatch 8 MiB, maxUnflushedBytes 1 GiB,
  // maxInflightUploadCount 50 (A3 defaults table).
  s3WalBatchIntervalMicros: 250 * MICROS_PER_MS,
  s3WalBatchBytesMax: 8 * MiB,
  s3WalUnflushedBytesMax: 1 * GiB,
  s3WalUploadsInFlightMax: 50,
  // ASSUMPTION: 6 GiB, the -XX:MaxDirectMemorySize=6g AutoMQ's benchmark deployment configs set (seen by code
  // search beside s3.wal.cache.size=2 GiB and s3.block.cache.size=1 GiB); the reference's worked example "M=6 G→2 G"
  // gives the same log cache.
  directMemoryBytes: 6 * GiB,
  walCacheBytes: -1,
  blockCacheBytes: -1,
  uploadThresholdBytes: -1,
  // s3.wal.upload.interval.ms = 60000 (A3 defaults table).
  uploadIntervalMicros: 60_000 * MICROS_PER_MS,
  // s3.stream.object.split.size 8 MiB; s3.object.block.size 512 KiB; s3.object.part.size 16 MiB (A3).
  streamObjectSplitBytes: 8 * MiB,
  objectBlockBytes: 512 * KiB,
  objectPartBytes: 16 * MiB,
  // ASSUMPTION: the block cache "caches cold data read from S3 (readahead)" (A3) without a published depth; four
  // blocks (2 MiB) per partition keep a catch-up reader a few GETs ahead.
  readaheadBlocks: 4,
  // s3.stream.set.object.compaction.interval.minutes = 5; s3.object.delete.retention.minutes = 1 (A3).
  compactionIntervalMicros: 5 * 60 * MICROS_PER_SECOND,
  objectDeleteRetentionMicros: 60 * MICROS_PER_SECOND,
  // automq.zonerouter.channels = null (off) (A3 defaults table).
  zoneRouter: false,
  // "batches Produce requests every 250ms (batchInterval=250) or when 8MiB (maxBytesInBatch=8388608)" (A3).
  routerBatchIntervalMicros: 250 * MICROS_PER_MS,
  routerBatchBytesMax: 8 * MiB,
  // automq.zonerouter.local.write.mode = router_channel (A3; LocalWriteMode.java).
  localWriteMode: "router_channel",
  // PartitionSnapshotsManager.java: without ZeroZone V2 the leader commits its WAL to KRaft every 1 s "then another
  // nodes could replay the SSO to support snapshot read"; V2 replays the WAL itself, which needs a WAL other zones
  // can read (S3; AutoMQ Cloud offers the feature with "S3WAL or FSWAL" only).
  snapshotCommitIntervalMicros: 1 * MICROS_PER_SECOND,
  snapshotReadCacheBytes: -1,
  // broker.session.timeout.ms = 9000 in KRaft (A1 defaults; AutoMQ keeps Kafka's KRaft controller).
  brokerSessionTimeoutMicros: 9_000 * MICROS_PER_MS,
  // FailoverControlManager.java runs its failover task with scheduleWithFixedDelay(..., 1, 1, SECONDS).
  failoverScanIntervalMicros: 1 * MICROS_PER_SECOND,
  // ASSUMPTION: AWS publishes no duration for force-detaching a volume from a dead instance and attaching it to
  // another; 10 s stands for "seconds". AttachVolume requires the same zone ("The volume and instance must be
  // within the same Availability Zone", AWS EC2 API reference), which the model enforces for the ebs kind.
  volumeAttachMicros: 10 * MICROS_PER_SECOND,
  // Recovery reads "in batches (max 512MB per batch)" (A3, S3Storage.recover0).
  recoveryBatchBytes: 512 * MiB,
  // ASSUMPTION: a KRaft commit is a quorum append and fsync on the controllers; 10 ms is not sourced.
  metadataCommitMicros: 10 * MICROS_PER_MS,
  // ASSUMPTION: opening a partition reads its checkpoint ("the metadata corresponding to P1 is fetched from the
  // object storage", partition-reassignment doc, A3); 64 KiB is not sourced.
  partitionMetaBytes: 64 * KiB,
  // ASSUMPTION: a router RPC carries offsets and ids only; 256 bytes with framing.
  rpcBytes: 256,
  // SnapshotReadPartitionsManager.java: REQUEST_INTERVAL_MS = 1; SubscriberRequester re-sends when the answer is in
  // and at least that long after the previous request (the leader answers at once, no long poll).
  snapshotPollIntervalMicros: 1 * MICROS_PER_MS,
  // A simulation setting: ten 1 ms polls per exchange keep the cost to a few events per 10 ms per subscription;
  // what a reader learns arrives up to one window late (see automqSnapshotPolls.ts).
  snapshotPollWindowMicros: 10 * MICROS_PER_MS,
  // Counted from AutomqGetPartitionSnapshotRequest.json (flexible versions): SessionId 4 + SessionEpoch 4 + Version 2
  // + tags 1, after a v2 request header (size 4, api key 2, version 2, correlation id 4, tags 1, client id 2 + ~21
  // characters: ASSUMPTION on the internal client id's length).
  snapshotPollRequestBytes: 47,
  // Counted from AutomqGetPartitionSnapshotResponse.json: ErrorCode 2 + ThrottleTimeMs 4 + SessionId 4 +
  // SessionEpoch 4 + empty Topics 1 + ConfirmWalEndOffset (8, more with the WAL config string of later versions) +
  // tags 1, after a v1 response header (size 4, correlation id 4, tags 1): about 43.
  snapshotPollAnswerBytes: 43,
  // Counted from the same schema's PartitionSnapshot for a PATCH: index 4, leader epoch 4, operation 2, null log
  // metadata 1, first-unstable and log-end offsets 2 × 14, StreamMetadata with three streams (ASSUMPTION: log, time
  // and transaction streams) 1 + 3 × 17, tags 1, plus its share of the topic entry (uuid 16): about 106.
  snapshotPatchBytes: 106,
  // ASSUMPTION: an IPv4 header (20) and a TCP header with the timestamp option (32) per message, with acks riding on
  // the next message; that cross-zone transfer is billed on IP packet bytes is also an assumption (AWS does not
  // say at which layer it meters).
  packetHeaderBytes: 52,
  // SnapshotReadCache.java: ObjectReplay loads objects while MAX_INFLIGHT_LOAD_BYTES = 100 MiB are in flight.
  snapshotObjectLoadBytesMax: 100 * MiB,
  objectStore: {},
};

/** EBS WAL volume: "A 10GiB EBS can deliver around 120MiB/s of throughput and approximately 3000 IOPS" (A3);
 * latencies are the gp3 defaults (B2). */
export const EBS_WAL_VOLUME: Partial<BlockVolumeConfig> = {
  capacityBytes: 10 * GiB,
  throughputBytesPerSecond: 120 * MiB,
  iops: 3000,
};

/** Regional (multi-zone replicated) block WAL. ASSUMPTION: the reference names the kinds (Azure zone-redundant disk,
 * GCP regional PD) without latency figures; a synchronous copy to a second zone adds about one cross-zone round trip
 * plus a remote write, so the write median is doubled to 4 ms (sigma 0.5, p99 13 ms). The replica traffic runs inside
 * the provider's storage fabric and is not billed as inter-zone transfer; the provider prices it into the disk. */
export const REGIONAL_WAL_VOLUME: Partial<BlockVolumeConfig> = {
  ...EBS_WAL_VOLUME,
  writeLatencyMicros: { kind: "lognormal", median: 4000, sigma: 0.5 },
};

/** An AutomqConfig with every auto size resolved to bytes. */
export interface ResolvedAutomqConfig extends AutomqConfig {
  readonly resolved: true;
}

/** s3.wal.cache.size auto: max(M/3, (M − 3 GiB)·2/3), bytes (A3). */
export function walCacheAutoBytes(memoryBytes: number): number {
  return Math.floor(Math.max(memoryBytes / 3, ((memoryBytes - 3 * GiB) * 2) / 3));
}

/** s3.block.cache.size auto: max(M/6, (M − 3 GiB)/3), bytes (A3). */
export function blockCacheAutoBytes(memoryBytes: number): number {
  return Math.floor(Math.max(memoryBytes / 6, (memoryBytes - 3 * GiB) / 3));
}

/** s3.wal.upload.threshold auto: min(walCache/3, 500 MiB), bytes (A3). */
export function uploadThresholdAutoBytes(walCacheBytes: number): number {
  return Math.floor(Math.min(walCacheBytes / 3, 500 * MiB));
}

/** Merges overrides onto the defaults, checks every number and resolves auto sizes; throws InputError. */
export function resolveAutomqConfig(overrides: Partial<AutomqConfig> = {}, path = "automq"): ResolvedAutomqConfig {
  if (typeof overrides !== "object" || overrides === null) throw new InputError(path, overrides, "an object of AutoMQ settings");
  const c: AutomqConfig = { ...AUTOMQ_DEFAULTS, ...overrides };
  if (!["ebs", "regional-ebs", "s3"].includes(c.walKind)) throw new InputError(`${path}.walKind`, c.walKind, `"ebs", "regional-ebs" or "s3"`);
  if (!["router_channel", "direct"].includes(c.localWriteMode)) {
    throw new InputError(`${path}.localWriteMode`, c.localWriteMode, `"router_channel" or "direct"`);
  }
  if (typeof c.zoneRouter !== "boolean") throw new InputError(`${path}.zoneRouter`, c.zoneRouter, "true or false");
  const positiveIntegers = [
    "walAlignBytes", "walWritesInFlightMax", "walIopsMax", "walCapacityBytes", "s3WalBatchIntervalMicros", "s3WalBatchBytesMax",
    "s3WalUnflushedBytesMax", "s3WalUploadsInFlightMax", "directMemoryBytes", "streamObjectSplitBytes", "objectBlockBytes",
    "objectPartBytes", "readaheadBlocks", "compactionIntervalMicros", "routerBatchIntervalMicros", "routerBatchBytesMax",
    "snapshotCommitIntervalMicros", "brokerSessionTimeoutMicros", "failoverScanIntervalMicros", "recoveryBatchBytes",
    "rpcBytes", "partitionMetaBytes", "snapshotPollWindowMicros", "snapshotObjectLoadBytesMax",
  ] as const;
  for (const key of positiveIntegers) requirePositive(`${path}.${key}`, requireNonNegativeInteger(`${path}.${key}`, c[key]));
  const nonNegative = [
    "objectDeleteRetentionMicros", "volumeAttachMicros", "metadataCommitMicros", "snapshotPollIntervalMicros",
    "snapshotPollRequestBytes", "snapshotPollAnswerBytes", "snapshotPatchBytes", "packetHeaderBytes",
  ] as const;
  for (const key of nonNegative) {
    requireNonNegativeInteger(`${path}.${key}`, c[key]);
  }
  for (const key of ["walCacheBytes", "blockCacheBytes", "uploadThresholdBytes", "uploadIntervalMicros", "snapshotReadCacheBytes"] as const) {
    if (c[key] !== -1) requirePositive(`${path}.${key}`, requireNonNegativeInteger(`${path}.${key}`, c[key]));
  }
  const walCacheBytes = c.walCacheBytes === -1 ? walCacheAutoBytes(c.directMemoryBytes) : c.walCacheBytes;
  const blockCacheBytes = c.blockCacheBytes === -1 ? blockCacheAutoBytes(c.directMemoryBytes) : c.blockCacheBytes;
  const uploadThresholdBytes = c.uploadThresholdBytes === -1 ? uploadThresholdAutoBytes(walCacheBytes) : c.uploadThresholdBytes;
  if (uploadThresholdBytes > walCacheBytes) {
    throw new InputError(`${path}.uploadThresholdBytes`, uploadThresholdBytes, `at most walCacheBytes (${walCacheBytes}), or uploads never start before back-pressure`);
  }
  const snapshotReadCacheBytes = c.snapshotReadCacheBytes === -1 ? blockCacheBytes : c.snapshotReadCacheBytes;
  return { ...c, walCacheBytes, blockCacheBytes, uploadThresholdBytes, snapshotReadCacheBytes, resolved: true };
}

// Knobs of the models that keep data in object storage — AutoMQ (sim/model/automqConfig.ts) and diskless
// (sim/model/disklessConfig.ts) — kept together in this one file so a change to either config is one edit here.
// Sources: architectures.md A3 (AutoMQ) and A4.1/A4.2 (WarpStream, KIP-1150 / Inkless).

import type { AutomqConfig } from "../model/automqConfig.ts";
import type { DisklessConfig } from "../model/disklessConfig.ts";
import { booleanField, enumField, integerField, numberField } from "./basicFields.ts";
import { latencyDistributionField } from "./distributionField.ts";
import type { KnobTable } from "./knobs.ts";
import { bytesField, durationField } from "./quantityFields.ts";
import { objectStoreField, volumeField } from "./storageKnobs.ts";

const size = () => bytesField({ positive: true });
const autoSize = () => bytesField({ positive: true, auto: true });
const interval = () => durationField({ positive: true });
const count = (max = 1_000_000) => integerField(1, max);

/** AutoMQ knobs (AutomqConfig). */
export const AUTOMQ_KNOBS: KnobTable<AutomqConfig> = {
  walKind: { key: "walKind", field: enumField(["ebs", "regional-ebs", "s3"] as const), doc: "Where the write-ahead log lives.", source: "A3: OSS default WAL is S3 (`s3.wal.path=0@s3://`)" },
  walVolume: { key: "walVolume", field: volumeField(), doc: "Overrides of the WAL block volume (ebs, regional-ebs).", source: "A3: \"A 10GiB EBS ... around 120MiB/s ... 3000 IOPS\"" },
  walAlignSize: { key: "walAlignBytes", field: size(), doc: "Direct-IO block: each WAL write is padded to it.", source: "A3 direct IO; 4 KiB Linux logical block" },
  walWritesInFlightMax: { key: "walWritesInFlightMax", field: count(), doc: "Block-WAL writes in flight at once.", source: "`s3.wal.thread` = 8 (A3)" },
  walIopsMax: { key: "walIopsMax", field: count(), doc: "Block-WAL writes issued per second at most.", source: "`s3.wal.iops` = 3000 (A3)" },
  walCapacity: { key: "walCapacityBytes", field: size(), doc: "Block-WAL ring size; un-uploaded bytes beyond it back-pressure producers.", source: "`s3.wal.capacity` = 2 GiB (A3)" },
  s3WalBatchInterval: { key: "s3WalBatchIntervalMicros", field: interval(), doc: "S3 WAL batch interval.", source: "ObjectWALConfig batchInterval = 250 ms (A3)" },
  s3WalBatchSizeMax: { key: "s3WalBatchBytesMax", field: size(), doc: "S3 WAL bytes that close a batch.", source: "ObjectWALConfig maxBytesInBatch = 8 MiB (A3)" },
  s3WalUnflushedSizeMax: { key: "s3WalUnflushedBytesMax", field: size(), doc: "S3 WAL bytes buffered or in flight before back-pressure.", source: "ObjectWALConfig maxUnflushedBytes = 1 GiB (A3)" },
  s3WalUploadsInFlightMax: { key: "s3WalUploadsInFlightMax", field: count(), doc: "S3 WAL PUTs in flight at once.", source: "ObjectWALConfig maxInflightUploadCount = 50 (A3)" },
  directMemory: { key: "directMemoryBytes", field: size(), doc: "Memory the auto cache sizes derive from.", source: "assumption: -XX:MaxDirectMemorySize=6g of AutoMQ's benchmark configs" },
  walCacheSize: { key: "walCacheBytes", field: autoSize(), doc: "Log cache (`s3.wal.cache.size`); \"auto\" = AutoMQ's formula.", source: "A3: max(M/3, (M − 3 GiB)·2/3)" },
  blockCacheSize: { key: "blockCacheBytes", field: autoSize(), doc: "Block cache (`s3.block.cache.size`); \"auto\" = AutoMQ's formula.", source: "A3: max(M/6, (M − 3 GiB)/3)" },
  uploadThreshold: { key: "uploadThresholdBytes", field: autoSize(), doc: "WAL bytes that trigger an upload (`s3.wal.upload.threshold`).", source: "A3: min(walCache/3, 500 MiB)" },
  uploadInterval: { key: "uploadIntervalMicros", field: durationField({ positive: true, off: true }), doc: "Upload at least this often; \"off\" = on size only.", source: "`s3.wal.upload.interval.ms` = 60000 (A3)" },
  streamObjectSplitSize: { key: "streamObjectSplitBytes", field: size(), doc: "A stream with more bytes in one upload gets its own object.", source: "`s3.stream.object.split.size` = 8 MiB (A3)" },
  objectBlockSize: { key: "objectBlockBytes", field: size(), doc: "Unit of ranged GETs and of the block cache.", source: "`s3.object.block.size` = 512 KiB (A3)" },
  objectPartSize: { key: "objectPartBytes", field: size(), doc: "Multipart part size of object uploads.", source: "`s3.object.part.size` = 16 MiB (A3)" },
  readaheadBlocks: { key: "readaheadBlocks", field: count(1024), doc: "Blocks read ahead of a block-cache miss, per partition.", source: "assumption: 4 (A3 names readahead, no depth)" },
  compactionInterval: { key: "compactionIntervalMicros", field: interval(), doc: "Stream-set object compaction interval.", source: "`s3.stream.set.object.compaction.interval.minutes` = 5 (A3)" },
  objectDeleteRetention: { key: "objectDeleteRetentionMicros", field: durationField(), doc: "Compacted objects are deleted this long after.", source: "`s3.object.delete.retention.minutes` = 1 (A3)" },
  zoneRouter: { key: "zoneRouter", field: booleanField(), doc: "Clients talk only to brokers in their own zone.", source: "`automq.zonerouter.channels` (A3)" },
  routerBatchInterval: { key: "routerBatchIntervalMicros", field: interval(), doc: "Router channel batch interval.", source: "A3: \"batches Produce requests every 250ms\"" },
  routerBatchSizeMax: { key: "routerBatchBytesMax", field: size(), doc: "Router channel bytes that close a batch.", source: "A3: \"or when 8MiB\"" },
  localWriteMode: { key: "localWriteMode", field: enumField(["router_channel", "direct"] as const), doc: "How a proxy persists records it leads itself.", source: "`automq.zonerouter.local.write.mode` (A3)" },
  snapshotCommitInterval: { key: "snapshotCommitIntervalMicros", field: interval(), doc: "With a block WAL and the router: how often the WAL is committed for other zones.", source: "PartitionSnapshotsManager.java: every 1 s" },
  snapshotReadCacheSize: { key: "snapshotReadCacheBytes", field: autoSize(), doc: "Memory for snapshot-read data; \"auto\" = the block cache size.", source: "model choice" },
  brokerSessionTimeout: { key: "brokerSessionTimeoutMicros", field: interval(), doc: "How long the controller waits before fencing a silent broker.", source: "`broker.session.timeout.ms` = 9000 (A1)" },
  failoverScanInterval: { key: "failoverScanIntervalMicros", field: interval(), doc: "How often the failover task runs.", source: "FailoverControlManager.java: every 1 s" },
  volumeAttachTime: { key: "volumeAttachMicros", field: durationField(), doc: "Time to move a dead broker's WAL volume to another instance.", source: "assumption: 10 s" },
  recoveryBatchSize: { key: "recoveryBatchBytes", field: size(), doc: "Recovered WAL data is read and uploaded in batches of this size.", source: "A3: \"max 512MB per batch\"" },
  metadataCommitTime: { key: "metadataCommitMicros", field: durationField(), doc: "One KRaft metadata commit.", source: "assumption: 10 ms" },
  partitionMetaSize: { key: "partitionMetaBytes", field: size(), doc: "Metadata a broker reads from S3 to open a partition.", source: "assumption: 64 KiB" },
  rpcSize: { key: "rpcBytes", field: size(), doc: "Size of a control RPC.", source: "assumption: 256 bytes" },
  snapshotPollInterval: { key: "snapshotPollIntervalMicros", field: durationField(), doc: "Snapshot reads: soonest a reader polls a leader again after its previous poll.", source: "SnapshotReadPartitionsManager.java REQUEST_INTERVAL_MS = 1" },
  snapshotPollWindow: { key: "snapshotPollWindowMicros", field: interval(), doc: "Simulation granularity: the polls of this long travel as one exchange.", source: "bytepath (automqSnapshotPolls.ts)" },
  snapshotPollRequestSize: { key: "snapshotPollRequestBytes", field: bytesField(), doc: "One snapshot poll request on the wire (Kafka framing).", source: "AutomqGetPartitionSnapshotRequest.json, counted" },
  snapshotPollAnswerSize: { key: "snapshotPollAnswerBytes", field: bytesField(), doc: "One poll answer with no partition change.", source: "AutomqGetPartitionSnapshotResponse.json, counted" },
  snapshotPatchSize: { key: "snapshotPatchBytes", field: bytesField(), doc: "What an answer adds per partition whose high watermark moved.", source: "AutomqGetPartitionSnapshotResponse.json PartitionSnapshot, counted" },
  packetHeaderSize: { key: "packetHeaderBytes", field: bytesField(), doc: "TCP/IP headers counted on every poll request and answer.", source: "assumption: IPv4 20 + TCP with timestamps 32" },
  snapshotObjectLoadSizeMax: { key: "snapshotObjectLoadBytesMax", field: size(), doc: "Object bytes a snapshot reader loads at once when replaying uploaded objects.", source: "SnapshotReadCache.java MAX_INFLIGHT_LOAD_BYTES = 100 MiB" },
  objectStore: { key: "objectStore", field: objectStoreField(), doc: "Overrides of the S3 Standard bucket.", source: "S3 Standard (B1)" },
};

/** Diskless knobs (DisklessConfig): WarpStream agents, KIP-1150 / Inkless brokers. */
export const DISKLESS_KNOBS: KnobTable<DisklessConfig> = {
  batchTimeout: { key: "batchTimeoutMicros", field: interval(), doc: "How long an agent buffers produce requests before uploading them as one object.", source: "A4.1: \"for 250ms, or until 8 MiB\"; Inkless commit.interval.ms (A4.2)" },
  batchSizeMax: { key: "batchBytesMax", field: size(), doc: "Buffered bytes that close a batch at once.", source: "A4.1/A4.2: 8 MiB" },
  ingestStorage: { key: "ingestStorage", field: enumField(["standard", "express"] as const), doc: "S3 Standard bucket, or a quorum of S3 Express One Zone buckets.", source: "A4.1 (docs s3-express)" },
  expressBuckets: { key: "expressBuckets", field: integerField(0, 16), doc: "S3 Express buckets per object, one per zone in turn; 0 = one per zone.", source: "assumption: one per zone" },
  expressQuorum: { key: "expressQuorum", field: count(16), doc: "S3 Express copies stored before the commit.", source: "assumption: 2 of 3 (WarpStream does not publish it)" },
  commitLatency: { key: "commitLatencyMicros", field: latencyDistributionField(), doc: "Control-plane or batch-coordinator commit, call to answer.", source: "A4.2: Inkless coordinator \"~10-20ms\" p99" },
  chunkSize: { key: "chunkBytes", field: size(), doc: "Aligned range a cache miss GETs from an object.", source: "A4.1: \"1 GET request per 4MiB of data, per zone\"" },
  agentCacheMemoryRatio: { key: "agentCacheMemoryRatio", field: numberField(0, 1, { minExclusive: true, unit: "ratio" }), doc: "Share of agent memory used as object cache.", source: "assumption: half (A4.1: cache size not found)" },
  zoneAwareClients: { key: "zoneAwareClients", field: booleanField(), doc: "Clients name their zone, so same-zone agents serve them.", source: "A4.1 `warpstream_az`; A4.2 `diskless_az`" },
  compaction: { key: "compaction", field: booleanField(), doc: "Whether L0 objects are compacted into larger L1 objects.", source: "WarpStream docs (compacted-topics)" },
  compactionFilesMin: { key: "compactionFilesMin", field: integerField(2, 4096), doc: "Committed L0 objects that start a compaction run.", source: "WarpStream docs: \"currently 32\" L0 files" },
  compactionDelay: { key: "compactionDelayMicros", field: durationField(), doc: "Age an L0 object must reach before compaction may take it.", source: "assumption: 0" },
  compactionCheckInterval: { key: "compactionCheckMicros", field: interval(), doc: "How often the compaction scheduler looks for work.", source: "assumption: 1 s" },
  compactionReadConcurrency: { key: "compactionReadConcurrency", field: count(1024), doc: "Source objects a compaction job reads at once.", source: "assumption: 4" },
  compactionJobsPerAgent: { key: "compactionJobsPerAgent", field: count(1024), doc: "Compaction jobs per live agent at once.", source: "assumption: 1" },
  retention: { key: "retentionMicros", field: interval(), doc: "Objects whose newest record is older are deleted.", source: "`log.retention.ms` = 7 days (A1)" },
  retentionCheckInterval: { key: "retentionCheckMicros", field: interval(), doc: "How often retention runs.", source: "assumption: Kafka's 300000 ms" },
  standardStore: { key: "standardStore", field: objectStoreField(), doc: "Overrides of the S3 Standard bucket (ingest with standard, and compacted objects).", source: "S3 Standard (B1)" },
  expressStore: { key: "expressStore", field: objectStoreField(), doc: "Overrides of every S3 Express bucket.", source: "S3 Express One Zone (B1)" },
};

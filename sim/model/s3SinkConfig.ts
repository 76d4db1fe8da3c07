// Settings of the Kafka Connect S3 sink add-on (Confluent kafka-connect-s3), in base units, with the connector's
// defaults. Sources: architectures.md A5, which quotes confluentinc/kafka-connect-storage-cloud@87eb7d390926 and
// kafka-connect-storage-common@9bb1f372d8d3; Connect worker defaults from apache/kafka WorkerConfig/ConnectorConfig.

import { InputError, requirePositive } from "../errors.ts";
import type { ObjectStoreConfig } from "../storage/defaults.ts";
import { S3_MULTIPART_PART_BYTES_DEFAULT } from "../storage/defaults.ts";
import { MICROS_PER_MS } from "../units.ts";
import { INSTANCE_TYPES } from "./cluster.ts";
import type { ClientPlacement } from "./workload.ts";

/** S3 sink connector and Connect worker settings, in base units (records, bytes, µs). */
export interface S3SinkConfig {
  /** flush.size: records per file per Kafka partition before a commit. The connector has no default (required). */
  flushSize: number;
  /** rotate.interval.ms as µs, measured on record timestamps (timestamp.extractor=Record); -1 = off. */
  rotateIntervalMicros: number;
  /** partition.duration.ms of a TimeBasedPartitioner as µs; -1 = DefaultPartitioner (Kafka partitions only). */
  partitionDurationMicros: number;
  /** s3.part.size: multipart part size, bytes. */
  partBytes: number;
  /** tasks.max: sink tasks, each on its own Connect worker. */
  tasks: number;
  /** Where the workers run: spread round-robin over zones, or pinned to one. */
  placement: ClientPlacement;
  /** NIC of a worker each way, bytes/s. */
  workerNetworkBytesPerSecond: number;
  /** offset.flush.interval.ms as µs: how often a worker commits the offsets of files already in S3. */
  offsetFlushIntervalMicros: number;
  /** s3.retry.backoff.ms as µs: wait before re-issuing a request the SDK gave up on. */
  retryBackoffMicros: number;
  /** The sink's bucket; S3 Standard unless overridden. */
  store: Partial<ObjectStoreConfig>;
}

/** The preset every run with a sink starts from; a run overrides any field. */
export const S3_SINK_PRESET: Readonly<S3SinkConfig> = {
  // The connector requires flush.size and has no default (A5: StorageSinkConnectorConfig.java). ASSUMPTION, chosen
  // here: 10,000 records, a round figure above the published examples (1 in Aiven's how-to, 100 in public gists,
  // 5,000 in Lenses' docs); at OMB's 1 KiB messages a file is 9.77 MiB, one 25 MiB part, so 3 PUT-class requests.
  flushSize: 10_000,
  // rotate.interval.ms = -1 (off) and DefaultPartitioner (A5: StorageSinkConnectorConfig.java, PartitionerConfig.java).
  rotateIntervalMicros: -1,
  partitionDurationMicros: -1,
  // s3.part.size = 25 MiB (A5: S3SinkConnectorConfig.java).
  partBytes: S3_MULTIPART_PART_BYTES_DEFAULT,
  // tasks.max defaults to 1 (apache/kafka ConnectorConfig.java TASKS_MAX_DEFAULT = 1). ASSUMPTION: the preset runs 3,
  // one worker per zone, so placement and cross-zone fetch show up; set 1 for the connector's default.
  tasks: 3,
  placement: { kind: "spread" },
  // Workers get the same NIC as the benchmark clients so the comparison is about byte paths, not worker sizing.
  workerNetworkBytesPerSecond: INSTANCE_TYPES.client.networkBytesPerSecond,
  // offset.flush.interval.ms = 60000 (apache/kafka WorkerConfig.java OFFSET_COMMIT_INTERVAL_MS_DEFAULT).
  offsetFlushIntervalMicros: 60_000 * MICROS_PER_MS,
  // s3.retry.backoff.ms = 200 (A5: S3SinkConnectorConfig.java).
  retryBackoffMicros: 200 * MICROS_PER_MS,
  store: {},
};

/** The preset with overrides applied, validated; throws InputError naming the field. */
export function resolveS3SinkConfig(overrides: Partial<S3SinkConfig>, zones: number, path = "sink"): S3SinkConfig {
  if (typeof overrides !== "object" || overrides === null) throw new InputError(path, overrides, "an object of S3 sink settings");
  const c: S3SinkConfig = { ...S3_SINK_PRESET, ...overrides, store: { ...overrides.store } };
  requireWhole(`${path}.flushSize`, c.flushSize, 1);
  requireWhole(`${path}.partBytes`, c.partBytes, 1);
  requireWhole(`${path}.tasks`, c.tasks, 1);
  requireOffOrPositive(`${path}.rotateIntervalMicros`, c.rotateIntervalMicros);
  requireOffOrPositive(`${path}.partitionDurationMicros`, c.partitionDurationMicros);
  // TopicPartitionWriter ignores rotate.interval.ms without a timestamp extractor, which only TimeBasedPartitioner has.
  if (c.rotateIntervalMicros > 0 && c.partitionDurationMicros <= 0) {
    throw new InputError(`${path}.rotateIntervalMicros`, c.rotateIntervalMicros,
      `-1 while ${path}.partitionDurationMicros is -1 (the connector ignores rotate.interval.ms under DefaultPartitioner)`);
  }
  requirePositive(`${path}.workerNetworkBytesPerSecond`, c.workerNetworkBytesPerSecond);
  requireWhole(`${path}.offsetFlushIntervalMicros`, c.offsetFlushIntervalMicros, 1);
  requireWhole(`${path}.retryBackoffMicros`, c.retryBackoffMicros, 0);
  const p = c.placement;
  if (typeof p !== "object" || p === null || (p.kind !== "spread" && p.kind !== "pinned")) {
    throw new InputError(`${path}.placement`, p, `{ kind: "spread" } or { kind: "pinned", zone }`);
  }
  if (p.kind === "pinned" && (!Number.isSafeInteger(p.zone) || p.zone < 0 || p.zone >= zones)) {
    throw new InputError(`${path}.placement.zone`, p.zone, `a zone from 0 to ${zones - 1}`);
  }
  return c;
}

function requireWhole(field: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InputError(field, value, `a whole number >= ${min}`);
  }
}

function requireOffOrPositive(field: string, value: unknown): void {
  if (value === -1) return;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new InputError(field, value, "-1 (off) or a whole number of µs > 0");
  }
}

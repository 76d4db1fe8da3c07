// Settings of the classic Kafka model and of tiered storage on top of it, with Apache Kafka's defaults. Sources:
// architectures.md A1/A2, which quotes apache/kafka at 1eb7644349cb (ReplicationConfigs.java, ServerLogConfigs.java,
// LogConfig.java, RemoteLogManagerConfig.java) and KIP-1030 for 4.0 changes.

import { GiB, MiB, MICROS_PER_MS, MICROS_PER_SECOND } from "../units.ts";

const DAY_MICROS = 86_400 * MICROS_PER_SECOND;

/** KIP-405 tiered storage settings. */
export interface TieredConfig {
  /** local.retention.ms as µs; -2 in Kafka means "same as retention.ms", which saves nothing, so presets set it. */
  localRetentionMicros: number;
  /** remote.log.manager.task.interval.ms: 30000. */
  taskIntervalMicros: number;
  /** remote.log.reader.threads: 10 per broker. */
  readerThreads: number;
  /** remote.fetch.max.wait.ms: 500. */
  remoteFetchMaxWaitMicros: number;
  /** Multipart part size the remote storage plugin uploads segments in (bytes). ASSUMPTION: the S3 plugins choose
   * their own; 25 MiB matches the Connect S3 sink's s3.part.size default so both count requests alike. */
  uploadPartBytes: number;
}

/** Classic Kafka settings, in base units. */
export interface KafkaConfig {
  /** replication.factor; Kafka's default is 1, production (and this preset) uses 3. */
  replicationFactor: number;
  /** min.insync.replicas; default 1, production usually 2 (reference A1). */
  minInsyncReplicas: number;
  /** unclean.leader.election.enable: false. */
  uncleanLeaderElection: boolean;
  /** replica.lag.time.max.ms: 30000. */
  replicaLagTimeMaxMicros: number;
  /** replica.fetch.wait.max.ms: 500. */
  replicaFetchWaitMaxMicros: number;
  /** replica.fetch.max.bytes: 1 MiB per partition. */
  replicaFetchMaxBytes: number;
  /** replica.fetch.response.max.bytes: 10 MiB (ReplicationConfigs.java). */
  replicaFetchResponseMaxBytes: number;
  /** KIP-392: replica.selector.class = RackAwareReplicaSelector, so consumers with client.rack read an in-zone replica. */
  followerFetching: boolean;
  /** broker.session.timeout.ms: 9000 in KRaft mode; how long the controller takes to notice a dead broker. */
  brokerSessionTimeoutMicros: number;
  /** JVM heap; the page cache gets the instance memory less heap and 1 GiB for the OS. ASSUMPTION: 6 GiB, the heap
   * Kafka's operations docs suggest for production brokers. */
  heapBytes: number;
  /** log.segment.bytes: 1 GiB. */
  segmentBytes: number;
  /** log.retention.ms: 7 days. */
  retentionMicros: number;
  /** log.retention.check.interval.ms: 300000. */
  retentionCheckMicros: number;
  /** auto.leader.rebalance.enable (true) with leader.imbalance.check.interval.seconds (300). */
  leaderRebalanceMicros: number;
  /** leader.replication.throttled.rate / follower.replication.throttled.rate for catch-up and reassignment, bytes/s;
   * Infinity = unthrottled (Kafka's default Long.MAX_VALUE). */
  recoveryThrottleBytesPerSecond: number;
  /** KIP-405 tiered storage, when on. */
  tiered?: TieredConfig;
}

export const KAFKA_DEFAULTS: KafkaConfig = {
  replicationFactor: 3,
  minInsyncReplicas: 2,
  uncleanLeaderElection: false,
  replicaLagTimeMaxMicros: 30_000 * MICROS_PER_MS,
  replicaFetchWaitMaxMicros: 500 * MICROS_PER_MS,
  replicaFetchMaxBytes: 1 * MiB,
  replicaFetchResponseMaxBytes: 10 * MiB,
  followerFetching: false,
  brokerSessionTimeoutMicros: 9_000 * MICROS_PER_MS,
  heapBytes: 6 * GiB,
  segmentBytes: 1 * GiB,
  retentionMicros: 7 * DAY_MICROS,
  retentionCheckMicros: 300_000 * MICROS_PER_MS,
  leaderRebalanceMicros: 300 * MICROS_PER_SECOND,
  recoveryThrottleBytesPerSecond: Number.POSITIVE_INFINITY,
};

export const TIERED_DEFAULTS: TieredConfig = {
  // Presets keep a day locally: an operator enabling tiering sets local retention, or nothing is saved.
  localRetentionMicros: 1 * DAY_MICROS,
  taskIntervalMicros: 30_000 * MICROS_PER_MS,
  readerThreads: 10,
  remoteFetchMaxWaitMicros: 500 * MICROS_PER_MS,
  uploadPartBytes: 25 * MiB,
};

// Knobs of the classic Kafka model and of KIP-405 tiered storage, mapped onto KafkaConfig and TieredConfig
// (sim/model/kafkaConfig.ts). Sources: architectures.md A1 and A2 (apache/kafka at 1eb7644349cb, KIP-1030).

import type { KafkaConfig, TieredConfig } from "../model/kafkaConfig.ts";
import { booleanField, integerField } from "./basicFields.ts";
import type { KnobTable } from "./knobs.ts";
import { byteRateField, bytesField, durationField } from "./quantityFields.ts";

/** Classic Kafka knobs (KafkaConfig less `tiered`, whose knobs are TIERED_KNOBS). */
export const KAFKA_KNOBS: KnobTable<KafkaConfig> = {
  replicationFactor: { key: "replicationFactor", field: integerField(1, 16), doc: "Replicas per partition (at most the broker count).", source: "`replication.factor`: 1 in Kafka, 3 in production (A1)" },
  minInsyncReplicas: { key: "minInsyncReplicas", field: integerField(1, 16), doc: "In-sync replicas an acks=all write needs.", source: "`min.insync.replicas`: 1, production 2 (A1)" },
  uncleanLeaderElection: { key: "uncleanLeaderElection", field: booleanField(), doc: "Whether an out-of-sync replica may become leader.", source: "`unclean.leader.election.enable` (A1)" },
  replicaLagTimeMax: { key: "replicaLagTimeMaxMicros", field: durationField({ positive: true }), doc: "How long a follower may lag before it leaves the ISR.", source: "`replica.lag.time.max.ms` (A1)" },
  replicaFetchWaitMax: { key: "replicaFetchWaitMaxMicros", field: durationField(), doc: "Longest a follower's fetch waits at the leader for data.", source: "`replica.fetch.wait.max.ms` (A1)" },
  replicaFetchMaxBytes: { key: "replicaFetchMaxBytes", field: bytesField({ positive: true }), doc: "Bytes per partition in one replica fetch.", source: "`replica.fetch.max.bytes` (A1)" },
  replicaFetchResponseMaxBytes: { key: "replicaFetchResponseMaxBytes", field: bytesField({ positive: true }), doc: "Bytes in one replica fetch response.", source: "`replica.fetch.response.max.bytes` (ReplicationConfigs.java)" },
  followerFetching: { key: "followerFetching", field: booleanField(), doc: "KIP-392: consumers with clientRack read an in-zone replica.", source: "`replica.selector.class` = RackAwareReplicaSelector (A1)" },
  brokerSessionTimeout: { key: "brokerSessionTimeoutMicros", field: durationField({ positive: true }), doc: "How long the controller takes to notice a dead broker.", source: "`broker.session.timeout.ms` (KRaft)" },
  heapSize: { key: "heapBytes", field: bytesField({ positive: true }), doc: "JVM heap; the page cache gets memory less heap and 1 GiB.", source: "assumption: Kafka's production guidance (6 GiB)" },
  segmentBytes: { key: "segmentBytes", field: bytesField({ positive: true }), doc: "Log segment size.", source: "`log.segment.bytes` (A1)" },
  retention: { key: "retentionMicros", field: durationField({ positive: true }), doc: "How long records are kept.", source: "`log.retention.ms` (A1)" },
  retentionCheckInterval: { key: "retentionCheckMicros", field: durationField({ positive: true }), doc: "How often retention runs.", source: "`log.retention.check.interval.ms`" },
  leaderRebalanceInterval: { key: "leaderRebalanceMicros", field: durationField({ positive: true }), doc: "How often preferred leaders are restored.", source: "`leader.imbalance.check.interval.seconds` (A1)" },
  recoveryThrottle: { key: "recoveryThrottleBytesPerSecond", field: byteRateField({ none: true }), doc: "Replication throttle for catch-up and reassignment; \"none\" = unthrottled.", source: "`leader/follower.replication.throttled.rate` (A1)" },
};

/** KIP-405 tiered storage knobs (TieredConfig), for kind kafka-tiered. */
export const TIERED_KNOBS: KnobTable<TieredConfig> = {
  localRetention: { key: "localRetentionMicros", field: durationField({ positive: true }), doc: "How long segments stay on local disk after upload.", source: "`local.retention.ms` (A2); a day is the preset's choice" },
  remoteTaskInterval: { key: "taskIntervalMicros", field: durationField({ positive: true }), doc: "How often the remote log manager uploads rolled segments.", source: "`remote.log.manager.task.interval.ms` (A2)" },
  remoteReaderThreads: { key: "readerThreads", field: integerField(1, 1024), doc: "Threads per broker reading remote segments.", source: "`remote.log.reader.threads` (A2)" },
  remoteFetchMaxWait: { key: "remoteFetchMaxWaitMicros", field: durationField(), doc: "Longest a fetch waits for remote data.", source: "`remote.fetch.max.wait.ms` (A2)" },
  uploadPartSize: { key: "uploadPartBytes", field: bytesField({ positive: true }), doc: "Multipart part size of segment uploads.", source: "assumption: the Connect S3 sink's 25 MiB `s3.part.size`" },
};

// The built-in default scenario as scenario text: the comparison of sim/model/defaultScenario.ts, written the way
// a person writes one. The playground opens with it; scenarios/steady-state.yaml is the same text.

/** The default comparison (scenarios/steady-state.yaml), as YAML. */
export const DEFAULT_SCENARIO_YAML = `# yaml-language-server: $schema=./schema.json
# The default comparison: one steady 100 MiB/s workload on every architecture bytepath models, in three zones.
# Field reference: scenarios/README.md.
name: steady-state
description: >-
  The same steady workload on classic Kafka, Kafka with follower fetching (KIP-392), Kafka with tiered storage
  (KIP-405), AutoMQ with an EBS or an S3 write-ahead log, and diskless agents writing to S3 Standard or S3 Express.
  Compare cross-zone bytes per produced byte — about 2.67 for classic Kafka with three zones and three replicas,
  plus 2/3 per consumer group unless consumers fetch in their own zone — against the latency each design adds.
seed: 1

cluster:
  zones: 3
  brokersPerZone: 2
  instance: r6i.xlarge

workload:
  # OpenMessaging Benchmark's fields; producerRate may be messages/s (OMB's form) or a byte rate.
  topics: 1
  partitionsPerTopic: 64
  messageSize: 1 KiB
  producerRate: 100 MiB/s
  producersPerTopic: 3
  subscriptionsPerTopic: 2
  consumerPerSubscription: 3
  testDuration: 10 min
  warmupDuration: 0 s
  consumer:
    clientRack: true

sampleInterval: 10 s

architectures:
  - kind: kafka
  - kind: kafka
    name: kafka-kip392
    followerFetching: true
  - kind: kafka-tiered
  - kind: automq
    name: automq-ebs-wal
    walKind: ebs
    zoneRouter: false
  # Clients of designs that acknowledge after an object-store write keep more requests in flight and more buffer
  # memory, or buffer / latency would cap their throughput (an assumption: no published values).
  - kind: automq
    name: automq-s3-wal
    walKind: s3
    zoneRouter: true
    workload:
      producer: { maxInFlight: 100, bufferMemory: 512 MiB }
  # WarpStream's low-latency guide measures with linger 25 ms on S3 Standard and 10 ms on S3 Express.
  - kind: diskless
    workload:
      producer: { maxInFlight: 100, bufferMemory: 512 MiB, linger: 25 ms }
  - kind: diskless
    name: diskless-express
    extends: diskless
    ingestStorage: express
    batchTimeout: 50 ms
    workload:
      producer: { linger: 10 ms }
`;

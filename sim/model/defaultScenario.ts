// The built-in default scenario: the same 100 MiB/s workload on every architecture, in three zones, with two
// consumer groups, for ten simulated minutes. It is what `npm start` runs and what the playground opens with.

import { MiB, MICROS_PER_MS, MICROS_PER_SECOND } from "../units.ts";
import type { ArchitectureSpec } from "./architectures.ts";
import { INSTANCE_TYPES, type ClusterSpec } from "./cluster.ts";
import type { RunConfig } from "./run.ts";
import { createWorkload, type ProducerSettings, type WorkloadOptions } from "./workload.ts";

/** A comparison: one workload and cluster, several architectures, one seed. */
export interface Comparison {
  name: string;
  description: string;
  seed: number;
  runs: RunConfig[];
}

/** The architectures the default comparison puts side by side, each under a readable name. */
export const DEFAULT_ARCHITECTURES: ArchitectureSpec[] = [
  { kind: "kafka", name: "kafka" },
  { kind: "kafka", name: "kafka-kip392", kafka: { followerFetching: true } },
  { kind: "kafka-tiered", name: "kafka-tiered" },
  { kind: "automq", name: "automq-ebs-wal", automq: { walKind: "ebs", zoneRouter: false } },
  { kind: "automq", name: "automq-s3-wal", automq: { walKind: "s3", zoneRouter: true } },
  { kind: "diskless", name: "diskless" },
  { kind: "diskless", name: "diskless-express", diskless: { ingestStorage: "express", batchTimeoutMicros: 50 * MICROS_PER_MS } },
];

// Clients in front of object-storage acknowledgements: WarpStream's low-latency guide measures its rows with linger
// 25 ms (10 ms with S3 Express); more requests in flight and buffer memory keep a client from capping throughput at
// buffer ÷ latency (an assumption: no published values; Kafka's 5 in flight and 32 MiB suit millisecond acks).
const OBJECT_STORE_CLIENT = { maxInFlight: 100, bufferBytes: 512 * MiB };
/** Producer settings per default-comparison run name, for clients in front of object-storage acks. */
export const CLIENT_TUNING: Record<string, Partial<ProducerSettings>> = {
  "automq-s3-wal": OBJECT_STORE_CLIENT,
  diskless: { ...OBJECT_STORE_CLIENT, lingerMicros: 25 * MICROS_PER_MS },
  "diskless-express": { ...OBJECT_STORE_CLIENT, lingerMicros: 10 * MICROS_PER_MS },
};

/** Builds the default comparison for a seed and an optional duration override (µs). */
export function defaultComparison(seed = 1, testDurationMicros = 600 * MICROS_PER_SECOND): Comparison {
  const cluster: ClusterSpec = { zones: 3, brokersPerZone: 2, instance: INSTANCE_TYPES["r6i.xlarge"] };
  const base: WorkloadOptions = {
    topics: 1,
    partitionsPerTopic: 64,
    messageBytes: 1024,
    produceBytesPerSecond: 100 * MiB,
    producersPerTopic: 3,
    subscriptionsPerTopic: 2,
    consumerPerSubscription: 3,
    testDurationMicros,
    warmupDurationMicros: 0,
    consumer: { clientRack: true },
  };
  return {
    name: "default",
    description: "100 MiB/s of 1 KiB messages, 64 partitions, 2 consumer groups, 3 zones, 6 brokers (r6i.xlarge)",
    seed,
    runs: DEFAULT_ARCHITECTURES.map((architecture) => ({
      seed,
      cluster,
      architecture,
      workload: createWorkload({ ...base, producer: CLIENT_TUNING[architecture.name ?? architecture.kind] ?? {} }),
      intervalMicros: 10 * MICROS_PER_SECOND,
    })),
  };
}

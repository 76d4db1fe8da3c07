// The built-in default scenario: the same 100 MiB/s workload on every architecture, in three zones, with two
// consumer groups, for ten simulated minutes. It is what `npm start` runs and what the playground opens with.

import { MiB, MICROS_PER_SECOND } from "../units.ts";
import type { ArchitectureSpec } from "./architectures.ts";
import { INSTANCE_TYPES, type ClusterSpec } from "./cluster.ts";
import type { RunConfig } from "./run.ts";
import { createWorkload } from "./workload.ts";

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
];

/** Builds the default comparison for a seed and an optional duration override (µs). */
export function defaultComparison(seed = 1, testDurationMicros = 600 * MICROS_PER_SECOND): Comparison {
  const cluster: ClusterSpec = { zones: 3, brokersPerZone: 2, instance: INSTANCE_TYPES["r6i.xlarge"] };
  const workload = createWorkload({
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
  });
  return {
    name: "default",
    description: "100 MiB/s of 1 KiB messages, 64 partitions, 2 consumer groups, 3 zones, 6 brokers (r6i.xlarge)",
    seed,
    runs: DEFAULT_ARCHITECTURES.map((architecture) => ({ seed, workload, cluster, architecture, intervalMicros: 10 * MICROS_PER_SECOND })),
  };
}

// Builders for small runs in tests: one call gives a run with a workload, cluster and architecture that
// finish in a second or two, each field overridable.

import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { INSTANCE_TYPES, type ClusterSpec } from "../../sim/model/cluster.ts";
import { createRun, type Run, type RunConfig } from "../../sim/model/run.ts";
import { createWorkload, type WorkloadOptions } from "../../sim/model/workload.ts";

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** Options for a test run; everything has a small default. */
export interface SmallRunOptions {
  seed?: number;
  architecture?: ArchitectureSpec;
  workload?: WorkloadOptions;
  cluster?: Partial<ClusterSpec>;
  intervalMicros?: number;
}

/** The RunConfig of a small run: 20 MiB/s of 1 KiB messages, 12 partitions, 3 zones × 1 broker, 5 simulated s. */
export function smallRunConfig(options: SmallRunOptions = {}): RunConfig {
  return {
    seed: options.seed ?? 1,
    architecture: options.architecture ?? { kind: "kafka" },
    workload: createWorkload({
      produceBytesPerSecond: 20 * MiB,
      partitionsPerTopic: 12,
      producersPerTopic: 3,
      subscriptionsPerTopic: 1,
      consumerPerSubscription: 3,
      testDurationMicros: 5_000_000,
      ...options.workload,
    }),
    cluster: { zones: 3, brokersPerZone: 1, instance: INSTANCE_TYPES["r6i.xlarge"], ...options.cluster },
    intervalMicros: options.intervalMicros ?? 1_000_000,
  };
}

/** Builds a small run without running it. */
export function smallRun(options: SmallRunOptions = {}): Run {
  return createRun(smallRunConfig(options));
}

/** Builds and runs a small run to its end; returns the run (its result via run.result()). */
export function runToEnd(options: SmallRunOptions = {}): Run {
  const run = smallRun(options);
  run.advance(run.endMicros);
  run.sampler.sample();
  return run;
}

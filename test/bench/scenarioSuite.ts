// Scenario benchmarks: the reference scenario — one simulated hour at 1 GiB/s in, 3 consumer groups, 9 brokers over
// 3 zones, 3,000 partitions — once per architecture. BYTEPATH_BENCH_MINUTES and BYTEPATH_BENCH_PARTITIONS scale it
// (doubling partitions or time is how the scaling targets are checked). The Kafka kinds run in coarse client fidelity
// (scenarios/models/fidelity.md: 1 ms coalescing, shared fetch sessions), as long runs should; BYTEPATH_BENCH_EXACT=1
// runs them request-faithful instead. AutoMQ and diskless stay exact: their fetches are already few.

import { DEFAULT_ARCHITECTURES, CLIENT_TUNING } from "../../sim/model/defaultScenario.ts";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun } from "../../sim/model/run.ts";
import type { Fidelity } from "../../sim/model/fidelity.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { GiB, MICROS_PER_SECOND } from "../../sim/units.ts";
import { registerBenchmark } from "./registry.ts";

const minutes = Number(process.env.BYTEPATH_BENCH_MINUTES ?? 60);
const partitions = Number(process.env.BYTEPATH_BENCH_PARTITIONS ?? 3000);

// One run per architecture kind, configured as in the default comparison (the S3-WAL AutoMQ and S3-Standard
// diskless runs, with their object-storage client settings).
const BENCHED = ["kafka", "kafka-tiered", "automq-s3-wal", "diskless"];
// Coarse fidelity where it pays: Kafka's long polls answer every append, tens of thousands of fetches per second.
const exact = process.env.BYTEPATH_BENCH_EXACT === "1";
const COARSE: Fidelity = { coalesceMicros: 1_000, shareSessions: true };
const FIDELITY: Record<string, Fidelity | undefined> = exact ? {} : { kafka: COARSE, "kafka-tiered": COARSE };

for (const name of BENCHED) {
  const architecture = DEFAULT_ARCHITECTURES.find((a) => a.name === name)!;
  const fidelity = FIDELITY[name];
  const mode = fidelity ? `coarse fidelity (${fidelity.coalesceMicros / 1000} ms coalescing, shared sessions)` : "exact fidelity";
  registerBenchmark({
    suite: "scenario",
    name: architecture.kind,
    description: `${minutes} simulated min, 1 GiB/s, 3 consumer groups, 9 brokers in 3 zones, ${partitions} partitions, ${mode}`,
    run(timer) {
      const run = createRun({
        seed: 1,
        intervalMicros: 60 * MICROS_PER_SECOND,
        architecture,
        cluster: { zones: 3, brokersPerZone: 3, instance: INSTANCE_TYPES["m7g.4xlarge"] },
        workload: createWorkload({
          produceBytesPerSecond: GiB,
          partitionsPerTopic: partitions,
          producersPerTopic: 3,
          subscriptionsPerTopic: 3,
          consumerPerSubscription: 3,
          testDurationMicros: minutes * 60 * MICROS_PER_SECOND,
          consumer: { clientRack: true },
          producer: CLIENT_TUNING[name] ?? {},
          ...(fidelity ? { fidelity } : {}),
        }),
      });
      timer.start();
      while (!run.done) {
        run.advance(run.world.engine.nowMicros + 60 * MICROS_PER_SECOND);
        timer.sample();
      }
      timer.stop();
      const result = run.result();
      return {
        events: run.world.engine.eventsTotal,
        notes: {
          publishMiBps: (result.publishBytesRate / 2 ** 20).toFixed(0),
          publishP99ms: result.publishLatency99pct,
          endToEndP99ms: result.endToEndLatency99pct,
          fidelity: fidelity ? `coarse ${fidelity.coalesceMicros} µs` : "exact",
          crossZonePerByte: result.crossZoneBytesPerProducedByte.toFixed(3),
        },
      };
    },
  });
}

// Scenario benchmarks: the reference scenario — one simulated hour at 1 GiB/s in, 3 consumer groups, 9 brokers over
// 3 zones, 3,000 partitions — once per architecture. BYTEPATH_BENCH_MINUTES and BYTEPATH_BENCH_PARTITIONS scale it
// (doubling partitions or time is how the scaling targets are checked).

import { DEFAULT_ARCHITECTURES, CLIENT_TUNING } from "../../sim/model/defaultScenario.ts";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun } from "../../sim/model/run.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { GiB, MICROS_PER_SECOND } from "../../sim/units.ts";
import { registerBenchmark } from "./registry.ts";

const minutes = Number(process.env.BYTEPATH_BENCH_MINUTES ?? 60);
const partitions = Number(process.env.BYTEPATH_BENCH_PARTITIONS ?? 3000);

// One run per architecture kind, configured as in the default comparison (the S3-WAL AutoMQ and S3-Standard
// diskless runs, with their object-storage client settings).
const BENCHED = ["kafka", "kafka-tiered", "automq-s3-wal", "diskless"];

for (const name of BENCHED) {
  const architecture = DEFAULT_ARCHITECTURES.find((a) => a.name === name)!;
  registerBenchmark({
    suite: "scenario",
    name: architecture.kind,
    description: `${minutes} simulated min, 1 GiB/s, 3 consumer groups, 9 brokers in 3 zones, ${partitions} partitions`,
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
          crossZonePerByte: result.crossZoneBytesPerProducedByte.toFixed(3),
        },
      };
    },
  });
}

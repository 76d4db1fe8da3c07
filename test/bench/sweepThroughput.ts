// One measured sweep in its own process, for sweepSuite.ts: `node --import tsx sweepThroughput.ts <workers>` runs a
// fixed sweep on that many worker threads and prints one JSON line — wall and CPU time (all threads) of the runs,
// after the workers have started, and the same including their start.

import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { ProgressReporter } from "../../sim/cli/progress.ts";
import { prepareSweep, runSweep, type SweepPlan } from "../../sim/cli/sweepRunner.ts";
import { scenarioToRunConfigs } from "../../sim/scenario/index.ts";
import { sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { WorkerPool } from "../../sim/cli/workerPool.ts";
import { parseVary } from "../../sim/sweep/sweepGrid.ts";

/** The benchmark sweep: 2 rates × 4 seeds × 2 architectures = 16 runs of 90 simulated seconds at 8–16 MiB/s. The two
 * architectures cost about the same per run, so how runs fall to the workers hardly matters. */
export const BENCH_SCENARIO = `
name: sweep-bench
seed: 1
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload: { partitionsPerTopic: 12, producerRate: 8 MiB/s, producersPerTopic: 2, subscriptionsPerTopic: 1, consumerPerSubscription: 2, testDuration: 90 s, warmupDuration: 0 s }
architectures: [{ kind: kafka }, { kind: kafka-tiered }]
`;

const workers = Number(process.argv[2]);
if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers: expected a whole number >= 1 (got ${process.argv[2]})`);
const plan: SweepPlan = {
  input: { text: BENCH_SCENARIO, source: "sweep-bench", setTexts: [], overrides: [] },
  seeds: 4,
  vary: [parseVary("workload.producerRate=8MiB/s,16MiB/s")],
  shard: null,
};
const prepared = prepareSweep(plan);
const pool = new WorkerPool(workers);
const loadAverage = loadavg()[0];
const startMs = performance.now();
const startCpu = process.cpuUsage();
// Warm-up: one short run per worker, so the timed part measures runs, not thread start-up and module loading.
const scenario = prepared.scenarios[0];
const warm = { config: { ...scenarioToRunConfigs(scenario)[0], workload: { ...scenario.workload, testDurationMicros: 1_000_000 } }, options: sessionOptionsFor(scenario)[0] };
await pool.run(Array.from({ length: workers }, () => warm));
const warmMs = performance.now();
const warmCpu = process.cpuUsage();
const report = await runSweep(prepared, plan, pool, (labels, lengths) => new ProgressReporter({ labels, lengthsMicros: lengths, tty: false, quiet: true, write: () => undefined }), () => "");
const endMs = performance.now();
const endCpu = process.cpuUsage();
await pool.close();
const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
const runs = report.rows.reduce((n, r) => n + r.runs.length, 0);
console.log(
  JSON.stringify({
    workers,
    runs,
    seconds: (endMs - warmMs) / 1000,
    cpuSeconds: cpu(warmCpu, endCpu),
    secondsWithStart: (endMs - startMs) / 1000,
    cpuSecondsWithStart: cpu(startCpu, endCpu),
    loadAverage,
    reportChars: JSON.stringify(report).length,
  }),
);

// Hand-built RunReports with known values, for judging thresholds without running the model: ten 10 s intervals
// (100 s, no warm-up), a zone outage at 40 s and a brownout at 70 s, and figures chosen so every expected reading
// can be worked out by hand.

import { COST_CATEGORIES, BYTE_PATHS, type BytePath, type CostCategory } from "../../sim/cost/bytePaths.ts";
import type { CostReport, CostTotals } from "../../sim/cost/costReport.ts";
import type { RecoveryReport, RunReport } from "../../sim/report/reportTypes.ts";

/** The scenario the fake runs belong to: kafka and diskless, 100 s, the outage [40, 70) and the brownout [70, 100). */
export const FAKE_SCENARIO = `name: fake
architectures:
  - kind: kafka
  - kind: diskless
workload: { testDuration: 100 s, warmupDuration: 0 s }
faults:
  - { name: zone-outage, kind: zoneOutage, at: 40 s, duration: 20 s, zone: 0 }
  - { kind: s3Brownout, at: 70 s, duration: 10 s, errorRatio: 0.01 }
`;

const totals = (usdPerMonth: number): CostTotals => ({
  usdPerMonth,
  byCategory: Object.fromEntries(COST_CATEGORIES.map((c) => [c, c === "crossZone" ? usdPerMonth / 2 : usdPerMonth / 6])) as Record<CostCategory, number>,
  byPath: Object.fromEntries(BYTE_PATHS.map((p) => [p, usdPerMonth / 5])) as Record<BytePath, number>,
});

/** A recovery report with every figure zero or null, then `fields`. */
export function fakeRecovery(index: number, name: string, fields: Partial<RecoveryReport>): RecoveryReport {
  return {
    index,
    name,
    kind: index === 0 ? "zoneOutage" : "s3Brownout",
    startAtSeconds: index === 0 ? 40 : 70,
    endAtSeconds: index === 0 ? 60 : 80,
    windowEndAtSeconds: index === 0 ? 70 : 100,
    detectSeconds: null,
    detectedBy: null,
    offlinePartitionsMax: 0,
    offlineSeconds: 0,
    underReplicatedPartitionsMax: 0,
    durabilityRestoredSeconds: null,
    reassignmentCompletedSeconds: null,
    produceErrors: 0,
    produceRetries: 0,
    produceP99MaxMs: null,
    timeToSloSeconds: null,
    lagBaselineBytes: null,
    lagMaxBytes: 0,
    lagBackToBaselineSeconds: null,
    ackedBytesLost: 0,
    ackedRecordsLost: 0,
    recoveryBytes: 0,
    recoveryCrossZoneBytes: 0,
    ...fields,
  };
}

/**
 * A run of `architecture`. Per interval: produce p99 5 ms except 80 and 60 ms in the outage's first two intervals;
 * 10,000 records (1 MB uncompressed) acknowledged except 4,000 and 5,000 then; 2 MB cross-zone, 4 MB in the
 * outage; 3 produce errors in the outage's first interval. Compression 2, so the steady cross-zone bytes per
 * produced byte are 2 MB / (1 MB / 2) = 4. Cost states: steady $1,000, failure $3,000, recovery $2,000 a month.
 */
export function fakeRun(architecture: string, change: (run: RunReport) => void = () => {}): RunReport {
  const p99 = [5, 5, 5, 5, 80, 60, 5, 5, 5, 5];
  const records = [10_000, 10_000, 10_000, 10_000, 4_000, 5_000, 10_000, 10_000, 10_000, 10_000];
  const published = records.map((r) => r * 100);
  const crossZone = [2, 2, 2, 2, 4, 4, 4, 2, 2, 2].map((mb) => mb * 1e6);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const latency = p99.map((v, i) => ({ startSeconds: i * 10, p50: 1, p99: v, max: v + 1, count: 1000 }));
  const states = [
    { name: "steady", from: 0, to: 40, usd: 1000 },
    { name: "failure", from: 40, to: 60, usd: 3000 },
    { name: "recovery", from: 60, to: 100, usd: 2000 },
  ];
  const cost = {
    architecture,
    kind: architecture,
    totals: totals(1900),
    states: states.map((s) => ({ name: s.name, fromSeconds: s.from, toSeconds: s.to, totals: totals(s.usd), lines: [] })),
  } as unknown as CostReport;
  const result = {
    schemaVersion: 1,
    architecture,
    kind: architecture,
    seed: 1,
    simulatedSeconds: 100,
    measuredSeconds: 100,
    publishRate: sum(records) / 100,
    publishBytesRate: sum(published) / 100,
    consumeRate: 0,
    consumeBytesRate: 0,
    backlogBytes: 0,
    produceErrors: 3,
    publishLatency99pct: 30,
    publishLatency95pct: 7,
    endToEndLatency99pct: 40,
    crossZoneBytes: sum(crossZone),
    crossZoneBytesPerProducedByte: sum(crossZone) / (sum(published) / 2),
    objectStoreBytes: 0,
    brokerNetwork: { inMean: 0.2, inMax: 0.3, outMean: 0.2, outMax: 0.3 },
    architectureFigures: { pageCacheHitRatio: 0.95 },
    invariants: { violations: [], ackedBytesLost: 0 },
    intervals: {
      intervalSeconds: 10,
      publishLatency: latency,
      endToEndLatency: latency,
      series: { publishedRecords: records, publishedBytes: published, produceErrors: [0, 0, 0, 0, 3, 0, 0, 0, 0, 0], "bytes.replication.crossZone": crossZone },
    },
  } as unknown as RunReport["result"];
  const run: RunReport = {
    schemaVersion: 1,
    architecture,
    kind: architecture,
    seed: 1,
    result,
    slo: { produceP99Ms: 10, source: "2 × this run's worst pre-fault interval p99 (5 ms)" },
    recovery: [fakeRecovery(0, "zone-outage", { produceErrors: 3, timeToSloSeconds: null, ackedRecordsLost: 0 }), fakeRecovery(1, "s3Brownout", { timeToSloSeconds: 12 })],
    cost,
    incidentCost: { usd: 25, statement: "" },
  };
  change(run);
  return run;
}

// The figures a sweep keeps of each run and aggregates over seeds: the headline result figures, cost, and each
// fault's recovery figures under the fault's name. Names follow the threshold metric catalogue's canonical names
// (publishLatency99pct, cost.usdPerMonth, recovery.<field> during <fault>).

import type { RecoveryReport, RunReport } from "../report/reportTypes.ts";
import { latencyOverRun, type LatencyMeasure } from "../thresholds/latencyReadings.ts";

/** A figure of a run the sweep keeps. */
export interface SweepMetric {
  name: string;
  unit: string;
  description: string;
  /** The run's value; null when the run cannot tell (e.g. no recovery within the run). */
  value: (run: RunReport) => number | null;
}

// The result writes 0 for a percentile of an empty histogram; a run that measured no record cannot tell its latency,
// so it reads null (as thresholds read it) and stays out of the mean instead of pulling it towards 0 ms.
const latency = (measure: LatencyMeasure, field: string) => (r: RunReport) => latencyOverRun(r, measure, field).value;

const RESULT_METRICS: SweepMetric[] = [
  { name: "publishLatency50pct", unit: "ms", description: "produce p50 over the measured run", value: latency("publishLatency", "publishLatency50pct") },
  { name: "publishLatency99pct", unit: "ms", description: "produce p99 over the measured run", value: latency("publishLatency", "publishLatency99pct") },
  { name: "publishLatency999pct", unit: "ms", description: "produce p99.9 over the measured run", value: latency("publishLatency", "publishLatency999pct") },
  { name: "endToEndLatency99pct", unit: "ms", description: "end-to-end p99 over the measured run", value: latency("endToEndLatency", "endToEndLatency99pct") },
  { name: "publishBytesRate", unit: "B/s", description: "bytes acknowledged per second", value: (r) => r.result.publishBytesRate },
  { name: "consumeBytesRate", unit: "B/s", description: "bytes consumed per second, all groups", value: (r) => r.result.consumeBytesRate },
  { name: "produceErrors", unit: "count", description: "produce requests that failed", value: (r) => r.result.produceErrors },
  { name: "crossZoneBytesPerProducedByte", unit: "ratio", description: "cross-zone bytes per produced byte", value: (r) => r.result.crossZoneBytesPerProducedByte },
  { name: "ackedBytesLost", unit: "bytes", description: "acknowledged bytes lost", value: (r) => r.result.invariants.ackedBytesLost },
  { name: "cost.usdPerMonth", unit: "USD/month", description: "monthly cost at the run's measured usage", value: (r) => r.cost.totals.usdPerMonth },
  { name: "incidentCost.usd", unit: "USD", description: "what the faults added to the bill", value: (r) => r.incidentCost?.usd ?? null },
];

const RECOVERY_FIELDS: Array<{ field: keyof RecoveryReport; unit: string; description: string }> = [
  { field: "detectSeconds", unit: "s", description: "time to detect" },
  { field: "timeToSloSeconds", unit: "s", description: "time until produce p99 stayed under the SLO" },
  { field: "durabilityRestoredSeconds", unit: "s", description: "time until every partition was fully replicated again" },
  { field: "lagBackToBaselineSeconds", unit: "s", description: "time until consumer lag was back to its baseline" },
  { field: "produceP99MaxMs", unit: "ms", description: "worst interval produce p99 in the fault's window" },
  { field: "offlinePartitionsMax", unit: "count", description: "most partitions offline at once" },
  { field: "produceErrors", unit: "count", description: "produce errors in the fault's window" },
  { field: "recoveryCrossZoneBytes", unit: "bytes", description: "cross-zone bytes spent on recovery" },
  { field: "ackedRecordsLost", unit: "count", description: "acknowledged records lost" },
];

/** The figures kept for a scenario whose faults have these names (in timeline order). */
export function sweepMetrics(faultNames: readonly string[]): SweepMetric[] {
  const recovery = faultNames.flatMap((fault, index) =>
    RECOVERY_FIELDS.map(({ field, unit, description }) => ({
      name: `recovery.${field} during ${fault}`,
      unit,
      description: `${description} (${fault})`,
      value: (r: RunReport) => {
        const found = r.recovery.find((f) => f.index === index);
        const v = found === undefined ? null : found[field];
        return typeof v === "number" && Number.isFinite(v) ? v : null;
      },
    })),
  );
  return [...RESULT_METRICS, ...recovery];
}

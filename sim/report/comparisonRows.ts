// The figures a reader compares first, as labelled rows over run reports — latency percentiles, throughput,
// cross-zone bytes, object-store requests, bytes stored, invariants, cost — and each fault's recovery figures. The
// terminal table and the Markdown report show the same rows.

import { latencyOverRun, type LatencyMeasure } from "../thresholds/latencyReadings.ts";
import type { RecoveryReport, RunReport } from "./reportTypes.ts";

/** One labelled row: a run's value as display text. */
export interface ComparisonRow {
  label: string;
  value: (run: RunReport) => string;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const fixed = (digits: number) => (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : "-");
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const optional = (x: number | null | undefined, format: (x: number) => string) => (x === undefined || x === null ? "-" : format(x));
const dollars = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;
// Rounded first, so a saving of a fraction of a cent prints as $0.00 rather than $-0.00.
const signedCents = (x: number) => {
  const cents = Math.round(x * 100);
  return `${cents < 0 ? "−" : ""}$${(Math.abs(cents) / 100).toFixed(2)}`;
};

// The result writes 0 for a percentile of an empty histogram; with no record measured it is no value, decided as the
// thresholds decide it, so the table shows a dash rather than claim 0 ms.
const latency = (measure: LatencyMeasure, field: string) => (r: RunReport) => optional(latencyOverRun(r, measure, field).value, ms);

/** The headline rows, result then cost. */
export const METRIC_ROWS: readonly ComparisonRow[] = [
  { label: "publish p50 (ms)", value: latency("publishLatency", "publishLatency50pct") },
  { label: "publish p99 (ms)", value: latency("publishLatency", "publishLatency99pct") },
  { label: "publish p99.9 (ms)", value: latency("publishLatency", "publishLatency999pct") },
  { label: "end-to-end p50 (ms)", value: latency("endToEndLatency", "endToEndLatency50pct") },
  { label: "end-to-end p99 (ms)", value: latency("endToEndLatency", "endToEndLatency99pct") },
  { label: "published (MiB/s)", value: (r) => fixed(1)(r.result.publishBytesRate / MiB) },
  { label: "consumed (MiB/s)", value: (r) => fixed(1)(r.result.consumeBytesRate / MiB) },
  { label: "produce errors", value: (r) => String(r.result.produceErrors) },
  { label: "cross-zone (MiB/s)", value: (r) => fixed(1)(r.result.crossZoneBytes / r.result.simulatedSeconds / MiB) },
  { label: "cross-zone per produced byte", value: (r) => fixed(3)(r.result.crossZoneBytesPerProducedByte) },
  { label: "to/from object store (MiB/s)", value: (r) => fixed(1)(r.result.objectStoreBytes / r.result.simulatedSeconds / MiB) },
  { label: "S3 PUT requests/s", value: (r) => optional(r.result.architectureFigures.s3PutRequests, (x) => fixed(1)(x / r.result.simulatedSeconds)) },
  { label: "S3 GET requests/s", value: (r) => optional(r.result.architectureFigures.s3GetRequests, (x) => fixed(1)(x / r.result.simulatedSeconds)) },
  { label: "broker NIC in/out, busiest (%)", value: (r) => `${fixed(0)(r.result.brokerNetwork.inMax * 100)}/${fixed(0)(r.result.brokerNetwork.outMax * 100)}` },
  { label: "stored on volumes (GiB)", value: (r) => optional(r.result.architectureFigures.volumeStoredBytes, (x) => fixed(2)(x / GiB)) },
  { label: "stored in S3 (GiB)", value: (r) => optional(r.result.architectureFigures.s3StoredBytes, (x) => fixed(2)(x / GiB)) },
  { label: "acked bytes lost", value: (r) => String(Math.round(r.result.invariants.ackedBytesLost)) },
  { label: "invariants", value: (r) => (r.result.invariants.violations.length === 0 ? "ok" : `${r.result.invariants.violations.length} broken`) },
  { label: "cost ($/month)", value: (r) => dollars(r.cost.totals.usdPerMonth) },
  { label: "incident cost ($)", value: (r) => optional(r.incidentCost?.usd, signedCents) },
];

const seconds = (x: number | null) => optional(x, fixed(1));
// Records are whole, but a loss is measured in bytes and divided by the record size; a loss under half a record
// still lost one, so it shows as "<1" rather than rounding to a reassuring 0.
const records = (x: number) => (x > 0 && x < 0.5 ? "<1" : String(Math.round(x)));

/** Rows of one fault's recovery, read from each run's RecoveryReport at the fault's index. */
export function recoveryRows(faultIndex: number): ComparisonRow[] {
  const of = (pick: (f: RecoveryReport) => string) => (r: RunReport) => {
    const f = r.recovery.find((x) => x.index === faultIndex);
    return f === undefined ? "-" : pick(f);
  };
  return [
    { label: "time to detect (s)", value: of((f) => seconds(f.detectSeconds)) },
    { label: "offline partitions, most", value: of((f) => String(f.offlinePartitionsMax)) },
    { label: "under-replicated, most", value: of((f) => String(f.underReplicatedPartitionsMax)) },
    { label: "produce p99, worst interval (ms)", value: of((f) => optional(f.produceP99MaxMs, ms)) },
    { label: "time to SLO (s)", value: of((f) => seconds(f.timeToSloSeconds)) },
    { label: "durability restored (s)", value: of((f) => seconds(f.durabilityRestoredSeconds)) },
    { label: "lag back to baseline (s)", value: of((f) => seconds(f.lagBackToBaselineSeconds)) },
    { label: "produce errors", value: of((f) => String(f.produceErrors)) },
    { label: "recovery bytes (GiB)", value: of((f) => fixed(2)(f.recoveryBytes / GiB)) },
    { label: "recovery cross-zone (GiB)", value: of((f) => fixed(2)(f.recoveryCrossZoneBytes / GiB)) },
    { label: "acked records lost", value: of((f) => records(f.ackedRecordsLost)) },
  ];
}

// Recovery metrics per fault, as plain data. Each fault owns the time from its `at` until the next fault begins
// (or the run's clock): counts there are exact differences of the run's counters, times are µs after `at`, read
// from the timeline, the sampled partition levels, the per-interval publish latency and the backlog series.

import { InputError } from "../errors.ts";
import { Series } from "../model/runStats.ts";
import { Locality } from "../network/index.ts";
import type { FaultKind } from "./fault.ts";
import { faultEndMicros } from "./fault.ts";
import type { FaultRun } from "./faultRun.ts";
import { readCounters, type CounterMark } from "./recoveryProbe.ts";

/** What the metrics are judged against. */
export interface RecoveryOptions {
  /** Produce (publish) latency p99 SLO, µs. */
  produceP99SloMicros: number;
  /** How far above its pre-fault baseline the backlog may be and count as recovered (ratio; default 0.1). */
  lagToleranceRatio?: number;
  /** Pre-fault backlog samples the baseline is the largest of (default 5). */
  baselineIntervals?: number;
  /** Backlog at or under this always counts as recovered, bytes (default: 100 ms of the workload's produce rate), so a
   * baseline of zero — consumers caught up at every sample — does not demand an exactly empty backlog. */
  lagSlackBytes?: number;
}

/** Timeline entries that show the system noticed a failure (an election, fencing, an ISR shrink, an agent gone). */
export const DETECTION_PREFIXES = ["leaders elected", "broker fenced", "follower dropped from ISR", "agent crashed"] as const;

/** How one fault played out. Times named …Micros are µs after startMicros unless they say otherwise; null means
 * "did not happen within the fault's window". */
export interface FaultRecovery {
  index: number;
  kind: FaultKind;
  /** When the fault began, µs of simulated time. */
  startMicros: number;
  /** When its direct effect ended (start + duration, or start), µs of simulated time. */
  endMicros: number;
  /** End of the window the figures cover: the next fault's start or the run's clock, µs of simulated time. */
  windowEndMicros: number;
  /** Until the first timeline entry in DETECTION_PREFIXES, and that entry's text. */
  detectMicros: number | null;
  detectedBy: string | null;
  /** Most partitions without a serving leader at once, and for how long any partition had none (µs). */
  offlinePartitionsMax: number;
  offlineMicros: number;
  /** Most partitions below full durability at once, and until the last time that count returned to zero. */
  underReplicatedPartitionsMax: number;
  durabilityRestoredMicros: number | null;
  /** Scale faults: until every planned move finished; null for other kinds. */
  reassignmentCompletedMicros: number | null;
  produceErrors: number;
  produceRetries: number;
  /** Highest per-interval produce p99 in the window (µs), and until the p99 stayed under the SLO. */
  produceP99MaxMicros: number | null;
  produceP99BackUnderSloMicros: number | null;
  /** Backlog before the fault (largest of the baseline samples, bytes), its peak in the window, and until it was
   * back within lagToleranceRatio of the baseline (or under lagSlackBytes) for good. */
  lagBaselineBytes: number | null;
  lagMaxBytes: number;
  lagBackToBaselineMicros: number | null;
  /** Uncompressed bytes and records acknowledged to producers and then lost. */
  ackedBytesLost: number;
  ackedRecordsLost: number;
  /** Bytes moved with flow class recovery (catch-up, re-replication, WAL read-back), and how many crossed zones. */
  recoveryBytes: number;
  recoveryCrossZoneBytes: number;
}

/** The recovery figures of every fault that has begun, in list order. */
export function recoveryMetrics(faultRun: FaultRun, options: RecoveryOptions): FaultRecovery[] {
  const slo = options?.produceP99SloMicros;
  if (typeof slo !== "number" || !Number.isFinite(slo) || slo <= 0) throw new InputError("produceP99SloMicros", slo, "a latency in µs > 0");
  const tolerance = options.lagToleranceRatio ?? 0.1;
  if (typeof tolerance !== "number" || !Number.isFinite(tolerance) || tolerance < 0) throw new InputError("lagToleranceRatio", tolerance, "a ratio >= 0");
  const baselineIntervals = options.baselineIntervals ?? 5;
  if (!Number.isSafeInteger(baselineIntervals) || baselineIntervals < 1) throw new InputError("baselineIntervals", baselineIntervals, "a whole number >= 1");
  const { run, faults, marks, levels } = faultRun;
  const workload = run.world.workload;
  const slack = options.lagSlackBytes ?? (workload.producerRate * workload.messageBytes) / 10;
  if (typeof slack !== "number" || !Number.isFinite(slack) || slack < 0) throw new InputError("lagSlackBytes", slack, "a number of bytes >= 0");
  const now = run.world.engine.nowMicros;
  const current = readCounters(run);
  const p99 = new Map<number, number>();
  const latency = run.world.stats.publishLatencyByInterval;
  for (const s of latency.summaries()) p99.set(Math.round(s.startMicros / latency.intervalMicros), s.p99);
  const backlog = run.world.stats.series.snapshot();
  const out: FaultRecovery[] = [];
  faults.forEach((fault, i) => {
    const start = marks[i];
    if (!start) return;
    const at = fault.at;
    let windowEnd = now;
    let end: CounterMark = current;
    faults.forEach((other, j) => {
      if (other.at > at && other.at < windowEnd && marks[j]) {
        windowEnd = other.at;
        end = marks[j]!;
      }
    });
    const detect = run.world.timeline.find((t) => t.atMicros >= at && t.atMicros < windowEnd && DETECTION_PREFIXES.some((p) => t.what.startsWith(p)));
    const offline = levels.summarize("offline", at, windowEnd);
    const durability = levels.summarize("underReplicated", at, windowEnd);
    const lost = end.ackedBytesLost - start.ackedBytesLost;
    const done = faultRun.completedMicros[i];
    const lag = lagFigures(backlog.values[Series.backlogBytes], backlog.intervalMicros, at, windowEnd, windowEnd === now, tolerance, slack, baselineIntervals);
    out.push({
      index: i,
      kind: fault.kind,
      startMicros: at,
      endMicros: faultEndMicros(fault),
      windowEndMicros: windowEnd,
      detectMicros: detect ? detect.atMicros - at : null,
      detectedBy: detect ? detect.what : null,
      offlinePartitionsMax: offline.max,
      offlineMicros: offline.aboveZeroMicros,
      underReplicatedPartitionsMax: durability.max,
      durabilityRestoredMicros: durability.settledAtMicros === undefined ? null : durability.settledAtMicros - at,
      reassignmentCompletedMicros: done === undefined ? null : done - at,
      produceErrors: end.produceErrors - start.produceErrors,
      produceRetries: end.produceRetries - start.produceRetries,
      ...p99Figures(p99, latency.intervalMicros, run.world.stats.measureFromMicros, at, windowEnd, slo),
      ...lag,
      ackedBytesLost: lost,
      ackedRecordsLost: lost / workload.messageBytes,
      recoveryBytes: end.recoveryBytes.reduce((x, y) => x + y, 0) - start.recoveryBytes.reduce((x, y) => x + y, 0),
      recoveryCrossZoneBytes: end.recoveryBytes[Locality.crossZone] - start.recoveryBytes[Locality.crossZone],
    });
  });
  return out;
}

// An interval with no acknowledgement at all is over the SLO (nothing met it); intervals in warm-up are skipped.
function p99Figures(p99: Map<number, number>, interval: number, measureFrom: number, at: number, windowEnd: number, slo: number) {
  const first = Math.floor(at / interval);
  const last = Math.ceil(windowEnd / interval) - 1;
  let max: number | null = null;
  let lastOver = -1;
  let seen = false;
  for (let k = first; k <= last; k++) {
    if ((k + 1) * interval <= measureFrom) continue;
    seen = true;
    const value = p99.get(k);
    if (value !== undefined && (max === null || value > max)) max = value;
    if (value === undefined || value > slo) lastOver = k;
  }
  let back: number | null = null;
  if (seen && lastOver < 0) back = 0;
  else if (seen && lastOver < last) back = (lastOver + 1) * interval - at;
  return { produceP99MaxMicros: max, produceP99BackUnderSloMicros: back };
}

// The sampler writes interval k's backlog at the interval's end, (k + 1)·interval, after any fault acting at that
// same instant (the faults were scheduled first): a sample at `at` already belongs to the fault's window.
function lagFigures(values: Float64Array, interval: number, at: number, windowEnd: number, openEnded: boolean, tolerance: number, slack: number, baselineCount: number) {
  const firstAfter = Math.max(0, Math.ceil(at / interval) - 1);
  let baseline: number | null = null;
  for (let k = Math.max(0, firstAfter - baselineCount); k < firstAfter && k < values.length; k++) baseline = Math.max(baseline ?? 0, values[k]);
  let max = 0;
  let lastOver = -1;
  let lastSample = -1;
  for (let k = firstAfter; k < values.length; k++) {
    const sampledAt = (k + 1) * interval;
    if (sampledAt > windowEnd || (sampledAt === windowEnd && !openEnded)) break;
    lastSample = k;
    max = Math.max(max, values[k]);
    if (baseline !== null && values[k] > Math.max(slack, baseline * (1 + tolerance))) lastOver = k;
  }
  let back: number | null = null;
  if (baseline !== null && lastSample >= 0 && lastOver !== lastSample) back = lastOver < 0 ? 0 : (lastOver + 2) * interval - at;
  return { lagBaselineBytes: baseline, lagMaxBytes: max, lagBackToBaselineMicros: back };
}

// From runs to a sweep report: each (point, seed) reduced to a row, and the rows — always sorted into canonical
// order first — aggregated per point × architecture × metric. A whole sweep and merged shards both end in
// finishSweep with the same rows, so their reports are the same bytes.

import { InputError } from "../errors.ts";
import type { RunReport, ThresholdOutcome } from "../report/reportTypes.ts";
import { studentTQuantile } from "./studentT.ts";
import type { SweepMetric } from "./sweepMetrics.ts";
import type { MetricStats, SweepAggregate, SweepDefinition, SweepReport, SweepRow, SweepRun } from "./sweepReport.ts";
import type { Shard } from "./sweepGrid.ts";

/** One architecture's run reduced to what the sweep keeps; outcomes are that run's threshold outcomes. */
export function sweepRun(report: RunReport, outcomes: readonly ThresholdOutcome[], metrics: readonly SweepMetric[]): SweepRun {
  return {
    architecture: report.architecture,
    stoppedBy: report.result.stoppedBy,
    invariantViolations: report.result.invariants.violations.length,
    metrics: metrics.map((m) => {
      const v = m.value(report);
      return v !== null && Number.isFinite(v) ? v : null;
    }),
    thresholds: outcomes
      .filter((o) => o.architecture === report.architecture)
      .sort((a, b) => a.index - b.index)
      .map((o) => ({ index: o.index, pass: o.pass, measured: o.measured ?? null, margin: o.margin ?? null })),
  };
}

/** Mean, sample standard deviation and 95 % Student-t interval of the values, in the order given. */
export function metricStats(metric: string, values: readonly (number | null)[]): MetricStats {
  const present = values.filter((v): v is number => v !== null);
  const n = present.length;
  if (n === 0) return { metric, n, mean: null, sd: null, ciLow: null, ciHigh: null };
  let sum = 0;
  for (const v of present) sum += v;
  const mean = sum / n;
  if (n < 2) return { metric, n, mean, sd: null, ciLow: null, ciHigh: null };
  // Two passes (deviations from the mean), not a running sum of squares: no cancellation for large, close values.
  let squares = 0;
  for (const v of present) squares += (v - mean) * (v - mean);
  const sd = Math.sqrt(squares / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { metric, n, mean, sd, ciLow: mean - half, ciHigh: mean + half };
}

/** Rows sorted by (point, seed index); throws InputError on a repeated row. */
export function canonicalRows(rows: readonly SweepRow[]): SweepRow[] {
  const sorted = [...rows].sort((a, b) => a.point - b.point || a.seedIndex - b.seedIndex);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].point === sorted[i - 1].point && sorted[i].seedIndex === sorted[i - 1].seedIndex) {
      throw new InputError("rows", `point ${sorted[i].point}, seed ${sorted[i].seedIndex}`, "each (point, seed) row once");
    }
  }
  return sorted;
}

/** The aggregate of complete, canonical rows: per point (in order), per architecture (in the definition's order). */
export function aggregateRows(definition: SweepDefinition, rows: readonly SweepRow[]): SweepAggregate[] {
  const out: SweepAggregate[] = [];
  for (const point of definition.points) {
    const atPoint = rows.filter((r) => r.point === point.index);
    for (const architecture of definition.architectures) {
      const runs = atPoint.map((r) => r.runs.find((run) => run.architecture === architecture)).filter((run): run is SweepRun => run !== undefined);
      const metrics = definition.metrics.map((m, i) => metricStats(m.name, runs.map((run) => run.metrics[i] ?? null)));
      const thresholds = definition.thresholds.flatMap((t) => {
        const judged = runs.flatMap((run) => run.thresholds.filter((o) => o.index === t.index));
        if (judged.length === 0) return [];
        const passes = judged.filter((o) => o.pass).length;
        return [{ index: t.index, passes, n: judged.length, passRate: passes / judged.length, measured: metricStats(t.check, judged.map((o) => o.measured)) }];
      });
      out.push({ point: point.index, architecture, metrics, thresholds });
    }
  }
  return out;
}

/** The report of a sweep or of one shard: rows in canonical order; aggregates only for a whole sweep, whose rows
 * must then be complete. */
export function finishSweep(definition: SweepDefinition, rows: readonly SweepRow[], shard: Shard | null): SweepReport {
  const sorted = canonicalRows(rows);
  if (shard === null) {
    const expected = definition.points.length * definition.seeds.count;
    if (sorted.length !== expected) throw new InputError("rows", sorted.length, `all ${expected} (point, seed) rows of the sweep`);
  }
  return {
    // Keys in one fixed order whatever built the definition, so a merged report is the same bytes as a whole one.
    ...definitionOf(definition),
    shard: shard === null ? null : { index: shard.index, count: shard.count },
    rows: sorted,
    aggregates: shard === null ? aggregateRows(definition, sorted) : null,
  };
}

/** The definition part of a report, in the key order every report is written with. */
export function definitionOf(report: SweepDefinition): SweepDefinition {
  const { schemaVersion, kind, scenario, architectures, vary, seeds, points, metrics, thresholds } = report;
  return { schemaVersion, kind, scenario, architectures, vary, seeds, points, metrics, thresholds };
}

/** Combines the shard files of one sweep (every shard 1 … n once, any order) into the whole sweep's report. */
export function mergeShards(shards: readonly SweepReport[]): SweepReport {
  if (!Array.isArray(shards) || shards.length === 0) throw new InputError("shards", shards, "one or more shard reports");
  const first = shards[0];
  const definition = JSON.stringify(definitionOf(first));
  const count = first.shard?.count;
  const seen = new Set<number>();
  shards.forEach((s, i) => {
    if (s.shard === null || s.shard === undefined) throw new InputError(`shards[${i}].shard`, s.shard, "a shard file (written by sweep --shard i/n), not a whole sweep");
    if (s.shard.count !== count) throw new InputError(`shards[${i}].shard.count`, s.shard.count, `the same shard count as the first file (${count})`);
    if (seen.has(s.shard.index)) throw new InputError(`shards[${i}].shard.index`, s.shard.index, "each shard once");
    seen.add(s.shard.index);
    if (JSON.stringify(definitionOf(s)) !== definition) throw new InputError(`shards[${i}]`, `shard ${s.shard.index}/${s.shard.count}`, "a shard of the same sweep (scenario, hash, grid, seeds and metrics all equal)");
  });
  const missing = Array.from({ length: count ?? 0 }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError("shards", [...seen].sort((a, b) => a - b).join(", "), `all ${count} shards (missing ${missing.join(", ")})`);
  return finishSweep(definitionOf(first), shards.flatMap((s) => s.rows), null);
}

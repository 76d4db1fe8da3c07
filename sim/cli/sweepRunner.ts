// Runs a sweep on the worker pool (Node only): every grid point's scenario is parsed before anything runs (a bad
// value fails at once, naming its point), then each (point, seed) row of the shard runs every architecture; a row is
// reduced to figures and threshold outcomes as soon as its runs are in, so memory holds rows, not reports.

import { scenarioToRunConfigs, ScenarioError, type Scenario } from "../scenario/index.ts";
import { scenarioHash, sessionOptionsFor } from "../report/scenarioReport.ts";
import type { RunReport } from "../report/reportTypes.ts";
import { findMetric } from "../thresholds/metricCatalogue.ts";
import { evaluateThresholds } from "../thresholds/evaluateThresholds.ts";
import { finishSweep, sweepRun } from "../sweep/aggregateSweep.ts";
import { gridPoints, SEED_RULE, shardRows, sweepSeed, type Shard, type VaryEntry } from "../sweep/sweepGrid.ts";
import { sweepMetrics, type SweepMetric } from "../sweep/sweepMetrics.ts";
import type { SweepDefinition, SweepReport, SweepRow } from "../sweep/sweepReport.ts";
import { ProgressReporter } from "./progress.ts";
import { buildScenario, type ScenarioInput } from "./scenarioSource.ts";
import { InternalFailure, isInputError } from "./failures.ts";
import { JobFailure, type RunJob, type WorkerPool } from "./workerPool.ts";

/** What to sweep. */
export interface SweepPlan {
  input: ScenarioInput;
  /** --seed, or the scenario's. */
  seed?: number;
  seeds: number;
  vary: VaryEntry[];
  shard: Shard | null;
}

/** A sweep ready to run: its definition and each point's scenario. */
export interface PreparedSweep {
  definition: SweepDefinition;
  scenarios: Scenario[];
  metrics: SweepMetric[];
}

/** Parses the base scenario and every grid point's; throws ScenarioError naming the point for a bad value. */
export function prepareSweep(plan: SweepPlan): PreparedSweep {
  const base = buildScenario(plan.input);
  const baseSeed = plan.seed ?? base.seed;
  const grid = gridPoints(plan.vary);
  const scenarios = grid.map((values, index) => {
    const overrides = values.map((v, i) => plan.vary[i].overrides[v]);
    try {
      return buildScenario(plan.input, overrides);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const where = values.map((v, i) => `${plan.vary[i].path}=${plan.vary[i].texts[v]}`).join(", ");
      throw new ScenarioError(`${error.source} at grid point ${index} (${where})`, error.issues, error.crossChecked);
    }
  });
  const metrics = sweepMetrics(base.faultNames);
  const definition: SweepDefinition = {
    schemaVersion: 1,
    kind: "sweep",
    scenario: { name: base.name, source: plan.input.source, hash: scenarioHash(base), seed: baseSeed },
    architectures: base.architectures.map((a) => a.name),
    vary: plan.vary.map((v) => ({ path: v.path, values: [...v.texts] })),
    seeds: { count: plan.seeds, rule: SEED_RULE, values: Array.from({ length: plan.seeds }, (_, i) => sweepSeed(baseSeed, i)) },
    points: grid.map((values, index) => ({ index, values: values.map((v, i) => plan.vary[i].texts[v]), hash: scenarioHash(scenarios[index]) })),
    metrics: metrics.map((m) => ({ name: m.name, unit: m.unit, description: m.description })),
    thresholds: base.thresholds.map((t, index) => ({ index, check: t.check, area: t.area, severity: t.severity, unit: findMetric(t.metric)?.unit ?? "" })),
  };
  return { definition, scenarios, metrics };
}

/** Runs the plan's shard of rows on the pool and returns its report (the whole sweep's without a shard). A run that
 * fails for a reason other than its input becomes an InternalFailure naming the run, its seed, the point's scenario
 * hash and the command that reproduces it. */
export async function runSweep(
  prepared: PreparedSweep,
  plan: SweepPlan,
  pool: WorkerPool,
  progress: (labels: string[], lengths: number[]) => ProgressReporter,
  reproduce: (seed: number, point: number) => string,
): Promise<SweepReport> {
  const { definition, scenarios, metrics } = prepared;
  const rowNumbers = shardRows(definition.points.length, plan.seeds, plan.shard);
  const jobs: RunJob[] = [];
  const jobRow: number[] = [];
  const jobArchitecture: number[] = [];
  const jobSeed: number[] = [];
  const jobPoint: number[] = [];
  const labels: string[] = [];
  const lengths: number[] = [];
  for (const [slot, r] of rowNumbers.entries()) {
    const point = Math.floor(r / plan.seeds);
    const seed = definition.seeds.values[r % plan.seeds];
    const scenario = scenarios[point];
    const configs = scenarioToRunConfigs(scenario, seed);
    const options = sessionOptionsFor(scenario);
    configs.forEach((config, a) => {
      jobs.push({ config, options: options[a] });
      jobRow.push(slot);
      jobArchitecture.push(a);
      jobSeed.push(seed);
      jobPoint.push(point);
      labels.push(`${scenario.architectures[a].name}, point ${point}, seed ${seed}`);
      lengths.push(config.workload.warmupDurationMicros + config.workload.testDurationMicros);
    });
  }
  const reporter = progress(labels, lengths);
  const pending = rowNumbers.map((r) => {
    const count = scenarios[Math.floor(r / plan.seeds)].architectures.length;
    return { reports: new Array<RunReport>(count), left: count };
  });
  const rows: SweepRow[] = [];
  try {
    await pool.run(jobs, {
      keepReports: false,
      onProgress: (p) => reporter.update(p),
      onReport: (job, report) => {
        reporter.finished(job);
        const slot = jobRow[job];
        const entry = pending[slot];
        entry.reports[jobArchitecture[job]] = report;
        if (--entry.left > 0) return;
        const r = rowNumbers[slot];
        const point = Math.floor(r / plan.seeds);
        // Outcomes from the runs in the scenario's order, whatever order they finished in.
        const outcomes = evaluateThresholds(scenarios[point], entry.reports);
        rows.push({ point, seedIndex: r % plan.seeds, seed: definition.seeds.values[r % plan.seeds], runs: entry.reports.map((run) => sweepRun(run, outcomes, metrics)) });
        entry.reports = [];
      },
    });
  } catch (error) {
    if (!(error instanceof JobFailure) || isInputError(error.error)) throw error instanceof JobFailure ? error.error : error;
    const { job } = error;
    const cause = error.error instanceof Error ? (error.error.stack ?? error.error.message) : String(error.error);
    throw new InternalFailure([`${labels[job]}: ${cause}`, `scenario hash ${definition.points[jobPoint[job]].hash}, seed ${jobSeed[job]}`, `reproduce: ${reproduce(jobSeed[job], jobPoint[job])}`]);
  } finally {
    reporter.end();
  }
  return finishSweep(definition, rows, plan.shard);
}

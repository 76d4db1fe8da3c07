// `bytepath sweep` and `bytepath merge` (Node only): a scenario over a grid of values × seeds on the worker pool, a
// shard of it, or shard files merged back into the whole sweep's report — and the outputs and exit code of each.

import { InputError } from "../errors.ts";
import { mergeShards } from "../sweep/aggregateSweep.ts";
import { checkVaryEntries, parseShard, parseVary } from "../sweep/sweepGrid.ts";
import { sweepCsv, sweepJunit } from "../sweep/sweepOutputs.ts";
import type { SweepDefinition, SweepReport } from "../sweep/sweepReport.ts";
import { formatThresholdStats, sweepMarkdown, sweepTerminal } from "../sweep/sweepText.ts";
import type { CommonOptions, FailOn, Io } from "./commandIo.ts";
import { EXIT, InternalFailure } from "./failures.ts";
import { outputTargets, stdoutTaken, writeOutputs, type OutputKind, type OutputTarget } from "./outputs.ts";
import { ProgressReporter } from "./progress.ts";
import { reproduceCommand, scenarioInput } from "./scenarioSource.ts";
import { namingShardFile, readSweepShard } from "./shardFile.ts";
import { prepareSweep, runSweep, type SweepPlan } from "./sweepRunner.ts";
import { defaultWorkers, WorkerPool } from "./workerPool.ts";

/** Options of sweep, as commander parsed them. */
export interface SweepOptions extends CommonOptions {
  vary: string[];
  seeds: number;
  seed?: number;
  shard?: string;
  workers?: number;
  minutes?: number;
  set?: string[];
  arch?: string[];
}

/** Runs the sweep (or its shard); resolves to the exit code. */
export async function sweepCommand(file: string, options: SweepOptions, io: Io): Promise<number> {
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  const targets = sweepTargets(options, shard);
  const vary = options.vary.map((text) => parseVary(text));
  checkVaryEntries(vary);
  const input = scenarioInput(file, options);
  const plan: SweepPlan = { input, seeds: options.seeds, vary, shard };
  if (options.seed !== undefined) plan.seed = options.seed;
  const prepared = prepareSweep(plan);
  const d = prepared.definition;
  const rows = Math.ceil((d.points.length * d.seeds.count - (shard === null ? 0 : shard.index - 1)) / (shard?.count ?? 1));
  const workers = Math.max(1, options.workers ?? defaultWorkers());
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  const share = shard ? `, shard ${shard.index}/${shard.count}: ${n(rows, "row")}` : "";
  io.info(`${d.scenario.name}: ${n(d.points.length, "grid point")} × ${n(d.seeds.count, "seed")} × ${n(d.architectures.length, "architecture")}${share} on up to ${n(workers, "worker")}; scenario hash ${d.scenario.hash}`);
  const pool = new WorkerPool(workers);
  let progress: ProgressReporter | undefined;
  let report: SweepReport;
  try {
    report = await runSweep(prepared, plan, pool, (labels, lengths) => {
      progress = new ProgressReporter({ labels, lengthsMicros: lengths, tty: io.stderrTty, quiet: io.quiet, write: io.writeErr });
      return progress;
    }, (seed, point) => reproduceCommand(input, seed, pointSets(prepared.definition, point)));
  } finally {
    await pool.close();
  }
  io.info(`${report.rows.reduce((n, r) => n + r.runs.length, 0)} runs in ${progress?.elapsedSeconds.toFixed(1)} s`);
  await emit(report, targets, io);
  return sweepExit(report, options.failOn ?? "any", io, (seed, point) => reproduceCommand(input, seed, pointSets(report, point)));
}

/** Merges shard files; resolves to the exit code. */
export async function mergeCommand(files: string[], options: CommonOptions, io: Io): Promise<number> {
  const targets = outputTargets(options);
  const shards = files.map((file) => readSweepShard(file));
  let report: SweepReport;
  try {
    report = mergeShards(shards);
  } catch (error) {
    throw namingShardFile(error, files);
  }
  io.info(`merged ${files.length} shards: ${report.rows.length} rows of ${report.scenario.name}`);
  await emit(report, targets, io);
  return sweepExit(report, options.failOn ?? "any", io, (seed, point) => `bytepath run ${report.scenario.source} --seed ${seed}${pointSets(report, point).map((s) => ` --set '${s}'`).join("")} (plus the sweep's own --set, --minutes and --arch)`);
}

function sweepTargets(options: SweepOptions, shard: ReturnType<typeof parseShard> | null): OutputTarget[] {
  const targets = outputTargets(options);
  if (options.html !== undefined) throw new InputError("--html", options.html, "no --html for a sweep (HTML reports are for run and compare)");
  if (shard === null) return targets;
  const other = targets.find((t) => t.kind !== "json");
  if (other !== undefined) throw new InputError(`--${other.kind}`, other.file ?? "stdout", "only --json with --shard: a shard has no aggregates (merge the shards, then render)");
  return targets.length > 0 ? targets : [{ kind: "json", file: `sweep-shard-${shard.index}-of-${shard.count}.json` }];
}

function pointSets(report: SweepDefinition, point: number): string[] {
  return report.vary.map((v, i) => `${v.path}=${report.points[point].values[i]}`);
}

async function emit(report: SweepReport, targets: readonly OutputTarget[], io: Io): Promise<void> {
  if (!stdoutTaken(targets) && report.aggregates !== null) io.writeOut(sweepTerminal(report, io.style));
  const render = (kind: OutputKind): string => {
    switch (kind) {
      case "json":
        return `${JSON.stringify(report, null, 2)}\n`;
      case "markdown":
        return sweepMarkdown(report);
      case "junit":
        return sweepJunit(report);
      case "csv":
        return sweepCsv(report);
      case "html":
        throw new InputError("--html", "sweep", "run or compare (a sweep has no HTML report)");
    }
  };
  await writeOutputs(targets, render, io.info);
}

/** 3 when a run stopped short or broke an invariant, else 1 when a threshold failed on some seed, else 0. */
function sweepExit(report: SweepReport, failOn: FailOn, io: Io, reproduce: (seed: number, point: number) => string): number {
  const internal: string[] = [];
  for (const row of report.rows) {
    for (const run of row.runs) {
      if (run.stoppedBy === "end" && run.invariantViolations === 0) continue;
      const why = run.stoppedBy !== "end" ? `stopped short (${run.stoppedBy})` : `broke ${run.invariantViolations} invariants`;
      internal.push(`${run.architecture} at point ${row.point}, seed ${row.seed}: ${why}; scenario hash ${report.points[row.point].hash}; reproduce: ${reproduce(row.seed, row.point)}`);
    }
  }
  if (internal.length > 0) throw new InternalFailure(internal.length > 5 ? [...internal.slice(0, 5), `... and ${internal.length - 5} more`] : internal);
  let failed = 0;
  for (const a of report.aggregates ?? []) {
    for (const t of a.thresholds) {
      const def = report.thresholds.find((x) => x.index === t.index);
      if (t.passes === t.n || def === undefined || (failOn === "blocking" && def.severity !== "blocking")) continue;
      failed++;
      io.error(`threshold failed: [${a.architecture}] point ${a.point}: ${def.check}: passed on ${t.passes} of ${t.n} seeds, measured ${formatThresholdStats(t.measured, def.unit, def.check)} (mean ± 95% CI)`);
    }
  }
  // A shard has no aggregates; its rows still say whether a threshold failed.
  if (report.aggregates === null) {
    failed += report.rows.filter((r) => r.runs.some((run) => run.thresholds.some((o) => !o.pass && (failOn === "any" || report.thresholds[o.index]?.severity === "blocking")))).length;
    if (failed > 0) io.error(`threshold failed in ${failed} rows of this shard (merge the shards for the details)`);
  }
  return failed > 0 && failOn !== "none" ? EXIT.thresholdFailed : EXIT.ok;
}

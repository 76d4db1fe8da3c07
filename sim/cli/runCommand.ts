// `bytepath run` and `bytepath compare` (Node only): one scenario's architectures on the worker pool, reported as a
// ScenarioReport — on the terminal, and in whichever outputs were asked for — with the exit code its thresholds and
// invariants decide.

import type { RunConfig } from "../model/run.ts";
import { intervalsCsv } from "../report/csvReport.ts";
import { junitReport } from "../report/junitReport.ts";
import { markdownReport } from "../report/markdownReport.ts";
import type { RunReport, ScenarioReport } from "../report/reportTypes.ts";
import type { RunSessionOptions } from "../report/runSession.ts";
import { buildScenarioReport, scenarioHash, sessionOptionsFor } from "../report/scenarioReport.ts";
import { outcomeSentence, terminalReport } from "../report/terminalReport.ts";
import { scenarioToRunConfigs, type Scenario } from "../scenario/index.ts";
import type { CommonOptions, FailOn, Io } from "./commandIo.ts";
import { EXIT, InternalFailure, isInputError } from "./failures.ts";
import { renderHtml } from "./htmlOutput.ts";
import { outputTargets, stdoutTaken, writeOutputs, type OutputKind, type OutputTarget } from "./outputs.ts";
import { ProgressReporter } from "./progress.ts";
import { buildScenario, reproduceCommand, scenarioInput } from "./scenarioSource.ts";
import { defaultWorkers, JobFailure, WorkerPool } from "./workerPool.ts";

/** Options of run and compare, as commander parsed them. */
export interface RunOptions extends CommonOptions {
  seed?: number;
  minutes?: number;
  set?: string[];
  arch?: string[];
  workers?: number;
}

/** Runs the scenario; resolves to the exit code. */
export async function runCommand(file: string | undefined, options: RunOptions, mode: "run" | "compare", io: Io): Promise<number> {
  const targets = outputTargets(options);
  const input = scenarioInput(file, options);
  const scenario = buildScenario(input);
  const hash = scenarioHash(scenario);
  const configs = scenarioToRunConfigs(scenario, options.seed);
  const seed = configs[0].seed;
  const sessionOptions = sessionOptionsFor(scenario);
  const ends = configs.map((c) => c.workload.warmupDurationMicros + c.workload.testDurationMicros);
  for (const [i, fault] of scenario.faults.entries()) {
    if (fault.at >= Math.max(...ends)) io.info(`note: fault ${scenario.faultNames[i]} at ${fault.at / 1e6} s is after the run's end (${Math.max(...ends) / 1e6} s): it never happens`);
  }
  const first = scenario.description.trim().split(/(?<=\.)\s/)[0];
  const summary = first === "" ? "" : ` (${first.length > 100 ? `${first.slice(0, 99)}…` : first})`;
  io.info(`${scenario.name}${summary}: ${configs.length} architectures, ${Math.max(...ends) / 60e6} simulated minutes, seed ${seed}, scenario hash ${hash}`);
  try {
    return await runAndReport(scenario, configs, sessionOptions, ends, targets, options, mode, io);
  } catch (error) {
    throw asInternal(error, [`scenario hash ${hash}, seed ${seed}`, `reproduce: ${reproduceCommand(input, seed)}`], scenario.architectures.map((a) => a.name));
  }
}

/** An error that is not the input's fault, as an InternalFailure carrying what reproduces it; others unchanged. */
export function asInternal(error: unknown, reproduce: string[], labels: readonly string[]): unknown {
  if (error instanceof InternalFailure) return new InternalFailure([...error.lines, ...reproduce]);
  const cause = error instanceof JobFailure ? error.error : error;
  if (isInputError(cause)) return cause;
  const where = error instanceof JobFailure ? `${labels[error.job] ?? `job ${error.job}`}: ` : "";
  return new InternalFailure([`${where}${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`, ...reproduce]);
}

async function runAndReport(
  scenario: Scenario,
  configs: RunConfig[],
  sessionOptions: RunSessionOptions[],
  ends: number[],
  targets: OutputTarget[],
  options: RunOptions,
  mode: "run" | "compare",
  io: Io,
): Promise<number> {
  const progress = new ProgressReporter({ labels: scenario.architectures.map((a) => a.name), lengthsMicros: ends, tty: io.stderrTty, quiet: io.quiet, write: io.writeErr });
  const pool = new WorkerPool(Math.max(1, Math.min(options.workers ?? defaultWorkers(), configs.length)));
  let runs: RunReport[];
  try {
    runs = await pool.run(
      configs.map((config, i) => ({ config, options: sessionOptions[i] })),
      { onProgress: (p) => progress.update(p), onReport: (job) => progress.finished(job) },
    );
  } finally {
    progress.end();
    await pool.close();
  }
  const report = buildScenarioReport(scenario, runs);
  io.info(`${configs.length} runs in ${progress.elapsedSeconds.toFixed(1)} s`);
  const render = async (kind: OutputKind): Promise<string> => {
    switch (kind) {
      case "json":
        return `${JSON.stringify(report, null, 2)}\n`;
      case "markdown":
        return markdownReport(report);
      case "junit":
        return junitReport(report);
      case "csv":
        return intervalsCsv(report);
      case "html":
        return renderHtml(report);
    }
  };
  if (!stdoutTaken(targets)) io.writeOut(terminalReport(report, io.style, mode === "compare" ? "scorecard-first" : "figures-first"));
  await writeOutputs(targets, render, io.info);
  const internal = internalProblems(report);
  if (internal.length > 0) throw new InternalFailure(internal);
  return thresholdExit(report, options.failOn ?? "any", io);
}

/** Lines naming every run that broke an invariant or stopped short. */
export function internalProblems(report: ScenarioReport): string[] {
  const lines: string[] = [];
  for (const run of report.runs) {
    const r = run.result;
    if (r.stoppedBy !== "end") lines.push(`${run.architecture}: the run stopped at ${r.simulatedSeconds} s of simulated time (${r.stoppedBy}) after ${r.events} events, before its end`);
    for (const v of r.invariants.violations.slice(0, 5)) lines.push(`${run.architecture}: invariant broken: ${v}`);
  }
  return lines;
}

/** Exit 1 when a threshold failed (any, or only blocking ones with --fail-on blocking), naming each on stderr. */
export function thresholdExit(report: ScenarioReport, failOn: FailOn, io: Io): number {
  const failed = report.thresholds.filter((o) => !o.pass && (failOn !== "blocking" || o.severity === "blocking"));
  for (const o of failed) io.error(`threshold failed: ${outcomeSentence(o)}`);
  return failed.length > 0 && failOn !== "none" ? EXIT.thresholdFailed : EXIT.ok;
}

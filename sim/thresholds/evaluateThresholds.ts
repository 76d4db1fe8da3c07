// Judges a scenario's thresholds on its runs: one outcome per threshold and architecture it applies to, with the
// measured value and the limit in the metric's display unit and how far inside the limit the run stayed.

import { InputError, SimInvariantError } from "../errors.ts";
import type { RunReport, ThresholdOutcome } from "../report/reportTypes.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { baseUnitsPerDisplayUnit, findMetric, type Metric, type Reading, type ReadingContext } from "./metricCatalogue.ts";
import { scopeLabel, type Threshold, type ThresholdOperator } from "./threshold.ts";
import type { RunWindow } from "./windowReadings.ts";

/** Every threshold of the scenario judged on every run it applies to, threshold by threshold in file order, runs
 * in the order given. */
export function evaluateThresholds(scenario: Scenario, runs: RunReport[]): ThresholdOutcome[] {
  if (typeof scenario !== "object" || scenario === null || !Array.isArray(scenario.thresholds) || !Array.isArray(scenario.architectures)) {
    throw new InputError("scenario", scenario, "a Scenario from parseScenario");
  }
  if (!Array.isArray(runs)) throw new InputError("runs", runs, "an array of RunReports");
  const names = scenario.architectures.map((a) => a.name);
  runs.forEach((run, i) => {
    if (typeof run !== "object" || run === null || typeof run.result !== "object" || run.result === null) throw new InputError(`runs[${i}]`, run, "a RunReport");
    if (!names.includes(run.architecture)) throw new InputError(`runs[${i}].architecture`, run.architecture, `an architecture of scenario "${scenario.name}" (${names.join(", ")})`);
  });
  const outcomes: ThresholdOutcome[] = [];
  scenario.thresholds.forEach((threshold, index) => {
    const metric = findMetric(threshold.metric);
    if (metric === undefined) throw new SimInvariantError(`threshold ${index} names metric "${threshold.metric}", which the catalogue does not have`);
    for (const run of runs) {
      if (threshold.architectures !== undefined && !threshold.architectures.includes(run.architecture)) continue;
      outcomes.push(judge(index, threshold, metric, run, read(scenario, threshold, metric, run)));
    }
  });
  return outcomes;
}

function judge(index: number, threshold: Threshold, metric: Metric, run: RunReport, reading: Reading): ThresholdOutcome {
  const limit = threshold.limit / baseUnitsPerDisplayUnit(metric);
  const measured = reading.value;
  const outcome: ThresholdOutcome = {
    index,
    check: threshold.check,
    architecture: run.architecture,
    area: threshold.area,
    severity: threshold.severity,
    metric: metric.id,
    scope: scopeLabel(threshold.scope),
    operator: threshold.operator,
    limit,
    measured,
    unit: metric.unit,
    margin: measured === null ? null : Number(marginOf(threshold.operator, measured, limit).toPrecision(12)) + 0,
    pass: measured !== null && holds(threshold.operator, measured, limit),
  };
  // A value the run could not measure (a recovery that never came) cannot be shown to be inside any limit.
  const note = measured === null ? `${reading.note ?? "not measured in this run"}: fails` : reading.note;
  if (note !== undefined) outcome.note = note;
  return outcome;
}

function holds(operator: ThresholdOperator, measured: number, limit: number): boolean {
  switch (operator) {
    case "<":
      return measured < limit;
    case "<=":
      return measured <= limit;
    case ">":
      return measured > limit;
    case ">=":
      return measured >= limit;
  }
}

/** How far inside the limit: below an upper bound, above a lower one; negative outside. */
function marginOf(operator: ThresholdOperator, measured: number, limit: number): number {
  return operator === "<" || operator === "<=" ? limit - measured : measured - limit;
}

/** The metric's reading in the threshold's scope. */
function read(scenario: Scenario, threshold: Threshold, metric: Metric, run: RunReport): Reading {
  const scope = threshold.scope;
  const warmupSeconds = warmupOf(scenario, run);
  const context = contextOf(scenario, run);
  if (scope.kind === "run") {
    if (metric.whole) return metric.whole(run, context);
    throw new SimInvariantError(`metric ${metric.id} has no whole-run reading; the parser should have refused "${threshold.check}"`);
  }
  if (scope.kind === "steady") {
    const firstFault = scenario.faults.length > 0 ? Math.min(...scenario.faults.map((f) => f.at)) / 1e6 : Number.POSITIVE_INFINITY;
    const span: RunWindow = { fromSeconds: warmupSeconds, toSeconds: Math.min(firstFault, run.result.simulatedSeconds) };
    if (span.toSeconds <= span.fromSeconds) return { value: null, note: "no measured time before the first fault" };
    if (metric.window) return metric.window(run, span, context);
    throw new SimInvariantError(`metric ${metric.id} has no windowed reading; the parser should have refused "${threshold.check}"`);
  }
  const recovery = run.recovery.find((r) => r.index === scope.index);
  if (recovery === undefined) return { value: null, note: `fault "${scope.name}" did not begin within the run` };
  if (metric.fault) return metric.fault(recovery);
  if (metric.window) return metric.window(run, { fromSeconds: Math.max(recovery.startAtSeconds, warmupSeconds), toSeconds: recovery.windowEndAtSeconds }, context);
  throw new SimInvariantError(`metric ${metric.id} has no fault reading; the parser should have refused "${threshold.check}"`);
}

/** What the run's architecture's workload tells about the run that its report does not. */
function contextOf(scenario: Scenario, run: RunReport): ReadingContext {
  const architecture = scenario.architectures.find((a) => a.name === run.architecture);
  return { consumerBacklogBytes: architecture?.workload.consumerBacklogBytes ?? 0 };
}

/** Seconds of warm-up of the run's architecture. */
function warmupOf(scenario: Scenario, run: RunReport): number {
  const architecture = scenario.architectures.find((a) => a.name === run.architecture);
  return architecture ? architecture.workload.warmupDurationMicros / 1e6 : run.result.simulatedSeconds - run.result.measuredSeconds;
}

// One architecture's run from config to report, advanced in slices: the unit of work of a CLI worker and of the
// playground's worker alike. Between slices it reads the billable counters (so cost can take rates over any state),
// and at the end it gathers the result, the recovery of every fault and the cost into one RunReport.

import { costOfRun, type CostAssumptions, type CostReport } from "../cost/costReport.ts";
import { stateWindows, type StateMark, type StateWindow } from "../cost/meterRun.ts";
import { parsePriceBook } from "../cost/priceBookSchema.ts";
import type { PriceBook } from "../cost/priceBook.ts";
import { readUsage, runFacts } from "../cost/runProbe.ts";
import { UsageMeter } from "../cost/usageMeter.ts";
import { InputError } from "../errors.ts";
import { faultEndMicros, type Fault } from "../faults/fault.ts";
import { recoveryMetrics, type FaultRecovery } from "../faults/recoveryMetrics.ts";
import { createRun, type Run, type RunConfig } from "../model/run.ts";
import type { RunResultSummary } from "../model/result.ts";
import awsUsEast1 from "../../scenarios/prices/aws-us-east-1.json" with { type: "json" };
import type { IncidentCost, RecoveryReport, RunReport, SloReport } from "./reportTypes.ts";

/** Options of a run session: plain data, so they cross a worker boundary. */
export interface RunSessionOptions {
  /** Names of the config's faults, by index (a fault's kind when absent). */
  faultNames?: readonly string[];
  /** Produce p99 SLO for the recovery metrics, µs. Default: 2 × the run's worst pre-fault interval p99. */
  produceP99SloMicros?: number;
  /** A parsed price book. Default: AWS us-east-1 (scenarios/prices/aws-us-east-1.json). */
  priceBook?: PriceBook;
  costAssumptions?: CostAssumptions;
  /** Simulated time between usage readings, µs (default 250 ms): the resolution of cost's growth fits. */
  sampleMicros?: number;
}

/** Where a session stands after a slice. */
export interface SessionProgress {
  nowMicros: number;
  endMicros: number;
  events: number;
  done: boolean;
}

const DEFAULT_SAMPLE_MICROS = 250_000;
// A run whose p99 never settled (or had no interval before its first fault) still needs a bar to be judged against.
const SLO_FLOOR_MICROS = 1_000;

let defaultBook: PriceBook | undefined;

/** The built-in price book (AWS us-east-1). */
export function defaultPriceBook(): PriceBook {
  defaultBook ??= parsePriceBook(awsUsEast1, "scenarios/prices/aws-us-east-1.json");
  return defaultBook;
}

/** A run being advanced toward its report. */
export class RunSession {
  readonly run: Run;
  readonly #options: RunSessionOptions;
  readonly #states: StateWindow[];
  readonly #meter: UsageMeter;

  constructor(config: RunConfig, options: RunSessionOptions = {}) {
    if (typeof options !== "object" || options === null) throw new InputError("options", options, "an object of run-session options");
    const sample = options.sampleMicros ?? DEFAULT_SAMPLE_MICROS;
    if (!Number.isSafeInteger(sample) || sample <= 0) throw new InputError("options.sampleMicros", sample, "a whole number of µs > 0");
    const slo = options.produceP99SloMicros;
    if (slo !== undefined && !(typeof slo === "number" && Number.isFinite(slo) && slo > 0)) throw new InputError("options.produceP99SloMicros", slo, "a latency in µs > 0");
    this.#options = options;
    this.run = createRun(config);
    const faults = this.run.faultRun?.faults ?? [];
    this.#states = stateWindows(stateMarks(faults, this.run.config.workload.warmupDurationMicros, this.run.endMicros), 0, this.run.endMicros);
    this.#meter = new UsageMeter(this.run, sample, this.#states.flatMap((s) => [s.fromMicros, s.toMicros]));
  }

  /** Simulated end of the run, µs. */
  get endMicros(): number {
    return this.run.endMicros;
  }

  get done(): boolean {
    return this.run.done;
  }

  /** Advances to untilMicros (clamped to the end), reading usage every sampleMicros and at every state boundary. */
  advance(untilMicros: number): SessionProgress {
    if (typeof untilMicros !== "number" || Number.isNaN(untilMicros)) throw new InputError("untilMicros", untilMicros, "a simulated time in µs");
    // A step cut short by the event budget leaves the run where it stopped; the progress says so.
    this.#meter.advance(untilMicros);
    const run = this.run;
    const now = run.world.engine.nowMicros;
    return { nowMicros: now, endMicros: run.endMicros, events: run.world.engine.eventsTotal, done: run.done };
  }

  /** The result so far, without recovery or cost (cheap enough for a live view between slices). */
  result(): RunResultSummary {
    return this.run.result();
  }

  /** The full report; cost covers the states the run has reached. */
  report(): RunReport {
    const run = this.run;
    if (run.done) run.sampler.sample();
    const result = run.result();
    const faults = run.faultRun?.faults ?? [];
    const slo = this.#slo(result, faults);
    const names = this.#options.faultNames ?? [];
    const recovery = run.faultRun ? recoveryMetrics(run.faultRun, { produceP99SloMicros: slo.produceP99Ms * 1000 }).map((m) => recoveryReport(m, names[m.index] ?? m.kind)) : [];
    const now = run.world.engine.nowMicros;
    const reached = this.#states.filter((s) => s.fromMicros < now).map((s) => ({ ...s, toMicros: Math.min(s.toMicros, now) }));
    const taken = this.#meter.readings;
    const readings = taken[taken.length - 1].atMicros < now ? [...taken, readUsage(run)] : taken;
    const usage = { facts: runFacts(run), readings, states: reached };
    const cost = costOfRun(usage, this.#options.priceBook ?? defaultPriceBook(), this.#options.costAssumptions ?? {});
    return {
      schemaVersion: 1,
      architecture: result.architecture,
      kind: result.kind,
      seed: result.seed,
      result,
      slo,
      recovery,
      cost,
      incidentCost: incidentCost(cost),
    };
  }

  #slo(result: RunResultSummary, faults: readonly Fault[]): SloReport {
    const given = this.#options.produceP99SloMicros;
    if (given !== undefined) return { produceP99Ms: given / 1000, source: "scenario" };
    const firstFault = faults.length > 0 ? Math.min(...faults.map((f) => f.at)) / 1e6 : Number.POSITIVE_INFINITY;
    const warmup = this.run.config.workload.warmupDurationMicros / 1e6;
    const width = result.intervals.intervalSeconds;
    let worst = 0;
    for (const i of result.intervals.publishLatency) {
      if (i.startSeconds >= warmup && i.startSeconds + width <= firstFault && i.count > 0) worst = Math.max(worst, i.p99);
    }
    if (worst > 0) return { produceP99Ms: Math.max(SLO_FLOOR_MICROS / 1000, 2 * worst), source: `2 × this run's worst pre-fault interval p99 (${worst} ms)` };
    return { produceP99Ms: Math.max(SLO_FLOOR_MICROS / 1000, 2 * result.publishLatency99pct), source: `2 × this run's p99 (${result.publishLatency99pct} ms): no whole interval before the first fault` };
  }
}

/** Runs a config to its end and reports it, calling onProgress after each slice of sliceMicros (default 10 s). */
export function runToReport(config: RunConfig, options: RunSessionOptions = {}, onProgress?: (p: SessionProgress) => void, sliceMicros = 10_000_000): RunReport {
  if (!Number.isSafeInteger(sliceMicros) || sliceMicros <= 0) throw new InputError("sliceMicros", sliceMicros, "a whole number of µs > 0");
  const session = new RunSession(config, options);
  while (!session.done) {
    const before = session.run.world.engine.nowMicros;
    const p = session.advance(before + sliceMicros);
    onProgress?.(p);
    if (p.nowMicros === before) break;
  }
  return session.report();
}

/** The state a fault puts the system in while it acts, and what follows it. */
function stateOf(fault: Fault): { during: string; after: string } {
  switch (fault.kind) {
    case "trafficRamp":
      return { during: "growth", after: "growth" };
    case "trafficSpike":
    case "scaleOut":
    case "scaleIn":
      return { during: "growth", after: "steady" };
    case "replay":
      return { during: "replay", after: "replay" };
    default:
      return { during: "failure", after: "recovery" };
  }
}

// States for cost: steady from the end of warm-up; each fault starts its own state until it ends, then its after-state
// holds until the next fault. Overlapping faults: the later start wins (its state is the one the bill changes with).
function stateMarks(faults: readonly Fault[], warmupMicros: number, endMicros: number): StateMark[] {
  const edges: { at: number; name: string }[] = [{ at: warmupMicros, name: "steady" }];
  const sorted = [...faults].sort((a, b) => a.at - b.at);
  sorted.forEach((fault, i) => {
    const { during, after } = stateOf(fault);
    edges.push({ at: fault.at, name: during });
    const end = faultEndMicros(fault);
    const next = i + 1 < sorted.length ? sorted[i + 1].at : endMicros;
    if (end > fault.at && end < next) edges.push({ at: end, name: after });
  });
  const marks: StateMark[] = [];
  for (const e of edges) {
    const at = Math.max(e.at, warmupMicros);
    if (at >= endMicros) continue;
    if (marks.length > 0 && marks[marks.length - 1].fromMicros === at) marks[marks.length - 1] = { name: e.name, fromMicros: at };
    else if (marks.length === 0 || marks[marks.length - 1].name !== e.name) marks.push({ name: e.name, fromMicros: at });
  }
  return marks.length > 0 ? marks : [{ name: "steady", fromMicros: Math.min(warmupMicros, endMicros - 1) }];
}

function incidentCost(cost: CostReport): IncidentCost | null {
  const steady = cost.states.filter((s) => s.name === "steady");
  const others = cost.states.filter((s) => s.name !== "steady");
  if (steady.length === 0 || others.length === 0) return null;
  const steadyRate = steady.reduce((sum, s) => sum + s.totals.usdPerMonth * (s.toSeconds - s.fromSeconds), 0) / steady.reduce((sum, s) => sum + (s.toSeconds - s.fromSeconds), 0);
  let usd = 0;
  const parts: string[] = [];
  for (const s of others) {
    const seconds = s.toSeconds - s.fromSeconds;
    const extra = s.totals.usdPerMonth - steadyRate;
    usd += (extra * seconds) / cost.book.monthSeconds;
    parts.push(`${s.name} ${formatSeconds(seconds)} at ${extra >= 0 ? "+" : "−"}$${Math.abs(Math.round(extra)).toLocaleString("en-US")}/month`);
  }
  return { usd, statement: `${parts.join(", ")} over the steady $${Math.round(steadyRate).toLocaleString("en-US")}/month` };
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(1))} s`;
}

function recoveryReport(m: FaultRecovery, name: string): RecoveryReport {
  const s = (micros: number | null) => (micros === null ? null : micros / 1e6);
  return {
    index: m.index,
    name,
    kind: m.kind,
    startAtSeconds: m.startMicros / 1e6,
    endAtSeconds: m.endMicros / 1e6,
    windowEndAtSeconds: m.windowEndMicros / 1e6,
    detectSeconds: s(m.detectMicros),
    detectedBy: m.detectedBy,
    offlinePartitionsMax: m.offlinePartitionsMax,
    offlineSeconds: m.offlineMicros / 1e6,
    underReplicatedPartitionsMax: m.underReplicatedPartitionsMax,
    durabilityRestoredSeconds: s(m.durabilityRestoredMicros),
    reassignmentCompletedSeconds: s(m.reassignmentCompletedMicros),
    produceErrors: m.produceErrors,
    produceRetries: m.produceRetries,
    produceP99MaxMs: m.produceP99MaxMicros === null ? null : m.produceP99MaxMicros / 1000,
    timeToSloSeconds: s(m.produceP99BackUnderSloMicros),
    lagBaselineBytes: m.lagBaselineBytes,
    lagMaxBytes: m.lagMaxBytes,
    lagBackToBaselineSeconds: s(m.lagBackToBaselineMicros),
    ackedBytesLost: m.ackedBytesLost,
    ackedRecordsLost: m.ackedRecordsLost,
    recoveryBytes: m.recoveryBytes,
    recoveryCrossZoneBytes: m.recoveryCrossZoneBytes,
  };
}

// Runs a built run to its end in slices, reading its billable counters at every slice boundary and at every state
// boundary, so the cost model can take rates over any state's window and fit steady-state growth (stored bytes)
// instead of trusting two end points. Advancing in slices gives the same run as advancing in one go.

import { InputError } from "../errors.ts";
import type { Run } from "../model/run.ts";
import { runFacts, type RunFacts, type UsageReading } from "./runProbe.ts";
import { UsageMeter } from "./usageMeter.ts";

/** A named stretch of the run whose cost is reported on its own ("steady", "broker down", "catch-up"). */
export interface StateMark {
  name: string;
  /** Where the state starts, µs of simulated time; it lasts until the next mark or the end of the run. */
  fromMicros: number;
}

/** A state with its end filled in. */
export interface StateWindow {
  name: string;
  fromMicros: number;
  toMicros: number;
}

/** Something done to the run at a simulated instant while it is metered: a crash, a restart, a reassignment. */
export interface MeterAction {
  atMicros: number;
  apply(run: Run): void;
}

/** Options of meterRun. */
export interface MeterOptions {
  /** Simulated time between readings, µs (default 250 ms): the resolution of growth fits. */
  sampleMicros?: number;
  /** States, in time order; time before the first is left out of every figure. Default: one "steady" state from
   * the end of the workload's warm-up to the end of the run. */
  states?: StateMark[];
  /** Interventions, applied right after the reading at their instant (so a state can start where one happens). */
  actions?: MeterAction[];
  /** Event budget per slice, passed to Run.advance. */
  eventsMaxPerSlice?: number;
}

/** A metered run: its facts, the readings in time order, and the states. */
export interface RunUsage {
  facts: RunFacts;
  readings: UsageReading[];
  states: StateWindow[];
}

const DEFAULT_SAMPLE_MICROS = 250_000;

/** Advances `run` from where it is to its end, reading usage along the way; throws InputError on bad options. */
export function meterRun(run: Run, options: MeterOptions = {}): RunUsage {
  const facts = runFacts(run);
  const sampleMicros = options.sampleMicros ?? DEFAULT_SAMPLE_MICROS;
  if (!Number.isSafeInteger(sampleMicros) || sampleMicros <= 0) throw new InputError("meter.sampleMicros", sampleMicros, "a whole number of µs > 0");
  const startMicros = run.world.engine.nowMicros;
  const states = stateWindows(options.states ?? [{ name: "steady", fromMicros: facts.warmupMicros }], startMicros, run.endMicros);
  const actions = checkActions(options.actions ?? [], startMicros, run.endMicros);
  const meter = new UsageMeter(run, sampleMicros, [...states.flatMap((s) => [s.fromMicros, s.toMicros]), ...actions.map((a) => a.atMicros)]);
  let nextAction = 0;
  const applyDue = (now: number) => {
    while (nextAction < actions.length && actions[nextAction].atMicros === now) actions[nextAction++].apply(run);
  };
  applyDue(startMicros);
  for (const until of [...actions.map((a) => a.atMicros), run.endMicros]) {
    const short = meter.advance(until, options.eventsMaxPerSlice);
    if (short) {
      throw new InputError("meter.eventsMaxPerSlice", options.eventsMaxPerSlice, `enough events to reach ${short.targetMicros} µs (the run stopped at ${short.result.nowMicros} µs, ${short.result.stoppedBy})`);
    }
    applyDue(run.world.engine.nowMicros);
  }
  const readings = meter.readings;
  return { facts, readings, states };
}

function checkActions(actions: readonly MeterAction[], startMicros: number, endMicros: number): MeterAction[] {
  if (!Array.isArray(actions)) throw new InputError("meter.actions", actions, "a list of { atMicros, apply(run) }");
  actions.forEach((action, i) => {
    const at = action?.atMicros;
    if (!Number.isSafeInteger(at) || at < startMicros || at >= endMicros) {
      throw new InputError(`meter.actions[${i}].atMicros`, at, `a whole number of µs from ${startMicros} to below the run's end ${endMicros}`);
    }
    if (typeof action.apply !== "function") throw new InputError(`meter.actions[${i}].apply`, action.apply, "a function of the run");
  });
  // A stable sort keeps actions at the same instant in the order given.
  return [...actions].sort((a, b) => a.atMicros - b.atMicros);
}

/** States with their ends filled in; throws InputError naming meter.states[i] for marks out of order or range. */
export function stateWindows(marks: readonly StateMark[], startMicros: number, endMicros: number): StateWindow[] {
  if (!Array.isArray(marks) || marks.length === 0) throw new InputError("meter.states", marks, "a list of at least one { name, fromMicros }");
  const windows: StateWindow[] = [];
  marks.forEach((mark, i) => {
    const field = `meter.states[${i}]`;
    if (typeof mark?.name !== "string" || mark.name === "") throw new InputError(`${field}.name`, mark?.name, "a state name");
    const from = mark.fromMicros;
    const previous = i === 0 ? startMicros : marks[i - 1].fromMicros + 1;
    if (!Number.isSafeInteger(from) || from < previous || from >= endMicros) {
      throw new InputError(`${field}.fromMicros`, from, `a whole number of µs from ${previous} (after the previous state and the run's current time) and below the run's end ${endMicros}`);
    }
    windows.push({ name: mark.name, fromMicros: from, toMicros: i + 1 < marks.length ? marks[i + 1].fromMicros : endMicros });
  });
  return windows;
}

// The entry point of the fault library: validate a fault list against a built run and its architecture, then
// start the faults actor that plays it. Call before advancing the run (scale-out needs the very start).

import { InputError } from "../errors.ts";
import type { Run } from "../model/run.ts";
import { checkSupported } from "./faultSupport.ts";
import { faultTargets } from "./faultTargets.ts";
import { FaultRun, type ApplyFaultsOptions } from "./faultRun.ts";
import { createScaler } from "./scaler.ts";
import { validateFaults } from "./validateFaults.ts";

const DEFAULT_PROBE_INTERVAL_MICROS = 100_000;

// One fault list per run: its actor registers under a fixed name and owns the producers' rate factor.
const applied = new WeakSet<Run>();

/** Validates `faults` (plain data, see Fault) for this run and schedules them; returns the handle the recovery
 * metrics read. Throws InputError naming faults[i].field for bad input or a fault the architecture cannot take. */
export function applyFaults(run: Run, faults: unknown, options: ApplyFaultsOptions = {}): FaultRun {
  if (applied.has(run)) throw new InputError("run", "a run with faults", "a run applyFaults has not been called on yet (pass one list with every fault)");
  const probe = options.probeIntervalMicros ?? DEFAULT_PROBE_INTERVAL_MICROS;
  if (!Number.isSafeInteger(probe) || probe <= 0) throw new InputError("probeIntervalMicros", probe, "a whole number of µs > 0");
  const world = run.world;
  const now = world.engine.nowMicros;
  const list = validateFaults(faults, {
    zones: world.zones,
    brokers: world.brokers.length,
    subscriptions: world.workload.topics * world.workload.subscriptionsPerTopic,
    nowMicros: now,
    endMicros: run.endMicros,
  });
  const targets = faultTargets(run);
  const scaler = createScaler(run);
  list.forEach((f, i) => checkSupported(f, i, targets, scaler, now));
  const faultRun = new FaultRun(run, list, targets, scaler, probe);
  applied.add(run);
  return faultRun;
}

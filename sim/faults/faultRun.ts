// The faults actor: plays a validated fault list on a built run. Windows the network, object stores and volumes
// already model (outages, brownouts, degradations) are handed to them up front; crashes, restarts, scaling,
// replays, rate and control-plane changes are events of this actor. It also marks the run's counters as each fault
// begins and samples partition levels, which the recovery metrics read.

import type { Actor } from "../engine.ts";
import type { Run } from "../model/run.ts";
import { faultEndMicros, type Fault } from "./fault.ts";
import { storesFor, unaffectedBecause, volumesFor } from "./faultSupport.ts";
import type { FaultTargets } from "./faultTargets.ts";
import { LevelTrace, readCounters, type CounterMark } from "./recoveryProbe.ts";
import type { Scaler } from "./scaler.ts";

const Kind = { begin: 1, end: 2, rampStep: 3, probe: 4 } as const;

// A traffic ramp steps once a second, in at most a thousand steps: fine enough for per-second rate series, and
// bounded for a ramp over a whole day.
const RAMP_STEP_MICROS = 1_000_000;
const RAMP_STEPS_MAX = 1_000;

/** Options of applyFaults. */
export interface ApplyFaultsOptions {
  /** How often partition levels are sampled (and queued scale moves started), µs; default 100 ms. */
  probeIntervalMicros?: number;
}

/** A fault list being played on a run, with what the recovery metrics need. */
export class FaultRun implements Actor {
  /** Engine index of this actor. */
  readonly actor: number;
  /** Counters at the instant each fault began, by fault index (undefined until it begins). */
  readonly marks: (CounterMark | undefined)[];
  /** Partitions offline and below full durability over time, sampled every probeIntervalMicros. */
  readonly levels = new LevelTrace();
  /** When each scale fault's planned moves had all finished, µs (undefined until then, and for other kinds). */
  readonly completedMicros: (number | undefined)[];
  readonly #crashed: number[][];
  readonly #rateFactors: Float64Array;
  readonly #controlPlaneFactors: Float64Array;
  readonly #scaleWaiting: number[] = [];
  #rate = 1;
  #controlPlane = 1;

  constructor(
    readonly run: Run,
    readonly faults: readonly Fault[],
    readonly targets: FaultTargets,
    readonly scaler: Scaler | undefined,
    readonly probeIntervalMicros: number,
  ) {
    const { engine } = run.world;
    const standby = faults.flatMap((f, i) => (f.kind === "scaleOut" ? f.brokers.map((b) => ({ b, i })) : []));
    // Holding brokers out may refuse the layout (InputError); do it before anything is registered or scheduled.
    if (standby.length > 0) this.scaler!.holdOut(standby.map((s) => s.b), `faults[${standby[0].i}].brokers`);
    for (const s of standby) run.world.timeline.push({ atMicros: engine.nowMicros, what: "broker held out of the layout until it joins", broker: s.b });
    this.actor = engine.register("faults", this);
    this.marks = faults.map(() => undefined);
    this.completedMicros = faults.map(() => undefined);
    this.#crashed = faults.map(() => []);
    this.#rateFactors = new Float64Array(faults.length).fill(1);
    this.#controlPlaneFactors = new Float64Array(faults.length).fill(1);
    // Windows first: at a fault's first instant the network or store changes before this actor acts on it.
    faults.forEach((f) => this.#scheduleWindows(f));
    faults.forEach((f, i) => {
      engine.sendAt(this.actor, Kind.begin, f.at, i);
      if (faultEndMicros(f) > f.at) engine.sendAt(this.actor, Kind.end, faultEndMicros(f), i);
      if (f.kind === "trafficRamp") {
        const steps = rampSteps(f.duration);
        for (let k = 1; k < steps; k++) engine.sendAt(this.actor, Kind.rampStep, f.at + Math.round((k * f.duration) / steps), i, k);
      }
    });
    this.#probe();
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case Kind.begin:
        this.marks[a] = readCounters(this.run);
        this.#begin(a);
        return this.#recordLevels();
      case Kind.end:
        this.#end(a);
        return this.#recordLevels();
      case Kind.rampStep:
        return this.#rampStep(a, b);
      case Kind.probe:
        return this.#probe();
      default:
        throw new RangeError(`faults: unknown event kind ${kind}`);
    }
  }

  #scheduleWindows(f: Fault): void {
    const network = this.run.world.network;
    const until = faultEndMicros(f);
    switch (f.kind) {
      case "zoneOutage":
        network.addImpairment({ scope: { kind: "zone", zone: f.zone }, fromMicros: f.at, untilMicros: until, down: true });
        return;
      case "zoneBrownout":
        for (let z = 0; z < this.run.world.zones; z++) {
          if (z === f.zone || (f.toZone !== undefined && z !== f.toZone)) continue;
          network.addImpairment({
            scope: { kind: "zonePair", zoneA: f.zone, zoneB: z }, fromMicros: f.at, untilMicros: until,
            addedLatencyMicros: f.addedLatencyMicros, lossRatio: f.lossRatio, bandwidthFactor: f.bandwidthFactor,
          });
        }
        return;
      case "networkPartition":
        for (const b of f.brokers) network.addImpairment({ scope: { kind: "host", host: this.run.world.brokerHosts[b] }, fromMicros: f.at, untilMicros: until, down: true });
        return;
      case "s3Brownout":
        for (const s of storesFor(f, this.targets)) s.store.addImpairment({ startMicros: f.at, endMicros: until, latencyFactor: f.latencyFactor, errorRatio: f.errorRatio });
        return;
      case "s3ExpressZoneLoss":
        for (const s of storesFor(f, this.targets)) s.store.addImpairment({ startMicros: f.at, endMicros: until, unavailable: true });
        return;
      case "ebsDegradation":
        for (const v of volumesFor(f, this.targets)) {
          v.addDegradation({ startMicros: f.at, endMicros: until, throughputFactor: f.throughputFactor, iopsFactor: f.iopsFactor, addedLatencyMicros: f.addedLatencyMicros });
        }
        return;
      default:
        return;
    }
  }

  #begin(i: number): void {
    const f = this.faults[i];
    const t = this.targets;
    const now = this.run.world.engine.nowMicros;
    this.run.world.timeline.push({ atMicros: now, what: `fault ${f.kind} began`, ...("broker" in f && f.broker !== undefined ? { broker: f.broker } : {}) });
    const unaffected = unaffectedBecause(f, t);
    if (unaffected !== undefined) this.run.world.timeline.push({ atMicros: now, what: `${t.architecture} unaffected by ${f.kind}: ${unaffected}` });
    switch (f.kind) {
      case "zoneOutage":
        this.run.producers.setZoneDown(f.zone, true);
        for (const slot of this.run.world.brokers) {
          if (slot.zone !== f.zone || !t.isUp(slot.index)) continue;
          this.#crashed[i].push(slot.index);
          t.crash!(slot.index, false);
        }
        return;
      case "brokerCrash":
      case "brokerReplacement":
        if (!t.isUp(f.broker)) return;
        this.#crashed[i].push(f.broker);
        t.crash!(f.broker, f.kind === "brokerReplacement" || f.volumeLost === true);
        return;
      case "scaleOut":
      case "scaleIn":
        if (f.kind === "scaleOut") this.scaler!.join(f.brokers);
        else this.scaler!.leave(f.brokers);
        this.#scaleWaiting.push(i);
        return this.#checkScale();
      case "replay":
        return this.run.consumers.resetSubscription(f.subscription, f.to);
      case "trafficRamp":
        return this.#rampStep(i, 0);
      case "trafficSpike":
        return this.#setRate(i, f.factor);
      case "controlPlaneSlowdown":
        return this.#setControlPlane(i, f.factor);
      default:
        return;
    }
  }

  #end(i: number): void {
    const f = this.faults[i];
    this.run.world.timeline.push({ atMicros: this.run.world.engine.nowMicros, what: `fault ${f.kind} ended` });
    switch (f.kind) {
      case "zoneOutage":
        this.run.producers.setZoneDown(f.zone, false);
        for (const b of this.#crashed[i]) this.targets.restart!(b);
        return;
      case "brokerCrash":
      case "brokerReplacement":
        for (const b of this.#crashed[i]) this.targets.restart!(b);
        return;
      case "trafficRamp":
        return this.#setRate(i, f.toFactor);
      case "trafficSpike":
        return this.#setRate(i, 1);
      case "controlPlaneSlowdown":
        return this.#setControlPlane(i, 1);
      default:
        return;
    }
  }

  // Step k of a ramp holds the factor of its midpoint, so the traffic offered over the ramp is the linear ramp's.
  #rampStep(i: number, k: number): void {
    const f = this.faults[i];
    if (f.kind !== "trafficRamp") return;
    const from = f.fromFactor ?? 1;
    this.#setRate(i, from + ((f.toFactor - from) * (k + 0.5)) / rampSteps(f.duration));
  }

  // Overlapping traffic faults compose: the producers' rate factor is the product of every fault's own factor.
  #setRate(i: number, factor: number): void {
    this.#rateFactors[i] = factor;
    let product = 1;
    for (const x of this.#rateFactors) product *= x;
    if (product === this.#rate) return;
    this.#rate = product;
    this.run.producers.setRateFactor(product);
  }

  #setControlPlane(i: number, factor: number): void {
    this.#controlPlaneFactors[i] = factor;
    let product = 1;
    for (const x of this.#controlPlaneFactors) product *= x;
    if (product === this.#controlPlane) return;
    this.#controlPlane = product;
    this.targets.setControlPlaneLatencyFactor?.(product);
  }

  #probe(): void {
    this.#recordLevels();
    if (this.#scaleWaiting.length > 0) this.#checkScale();
    this.run.world.engine.send(this.actor, Kind.probe, this.probeIntervalMicros);
  }

  #recordLevels(): void {
    this.levels.record(this.run.world.engine.nowMicros, this.targets.offlinePartitions(), this.targets.underReplicatedPartitions());
  }

  // Scale moves finish in the architecture's own events; the last "reassignment completed" entry dates them.
  #checkScale(): void {
    if (!this.scaler!.pump()) return;
    const timeline = this.run.world.timeline;
    for (const i of this.#scaleWaiting) {
      let done = this.faults[i].at;
      for (let k = timeline.length - 1; k >= 0 && timeline[k].atMicros >= done; k--) {
        if (timeline[k].what.startsWith("reassignment completed")) done = Math.max(done, timeline[k].atMicros);
      }
      this.completedMicros[i] = done;
      timeline.push({ atMicros: this.run.world.engine.nowMicros, what: `${this.faults[i].kind} completed` });
    }
    this.#scaleWaiting.length = 0;
  }
}

function rampSteps(durationMicros: number): number {
  return Math.min(RAMP_STEPS_MAX, Math.max(1, Math.ceil(durationMicros / RAMP_STEP_MICROS)));
}

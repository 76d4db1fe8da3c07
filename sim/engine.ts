// The discrete-event engine: a simulated clock in whole microseconds, the pending-event queue, and the actors
// events are addressed to. One synchronous loop with a total order on (time, insertion sequence), so a run is a
// pure function of its inputs, and running it in one call or in a thousand slices gives the same result.

import { InputError, SimInvariantError, describeValue, requireNonNegativeInteger } from "./errors.ts";
import { EventQueue } from "./eventQueue.ts";
import type { Micros } from "./units.ts";

/** Something events are delivered to. `kind` is actor-defined; a and b are numeric arguments, ref an optional object. */
export interface Actor {
  receive(kind: number, a: number, b: number, ref: unknown): void;
}

/** Called once per delivered event when tracing is on; used for trace hashes and golden logs. */
export type EventObserver = (atMicros: Micros, target: number, kind: number, a: number, b: number) => void;

/** Why a call to runUntil returned. */
export type StopReason = "until" | "horizon" | "eventBudget" | "idle";

/** What one runUntil call did. */
export interface RunResult {
  /** Events delivered by this call. */
  events: number;
  /** Simulated time after the call, in µs. */
  nowMicros: Micros;
  /** `until`: reached the requested time; `horizon`: reached the run's end; `eventBudget`: stopped early, with
   * events still due; `idle`: nothing left to run before the horizon. */
  stoppedBy: StopReason;
}

/** Bounds on a whole run; hitting either is reported in RunResult, never silent. */
export interface EngineLimits {
  /** Simulated time at which the run ends, in µs. */
  horizonMicros: Micros;
  /** Events the whole run may deliver before it stops with `eventBudget`. */
  eventBudget: number;
}

const DEFAULT_LIMITS: EngineLimits = { horizonMicros: Number.MAX_SAFE_INTEGER, eventBudget: Number.MAX_SAFE_INTEGER };

/** Discrete-event engine: a clock, a queue ordered by (atMicros, seq), and the registered actors. */
export class Engine {
  /** Current simulated time in µs; never decreases. */
  nowMicros: Micros = 0;
  /** Events delivered since the run began. */
  eventsTotal = 0;
  readonly limits: EngineLimits;
  observer: EventObserver | undefined;
  readonly #queue = new EventQueue();
  readonly #actors: Actor[] = [];
  readonly #names: string[] = [];
  readonly #byName = new Map<string, number>();

  constructor(limits: Partial<EngineLimits> = {}) {
    const horizonMicros = requireNonNegativeInteger("horizonMicros", limits.horizonMicros ?? DEFAULT_LIMITS.horizonMicros);
    const eventBudget = requireNonNegativeInteger("eventBudget", limits.eventBudget ?? DEFAULT_LIMITS.eventBudget);
    this.limits = { horizonMicros, eventBudget };
  }

  /** Adds an actor under a unique name and returns the index events are addressed to. */
  register(name: string, actor: Actor): number {
    if (this.#byName.has(name)) throw new InputError("actor name", name, "a name not registered yet");
    const index = this.#actors.length;
    this.#actors.push(actor);
    this.#names.push(name);
    this.#byName.set(name, index);
    return index;
  }

  /** The name an actor was registered under. */
  actorName(index: number): string {
    return this.#names[index] ?? `actor#${index}`;
  }

  /** The index of a registered actor, by name. */
  actorIndex(name: string): number {
    const index = this.#byName.get(name);
    if (index === undefined) throw new InputError("actor name", name, "a registered actor");
    return index;
  }

  /** Events waiting to be delivered. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Delivers (kind, a, b, ref) to target after delayMicros of simulated time (a whole number >= 0). */
  send(target: number, kind: number, delayMicros: Micros, a = 0, b = 0, ref?: unknown): void {
    if (!(delayMicros >= 0 && Number.isSafeInteger(delayMicros))) {
      throw new InputError("delayMicros", delayMicros, "a whole number of µs >= 0");
    }
    if (!(target >= 0 && target < this.#actors.length)) throw new InputError("target", target, "a registered actor index");
    this.#queue.push(this.nowMicros + delayMicros, target, kind, a, b, ref);
  }

  /** Delivers (kind, a, b, ref) to target at absolute time atMicros (not before now). */
  sendAt(target: number, kind: number, atMicros: Micros, a = 0, b = 0, ref?: unknown): void {
    this.send(target, kind, atMicros - this.nowMicros, a, b, ref);
  }

  /** Runs every event due at or before untilMicros (clamped to the horizon), within the event budget. */
  runUntil(untilMicros: Micros, eventsMax = Number.MAX_SAFE_INTEGER): RunResult {
    if (!Number.isSafeInteger(untilMicros) || untilMicros < this.nowMicros) {
      throw new InputError("untilMicros", untilMicros, `a whole number of µs >= now (${this.nowMicros})`);
    }
    requireNonNegativeInteger("eventsMax", eventsMax);
    const until = Math.min(untilMicros, this.limits.horizonMicros);
    const budget = Math.min(eventsMax, this.limits.eventBudget - this.eventsTotal);
    const queue = this.#queue;
    const actors = this.#actors;
    const observer = this.observer;
    let events = 0;
    while (queue.size > 0) {
      const atMicros = queue.peekAt();
      if (atMicros > until) break;
      if (events >= budget) return this.#stopped(events, "eventBudget");
      const slot = queue.popSlot();
      const target = queue.target[slot];
      const kind = queue.kind[slot];
      const a = queue.argA[slot];
      const b = queue.argB[slot];
      const ref = queue.ref[slot];
      queue.release(slot);
      this.nowMicros = atMicros;
      events++;
      if (observer !== undefined) observer(atMicros, target, kind, a, b);
      actors[target].receive(kind, a, b, ref);
    }
    this.nowMicros = until;
    const reason: StopReason =
      until === this.limits.horizonMicros ? "horizon" : until === untilMicros ? "until" : "horizon";
    return this.#stopped(events, queue.size === 0 && reason === "until" ? "idle" : reason);
  }

  #stopped(events: number, stoppedBy: StopReason): RunResult {
    this.eventsTotal += events;
    if (this.eventsTotal > this.limits.eventBudget) {
      throw new SimInvariantError(`engine: delivered ${this.eventsTotal} events, over the budget ${describeValue(this.limits.eventBudget)}`);
    }
    return { events, nowMicros: this.nowMicros, stoppedBy };
  }
}

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
  /** `until`: reached the requested time with events pending after it; `horizon`: reached the run's end with
   * events pending after it; `eventBudget`: stopped early, with events still due; `idle`: no events pending. */
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
  readonly limits: EngineLimits;
  /** Called with every delivered event, before its actor sees it; set to undefined to stop tracing. */
  observer: EventObserver | undefined;
  #nowMicros: Micros = 0;
  #eventsTotal = 0;
  readonly #queue = new EventQueue();
  readonly #actors: Actor[] = [];
  readonly #names: string[] = [];
  readonly #byName = new Map<string, number>();

  constructor(limits: Partial<EngineLimits> = {}) {
    const horizonMicros = requireNonNegativeInteger("horizonMicros", limits.horizonMicros ?? DEFAULT_LIMITS.horizonMicros);
    const eventBudget = requireNonNegativeInteger("eventBudget", limits.eventBudget ?? DEFAULT_LIMITS.eventBudget);
    this.limits = { horizonMicros, eventBudget };
  }

  /** Current simulated time in µs; never decreases. */
  get nowMicros(): Micros {
    return this.#nowMicros;
  }

  /** Events delivered since the run began. */
  get eventsTotal(): number {
    return this.#eventsTotal;
  }

  /** Adds an actor under a unique name and returns the index events are addressed to. */
  register(name: string, actor: Actor): number {
    if (typeof name !== "string" || name.length === 0) throw new InputError("actor name", name, "a non-empty string");
    if (this.#byName.has(name)) throw new InputError("actor name", name, "a name not registered yet");
    if (typeof actor?.receive !== "function") throw new InputError("actor", actor, "an object with a receive method");
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

  /** Actors registered so far; valid targets are 0 to actorCount - 1. */
  get actorCount(): number {
    return this.#actors.length;
  }

  /** Events waiting to be delivered. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Delivers (kind, a, b, ref) to target after delayMicros of simulated time (a whole number >= 0); kind is an int32. */
  send(target: number, kind: number, delayMicros: Micros, a = 0, b = 0, ref?: unknown): void {
    const atMicros = this.#nowMicros + delayMicros;
    const valid =
      delayMicros >= 0 &&
      Number.isInteger(delayMicros) &&
      atMicros <= Number.MAX_SAFE_INTEGER &&
      target >= 0 &&
      target < this.#actors.length &&
      (target | 0) === target &&
      (kind | 0) === kind;
    // The error is built elsewhere so this hot method stays small enough for V8 to inline into every handler.
    if (!valid) this.#rejectSend(target, kind, delayMicros);
    this.#queue.push(atMicros, target, kind, a, b, ref);
  }

  #rejectSend(target: number, kind: number, delayMicros: Micros): never {
    if (!(delayMicros >= 0 && Number.isInteger(delayMicros) && this.#nowMicros + delayMicros <= Number.MAX_SAFE_INTEGER)) {
      throw new InputError("delayMicros", delayMicros, `a whole number of µs >= 0 ending by ${Number.MAX_SAFE_INTEGER}`);
    }
    if (!(target >= 0 && target < this.#actors.length && (target | 0) === target)) {
      throw new InputError("target", target, "a registered actor index");
    }
    throw new InputError("kind", kind, "a 32-bit integer");
  }

  /** Delivers (kind, a, b, ref) to target at absolute time atMicros (a whole number, not before now). */
  sendAt(target: number, kind: number, atMicros: Micros, a = 0, b = 0, ref?: unknown): void {
    if (!(atMicros >= this.#nowMicros && Number.isSafeInteger(atMicros))) {
      throw new InputError("atMicros", atMicros, `a whole number of µs >= now (${this.#nowMicros})`);
    }
    this.send(target, kind, atMicros - this.#nowMicros, a, b, ref);
  }

  /**
   * Delivers (kind, a, b, ref) to target now, within the event being handled: the observer sees it and the target's
   * receive runs before this returns, at the same simulated time. It is not queued, so it is not counted in
   * `events` or against the budget. For an actor handing over a result due at this very instant (the network's
   * arrivals); the target must expect to be called from inside another actor's handler.
   */
  deliverNow(target: number, kind: number, a = 0, b = 0, ref?: unknown): void {
    if (!(target >= 0 && target < this.#actors.length && (target | 0) === target)) {
      throw new InputError("target", target, "a registered actor index");
    }
    if ((kind | 0) !== kind) throw new InputError("kind", kind, "a 32-bit integer");
    const observer = this.observer;
    if (observer !== undefined) observer(this.#nowMicros, target, kind, a, b);
    this.#actors[target].receive(kind, a, b, ref);
  }

  /** Runs every event due at or before untilMicros (clamped to the horizon), within the event budget. */
  runUntil(untilMicros: Micros, eventsMax = Number.MAX_SAFE_INTEGER): RunResult {
    if (!(Number.isSafeInteger(untilMicros) && untilMicros >= this.#nowMicros)) {
      throw new InputError("untilMicros", untilMicros, `a whole number of µs >= now (${this.#nowMicros})`);
    }
    requireNonNegativeInteger("eventsMax", eventsMax);
    const horizon = this.limits.horizonMicros;
    const until = untilMicros < horizon ? untilMicros : horizon;
    const budget = Math.min(eventsMax, this.limits.eventBudget - this.#eventsTotal);
    const queue = this.#queue;
    const actors = this.#actors;
    const observer = this.observer;
    let events = 0;
    while (queue.size > 0) {
      const atMicros = queue.peekAt();
      if (atMicros > until) break;
      if (events === budget) return this.#stopped(events, "eventBudget");
      const slot = queue.popSlot();
      // Read the payload into locals before release: the handler below may reuse the slot at once.
      const payload = queue.payload;
      const base = slot * 4; // PAYLOAD_STRIDE, as a literal so V8 folds it
      const target = payload[base];
      const kind = payload[base + 1];
      const a = payload[base + 2];
      const b = payload[base + 3];
      const ref = queue.refOf(slot);
      queue.release(slot);
      this.#nowMicros = atMicros;
      events++;
      if (observer !== undefined) observer(atMicros, target, kind, a, b);
      actors[target].receive(kind, a, b, ref);
    }
    this.#nowMicros = until;
    if (queue.size === 0) return this.#stopped(events, "idle");
    return this.#stopped(events, until === horizon ? "horizon" : "until");
  }

  #stopped(events: number, stoppedBy: StopReason): RunResult {
    this.#eventsTotal += events;
    if (this.#eventsTotal > this.limits.eventBudget) {
      throw new SimInvariantError(`engine: delivered ${this.#eventsTotal} events, over the budget ${describeValue(this.limits.eventBudget)}`);
    }
    return { events, nowMicros: this.#nowMicros, stoppedBy };
  }
}

// Requests waiting at a broker for data (Kafka's long polling: fetch.max.wait.ms, replica.fetch.wait.max.ms), with
// one wait timer per broker rather than one per parked request: most waits end with new data long before their
// deadline, and a timer per park would be an event that almost always finds nothing to do.

import type { Engine } from "../engine.ts";

/** What a LongPolls owner tells it about its requests. */
export interface LongPollOwner<T> {
  /** Whether the request is still waiting (requests that moved on are dropped lazily). */
  isParked(request: T): boolean;
  /** Answers a request whose wait is over (data arrived, or its deadline passed). */
  answer(request: T): void;
}

/** Parked requests per broker, each with a deadline; the owner's actor gets `timerKind` events with a = broker. */
export class LongPolls<T> {
  readonly #parked: Map<T, number>[] = [];
  readonly #timerAt: number[] = [];

  constructor(
    readonly engine: Engine,
    readonly actor: number,
    readonly timerKind: number,
    brokers: number,
    readonly owner: LongPollOwner<T>,
  ) {
    for (let b = 0; b < brokers; b++) {
      this.#parked.push(new Map());
      this.#timerAt.push(-1);
    }
  }

  /** Parks a request at broker until deadlineMicros. */
  park(broker: number, request: T, deadlineMicros: number): void {
    this.#parked[broker].set(request, deadlineMicros);
    if (this.#timerAt[broker] < 0) {
      this.#timerAt[broker] = deadlineMicros;
      this.engine.sendAt(this.actor, this.timerKind, deadlineMicros, broker);
    }
  }

  /** Answers every request parked at broker for which ready() holds. */
  wake(broker: number, ready: (request: T) => boolean): void {
    const parked = this.#parked[broker];
    if (parked.size === 0) return;
    for (const request of parked.keys()) {
      if (!this.owner.isParked(request)) parked.delete(request);
      else if (ready(request)) {
        parked.delete(request);
        this.owner.answer(request);
      }
    }
  }

  /** The broker's timer fired: answers requests whose deadline passed, then re-arms for the earliest left. */
  expire(broker: number): void {
    const now = this.engine.nowMicros;
    const parked = this.#parked[broker];
    let next = Number.POSITIVE_INFINITY;
    for (const [request, deadline] of parked) {
      if (!this.owner.isParked(request)) parked.delete(request);
      else if (deadline <= now) {
        parked.delete(request);
        this.owner.answer(request);
      } else if (deadline < next) next = deadline;
    }
    this.#timerAt[broker] = next === Number.POSITIVE_INFINITY ? -1 : next;
    if (next !== Number.POSITIVE_INFINITY) this.engine.sendAt(this.actor, this.timerKind, next, broker);
  }

  /** Forgets every request parked at broker (its timer, if armed, fires once and finds nothing). */
  clear(broker: number): void {
    this.#parked[broker].clear();
  }
}

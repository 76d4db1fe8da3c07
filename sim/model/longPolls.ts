// Requests waiting at a broker for data (Kafka's long polling: fetch.max.wait.ms, replica.fetch.wait.max.ms), with
// one wait timer per broker rather than one per parked request: most waits end with new data long before their
// deadline, and a timer per park would be an event that almost always finds nothing to do. In coarse fidelity
// (fidelity.ts) a broker answers its ready requests in one batch at most once per coalescing window. When the owner
// names the partition groups each request reads, new data in some groups checks only the requests reading them: with
// many topics a broker holds thousands of parked fetches, and most appends concern few of them.

import type { Engine } from "../engine.ts";

/** What a LongPolls owner tells it about its requests. */
export interface LongPollOwner<T> {
  /** Whether the request is still waiting (requests that moved on are dropped lazily). */
  isParked(request: T): boolean;
  /** Whether a waiting request has what it waits for (data to return). */
  isReady(request: T): boolean;
  /** Answers a request whose wait is over (data arrived, or its deadline passed). */
  answer(request: T): void;
  /** The partition groups a request reads (fixed while it is parked), for wakeGroups; absent = wake whole brokers. */
  groupsOf?(request: T): readonly number[];
}

/** Coalescing of answers: one batch per broker a window after its first new data; batches come as `flushKind` events. */
export interface LongPollCoalescing {
  /** Window, µs (> 0). */
  micros: number;
  /** Event kind the owner's actor gets (a = broker) when a deferred batch is due; it must call flush(a). */
  flushKind: number;
}

/** Parked requests per broker, each with a deadline; the owner's actor gets `timerKind` events with a = broker. */
export class LongPolls<T> {
  /** Whether answers are batched per coalescing window (coarse fidelity). */
  readonly coalescing: boolean;
  readonly #parked: Map<T, number>[] = [];
  readonly #timerAt: number[] = [];
  readonly #coalesceMicros: number;
  readonly #flushKind: number;
  // Per broker, when coalescing: whether a batch is scheduled.
  readonly #flushDue: Uint8Array;
  // Per broker, when the owner names groups: the parked requests reading each group.
  readonly #byGroup: Map<number, Set<T>>[] = [];
  // Per broker, when coalescing by group: the groups with new data since the last batch, or null for all of them.
  readonly #dirty: (Set<number> | null)[] = [];

  constructor(
    readonly engine: Engine,
    readonly actor: number,
    readonly timerKind: number,
    brokers: number,
    readonly owner: LongPollOwner<T>,
    coalescing?: LongPollCoalescing,
  ) {
    for (let b = 0; b < brokers; b++) {
      this.#parked.push(new Map());
      this.#timerAt.push(-1);
      this.#byGroup.push(new Map());
      this.#dirty.push(new Set());
    }
    this.coalescing = coalescing !== undefined && coalescing.micros > 0;
    this.#coalesceMicros = coalescing?.micros ?? 0;
    this.#flushKind = coalescing?.flushKind ?? -1;
    this.#flushDue = new Uint8Array(brokers);
  }

  /** Parks a request at broker until deadlineMicros. */
  park(broker: number, request: T, deadlineMicros: number): void {
    this.#parked[broker].set(request, deadlineMicros);
    if (this.owner.groupsOf) {
      const byGroup = this.#byGroup[broker];
      for (const g of this.owner.groupsOf(request)) {
        let readers = byGroup.get(g);
        if (!readers) byGroup.set(g, (readers = new Set()));
        readers.add(request);
      }
    }
    if (this.#timerAt[broker] < 0) {
      this.#timerAt[broker] = deadlineMicros;
      this.engine.sendAt(this.actor, this.timerKind, deadlineMicros, broker);
    }
  }

  /**
   * Data became available at broker: answers every parked request that is ready — at once when exact; when
   * coalescing, in one batch a window after the first data since the broker's last batch, so a burst of appends is
   * answered together and batches are at least a window apart.
   */
  wake(broker: number): void {
    if (this.#parked[broker].size === 0) return;
    if (!this.coalescing) {
      this.#answerReady(broker);
      return;
    }
    this.#dirty[broker] = null;
    this.#scheduleFlush(broker);
  }

  /** Data became available at broker in these groups only: as wake, checking just the requests that read them. */
  wakeGroups(broker: number, groups: readonly number[]): void {
    if (this.#parked[broker].size === 0) return;
    if (!this.owner.groupsOf) return this.wake(broker);
    if (!this.coalescing) {
      for (const g of groups) this.#answerReadyIn(broker, g);
      return;
    }
    const dirty = this.#dirty[broker];
    if (dirty) for (const g of groups) dirty.add(g);
    this.#scheduleFlush(broker);
  }

  /** A batch is due (the owner's flushKind event): answers the ready requests. */
  flush(broker: number): void {
    this.#flushDue[broker] = 0;
    const dirty = this.#dirty[broker];
    if (dirty === null || !this.owner.groupsOf) {
      this.#answerReady(broker);
    } else {
      for (const g of dirty) this.#answerReadyIn(broker, g);
    }
    if (dirty) dirty.clear();
    else this.#dirty[broker] = new Set();
  }

  #scheduleFlush(broker: number): void {
    if (this.#flushDue[broker] === 1) return;
    this.#flushDue[broker] = 1;
    this.engine.send(this.actor, this.#flushKind, this.#coalesceMicros, broker);
  }

  /** The broker's timer fired: answers requests whose deadline passed, then re-arms for the earliest left. */
  expire(broker: number): void {
    const now = this.engine.nowMicros;
    const parked = this.#parked[broker];
    let next = Number.POSITIVE_INFINITY;
    for (const [request, deadline] of parked) {
      if (!this.owner.isParked(request)) this.#unpark(broker, request);
      else if (deadline <= now) {
        this.#unpark(broker, request);
        this.owner.answer(request);
      } else if (deadline < next) next = deadline;
    }
    this.#timerAt[broker] = next === Number.POSITIVE_INFINITY ? -1 : next;
    if (next !== Number.POSITIVE_INFINITY) this.engine.sendAt(this.actor, this.timerKind, next, broker);
  }

  /** Forgets every request parked at broker (its timer, if armed, fires once and finds nothing). */
  clear(broker: number): void {
    this.#parked[broker].clear();
    this.#byGroup[broker].clear();
  }

  #answerReady(broker: number): void {
    const parked = this.#parked[broker];
    const owner = this.owner;
    for (const request of parked.keys()) {
      if (!owner.isParked(request)) this.#unpark(broker, request);
      else if (owner.isReady(request)) {
        this.#unpark(broker, request);
        owner.answer(request);
      }
    }
  }

  #answerReadyIn(broker: number, group: number): void {
    const readers = this.#byGroup[broker].get(group);
    if (!readers) return;
    const owner = this.owner;
    for (const request of readers) {
      if (!owner.isParked(request)) this.#unpark(broker, request);
      else if (owner.isReady(request)) {
        this.#unpark(broker, request);
        owner.answer(request);
      }
    }
  }

  // Requests leave every index at once, so a request parked again later is found exactly once.
  #unpark(broker: number, request: T): void {
    if (!this.#parked[broker].delete(request)) return;
    if (!this.owner.groupsOf) return;
    const byGroup = this.#byGroup[broker];
    for (const g of this.owner.groupsOf(request)) byGroup.get(g)?.delete(request);
  }
}

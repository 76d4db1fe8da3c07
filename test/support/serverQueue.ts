// A FIFO queue with c identical servers, built only from engine primitives: arrivals are timer events the
// queue sends itself, departures are events carrying the customer's arrival time. It keeps the statistics the
// queueing tests and the engine benchmark check against closed forms: waits, batch means and time integrals.

import type { Actor, Engine } from "../../sim/engine.ts";
import type { Micros } from "../../sim/units.ts";

const ARRIVAL = 0;
const DEPARTURE = 1;

/** How a ServerQueue draws its traffic and how much of it to generate. */
export interface ServerQueueConfig {
  /** Identical servers working in parallel (c). */
  servers: number;
  /** Arrivals to generate before the source stops. */
  customers: number;
  /** Draws the gap to the next arrival, in whole µs. */
  interarrivalMicros: () => Micros;
  /** Draws one service time, in whole µs. */
  serviceMicros: () => Micros;
  /** Customers per batch for batch means of the wait (by service-start order). */
  batchCustomers: number;
}

/** A c-server FIFO queue actor; call start() once, then run the engine until it is idle. */
export class ServerQueue implements Actor {
  readonly index: number;
  /** Customers that have arrived so far. */
  arrived = 0;
  /** Customers whose service has started. */
  started = 0;
  /** Customers that have left. */
  departed = 0;
  /** Sum of waits before service, in µs. */
  waitSumMicros = 0;
  /** Sum of times in the system (wait + service), in µs. */
  sojournSumMicros = 0;
  /** Integral of the number waiting over time, in customer·µs. */
  queueAreaMicros = 0;
  /** Integral of the number in the system over time, in customer·µs. */
  systemAreaMicros = 0;
  /** Mean wait of each completed batch, in µs. */
  readonly batchWaitMeansMicros: number[] = [];
  #busy = 0;
  #waiting = 0;
  #lastChangeMicros = 0;
  #batchWaitSumMicros = 0;
  #batchLeft = 0;
  // Arrival times of waiting customers, as a growable ring buffer.
  #ring = new Float64Array(1024);
  #head = 0;
  readonly #engine: Engine;
  readonly #config: ServerQueueConfig;

  constructor(engine: Engine, name: string, config: ServerQueueConfig) {
    this.#engine = engine;
    this.#config = config;
    this.#batchLeft = config.batchCustomers;
    this.index = engine.register(name, this);
  }

  /** Schedules the first arrival. */
  start(): void {
    if (this.#config.customers > 0) this.#engine.send(this.index, ARRIVAL, this.#config.interarrivalMicros());
  }

  /** Customers waiting for a server right now. */
  get waiting(): number {
    return this.#waiting;
  }

  receive(kind: number, a: number): void {
    const engine = this.#engine;
    const config = this.#config;
    const now = engine.nowMicros;
    // Integrate the counts over the interval that just ended, before they change.
    const dt = now - this.#lastChangeMicros;
    this.queueAreaMicros += this.#waiting * dt;
    this.systemAreaMicros += (this.#waiting + this.#busy) * dt;
    this.#lastChangeMicros = now;
    // Who starts service now, if anyone: the arriving customer, or the head of the queue after a departure.
    let arrivedMicros: Micros;
    if (kind === ARRIVAL) {
      this.arrived++;
      if (this.arrived < config.customers) engine.send(this.index, ARRIVAL, config.interarrivalMicros());
      if (this.#busy === config.servers) {
        this.#enqueue(now);
        return;
      }
      this.#busy++;
      arrivedMicros = now;
    } else {
      this.departed++;
      this.sojournSumMicros += now - a;
      if (this.#waiting === 0) {
        this.#busy--;
        return;
      }
      arrivedMicros = this.#dequeue();
    }
    // Service starts here, in receive itself: a helper taking µs times would box them on every call.
    const wait = now - arrivedMicros;
    this.waitSumMicros += wait;
    this.#batchWaitSumMicros += wait;
    this.started++;
    // A countdown rather than started % batchCustomers: an integer division per customer is measurable here.
    if (--this.#batchLeft === 0) {
      this.batchWaitMeansMicros.push(this.#batchWaitSumMicros / config.batchCustomers);
      this.#batchWaitSumMicros = 0;
      this.#batchLeft = config.batchCustomers;
    }
    engine.send(this.index, DEPARTURE, config.serviceMicros(), arrivedMicros);
  }

  #enqueue(arrivedMicros: Micros): void {
    if (this.#waiting === this.#ring.length) this.#growRing();
    this.#ring[(this.#head + this.#waiting) & (this.#ring.length - 1)] = arrivedMicros;
    this.#waiting++;
  }

  #dequeue(): Micros {
    const arrivedMicros = this.#ring[this.#head];
    this.#head = (this.#head + 1) & (this.#ring.length - 1);
    this.#waiting--;
    return arrivedMicros;
  }

  #growRing(): void {
    const ring = new Float64Array(this.#ring.length * 2);
    for (let i = 0; i < this.#waiting; i++) ring[i] = this.#ring[(this.#head + i) & (this.#ring.length - 1)];
    this.#ring = ring;
    this.#head = 0;
  }
}

// The last phase of a transfer: its bytes have left every link and arrive one one-way latency later (plus any
// retransmission timeout), when they are counted and the target is told. Arrivals wait here in time order (ties in
// the order sent) and the network's wake-up delivers every one due at its instant, inside that one engine event.

import type { Engine } from "../engine.ts";
import { EventQueue, PAYLOAD_STRIDE } from "../eventQueue.ts";
import type { Micros } from "../units.ts";
import type { ByteLedger } from "./byteLedger.ts";
import { REGIONAL_ZONE } from "./flowClass.ts";
import type { ImpairmentState } from "./impairmentState.ts";
import { TransferState, type TransferTable } from "./transferTable.ts";
import type { WakeTimer } from "./wakeTimer.ts";

/** What the arrivals read and write; all shared with the network. */
export interface ArrivalWiring {
  engine: Engine;
  wakes: WakeTimer;
  table: TransferTable;
  ledger: ByteLedger;
  state: ImpairmentState;
  /** Host zones, indexed by host id. */
  zoneOf: readonly number[];
  sameZoneLatencyMicros: Micros;
  crossZoneLatencyMicros: Micros;
}

/** Transfers in their latency phase, by arrival time. */
export class Arrivals {
  readonly #w: ArrivalWiring;
  /** Payload (a, b) = (transfer id, generation); the target and kind fields are unused. */
  readonly #queue = new EventQueue();

  constructor(wiring: ArrivalWiring) {
    this.#w = wiring;
  }

  /** One-way latency between two hosts now, in µs: the zones' base figure plus any impairment's. */
  latencyMicros(from: number, to: number, zoneFrom: number, zoneTo: number): Micros {
    // The object store endpoint is regional: its front ends sit in any zone, so it gets the cross-zone figure.
    const base = zoneFrom === zoneTo && zoneFrom !== REGIONAL_ZONE ? this.#w.sameZoneLatencyMicros : this.#w.crossZoneLatencyMicros;
    return base + this.#w.state.pathLatencyMicros(from, to, zoneFrom, zoneTo);
  }

  /** Every byte of a transfer has left its links: it arrives a latency later (at once for a host to itself). */
  depart(id: number): void {
    const t = this.#w.table;
    t.state[id] = TransferState.flying;
    const from = t.from[id];
    const to = t.to[id];
    let atMicros = this.#w.engine.nowMicros;
    if (from !== to) {
      atMicros += this.latencyMicros(from, to, this.#w.zoneOf[from], this.#w.zoneOf[to]) + t.retransmitMicros[id];
    }
    this.#queue.push(atMicros, 0, 0, id, t.generation[id], undefined);
    this.#w.wakes.request(atMicros);
  }

  /** When the next arrival is due, in µs, or Infinity when none is pending. */
  nextMicros(): Micros {
    return this.#queue.size > 0 ? this.#queue.peekAt() : Number.POSITIVE_INFINITY;
  }

  /** Delivers the earliest arrival if it is due by now and returns true; false when none is due. */
  deliverNext(nowMicros: Micros): boolean {
    const queue = this.#queue;
    if (queue.size === 0 || queue.peekAt() > nowMicros) return false;
    const slot = queue.popSlot();
    const id = queue.payload[slot * PAYLOAD_STRIDE + 2];
    const generation = queue.payload[slot * PAYLOAD_STRIDE + 3];
    queue.release(slot);
    const t = this.#w.table;
    // An aborted transfer's slot has moved on (new generation) or is free; its arrival is void.
    if (t.generation[id] !== generation || t.state[id] !== TransferState.flying) return true;
    this.#w.ledger.delivered(nowMicros, t.flowClass[id], t.locality[id], t.from[id], t.to[id], t.bytes[id]);
    const target = t.notifyTarget[id];
    const kind = t.notifyKind[id];
    const a = t.argA[id];
    const b = t.argB[id];
    const ref = t.ref[id];
    // Released before the target hears, so a transfer it starts in its handler may reuse this id at once.
    t.release(id);
    this.#w.engine.deliverNow(target, kind, a, b, ref);
    return true;
  }
}

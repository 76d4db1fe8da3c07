// The network's byte accounting: every delivered byte counted once by flow class × locality (overall and per
// interval), per host NIC direction (for utilisation), and every aborted transfer's bytes counted as dropped.
// Counting happens when a transfer's last byte arrives, so totals never include bytes still in flight.

import { FLOW_CLASS_COUNT, FLOW_CLASS_NAMES, LOCALITY_COUNT, LOCALITY_NAMES } from "./flowClass.ts";
import { IntervalBytes } from "./intervalBytes.ts";
import type { Micros } from "../units.ts";

/** Series index of dropped bytes in the interval snapshot (after the flow class × locality series). */
export const DROPPED_SERIES = FLOW_CLASS_COUNT * LOCALITY_COUNT;

/** Names of the interval series: "produce.sameZone" … "control.objectStore", then "dropped". */
export function seriesNames(): string[] {
  const names: string[] = [];
  for (const flow of FLOW_CLASS_NAMES) for (const locality of LOCALITY_NAMES) names.push(`${flow}.${locality}`);
  names.push("dropped");
  return names;
}

/** Running byte totals; all figures in bytes. */
export class ByteLedger {
  readonly intervals: IntervalBytes;
  /** Delivered bytes indexed by flowClass × LOCALITY_COUNT + locality. */
  readonly moved = new Float64Array(FLOW_CLASS_COUNT * LOCALITY_COUNT);
  hostEgress = new Float64Array(16);
  hostIngress = new Float64Array(16);
  droppedBytes = 0;

  constructor(intervalMicros: Micros) {
    this.intervals = new IntervalBytes(intervalMicros, seriesNames());
  }

  /** Makes room for host ids below hostCount. */
  ensureHosts(hostCount: number): void {
    if (hostCount <= this.hostEgress.length) return;
    const length = Math.max(hostCount, this.hostEgress.length * 2);
    const egress = new Float64Array(length);
    const ingress = new Float64Array(length);
    egress.set(this.hostEgress);
    ingress.set(this.hostIngress);
    this.hostEgress = egress;
    this.hostIngress = ingress;
  }

  /** Counts a delivered transfer; a host sending to itself uses no NIC, so its bytes skip the host counters. */
  delivered(nowMicros: Micros, flowClass: number, locality: number, from: number, to: number, bytes: number): void {
    const series = flowClass * LOCALITY_COUNT + locality;
    this.moved[series] += bytes;
    this.intervals.add(nowMicros, series, bytes);
    if (from !== to) {
      this.hostEgress[from] += bytes;
      this.hostIngress[to] += bytes;
    }
  }

  /** Counts an aborted transfer's full size as dropped, whatever part of it had already been served. */
  dropped(nowMicros: Micros, bytes: number): void {
    this.droppedBytes += bytes;
    this.intervals.add(nowMicros, DROPPED_SERIES, bytes);
  }
}

// What recovery metrics need that a run does not keep: its counters at the instant each fault began (so a fault's
// window gets exact differences), and the levels of partitions without a leader and below full durability over
// time, sampled by the faults actor and stored only where they change.

import { FlowClass, LOCALITY_NAMES } from "../network/index.ts";
import type { Run } from "../model/run.ts";

/** Cumulative counters of a run at one instant. */
export interface CounterMark {
  atMicros: number;
  produceErrors: number;
  produceRetries: number;
  /** Uncompressed bytes acknowledged to producers and then lost. */
  ackedBytesLost: number;
  /** Bytes delivered with flow class recovery, by Locality (sameZone, crossZone, objectStore). */
  recoveryBytes: number[];
}

/** The counters of a run now. */
export function readCounters(run: Run): CounterMark {
  const { stats, network, engine } = run.world;
  const recoveryBytes: number[] = [];
  for (let l = 0; l < LOCALITY_NAMES.length; l++) recoveryBytes.push(network.bytesMoved(FlowClass.recovery, l));
  return {
    atMicros: engine.nowMicros,
    produceErrors: stats.produceErrors,
    produceRetries: stats.produceRetries,
    ackedBytesLost: stats.ackedBytesLost,
    recoveryBytes,
  };
}

/** Partitions offline and below full durability over time, as change points: each value holds until the next. */
export class LevelTrace {
  readonly times: number[] = [];
  readonly offline: number[] = [];
  readonly underReplicated: number[] = [];

  /** Records the levels at nowMicros when they differ from the last recorded ones. */
  record(nowMicros: number, offline: number, underReplicated: number): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.offline[last] === offline && this.underReplicated[last] === underReplicated) return;
    this.times.push(nowMicros);
    this.offline.push(offline);
    this.underReplicated.push(underReplicated);
  }

  /** Over [fromMicros, toMicros): the largest value, the time it was above zero, and when it last became zero
   * (fromMicros if never above zero in the window; undefined if above zero at the window's end). */
  summarize(series: "offline" | "underReplicated", fromMicros: number, toMicros: number): { max: number; aboveZeroMicros: number; settledAtMicros: number | undefined } {
    const values = this[series];
    if (toMicros <= fromMicros) return { max: 0, aboveZeroMicros: 0, settledAtMicros: fromMicros };
    let max = 0;
    let above = 0;
    let settled: number | undefined = fromMicros;
    for (let i = 0; i < this.times.length; i++) {
      const start = Math.max(fromMicros, this.times[i]);
      const end = Math.min(toMicros, i + 1 < this.times.length ? this.times[i + 1] : Number.POSITIVE_INFINITY);
      if (end <= start) continue;
      const v = values[i];
      if (v > max) max = v;
      if (v > 0) {
        above += Math.max(0, end - start);
        settled = undefined;
      } else if (settled === undefined) {
        settled = start;
      }
    }
    return { max, aboveZeroMicros: above, settledAtMicros: settled };
  }
}

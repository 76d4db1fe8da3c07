// The network's one engine timer. Everything the network must do at a future instant — a link finishing a
// transfer, a transfer arriving — asks for a wake-up no later than that instant, and one wake-up serves all of it.
// A wake-up is sent only when asked for a time before every wake-up already pending; when a due time moves later
// instead, the pending wake-up fires early, finds nothing due and asks again. So no event is spent on a
// superseded time, none needs cancelling, and many things due at one instant cost one event.

import type { Engine } from "../engine.ts";
import type { Micros } from "../units.ts";

/** Pending wake-ups of one actor, sent to it as (kind, 0, 0). */
export class WakeTimer {
  readonly #engine: Engine;
  readonly #target: number;
  readonly #kind: number;
  /** Times of the pending wake-ups, latest first: each is sent only when earlier than all others, so the top is
   * the earliest, the next to fire, and — while its handler runs — the one firing. */
  #times = new Float64Array(8);
  #count = 0;

  constructor(engine: Engine, target: number, kind: number) {
    this.#engine = engine;
    this.#target = target;
    this.#kind = kind;
  }

  /** Makes sure a wake-up fires at or before atMicros (a whole µs >= now, or Infinity for none needed). */
  request(atMicros: Micros): void {
    // While a wake-up's handler runs it is still on top, so work due at its own instant joins it.
    if (this.#count > 0 && this.#times[this.#count - 1] <= atMicros) return;
    if (atMicros === Number.POSITIVE_INFINITY) return;
    if (this.#count === this.#times.length) {
      const times = new Float64Array(this.#times.length * 2);
      times.set(this.#times);
      this.#times = times;
    }
    this.#times[this.#count++] = atMicros;
    this.#engine.sendAt(this.#target, this.#kind, atMicros);
  }

  /**
   * Retires the wake-up that fired; call at the end of its handler, once everything due by now is done. Until then
   * every request is absorbed by the running wake-up, so the handler must then ask for the earliest work it has left.
   */
  fired(): void {
    this.#count--;
  }
}

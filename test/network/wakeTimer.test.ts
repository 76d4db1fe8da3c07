import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { Engine } from "../../sim/engine.ts";
import { WakeTimer } from "../../sim/network/wakeTimer.ts";

/** An engine with one actor whose wake-ups are logged; in each, `during` runs before fired() and `after` after it. */
function fixture(during: (now: number) => void = () => {}, after: (now: number) => void = () => {}) {
  const engine = new Engine();
  const woke: number[] = [];
  const holder: { timer?: WakeTimer } = {};
  const actor = engine.register("owner", {
    receive: () => {
      woke.push(engine.nowMicros);
      during(engine.nowMicros);
      holder.timer!.fired();
      after(engine.nowMicros);
    },
  });
  holder.timer = new WakeTimer(engine, actor, 0);
  return { engine, timer: holder.timer, woke };
}

describe("WakeTimer", () => {
  it("sends a wake-up only for a time before every pending one, and none for Infinity", () => {
    const { engine, timer, woke } = fixture();
    for (const at of [100, 50, 70, 50, Number.POSITIVE_INFINITY, 20]) timer.request(at);
    expect(engine.pending).toBe(3);
    engine.runUntil(1000);
    expect(woke).toEqual([20, 50, 100]);
  });

  it("folds anything asked for while a wake-up runs into it; after fired(), asking for later work re-arms", () => {
    const { engine, timer, woke } = fixture(
      (now) => {
        timer.request(now);
        timer.request(now + 50);
      },
      (now) => {
        if (now < 300) timer.request(now + 100);
      },
    );
    timer.request(100);
    expect(engine.runUntil(1000).events).toBe(3);
    expect(woke).toEqual([100, 200, 300]);
  });

  it("wakes after every request and by the time it asked for, twice at one instant only when asked again after the first, never more than asked", () => {
    const ask = fc.record({ when: fc.integer({ min: 0, max: 1000 }), ahead: fc.integer({ min: 0, max: 500 }) });
    fc.assert(
      fc.property(fc.array(ask, { maxLength: 60 }), (asks) => {
        const { engine, timer, woke } = fixture();
        const owed: { from: number; by: number }[] = [];
        // Work due now that arrives after this instant's wake-up has run needs a wake-up of its own at the same
        // instant (another actor's handler at that instant can ask for it): that is the one repeat allowed.
        let askedAgainAtWakeInstant = 0;
        for (const { when, ahead } of [...asks].sort((x, y) => x.when - y.when)) {
          engine.runUntil(when);
          if (ahead === 0 && woke.at(-1) === when) askedAgainAtWakeInstant++;
          timer.request(when + ahead);
          owed.push({ from: woke.length, by: when + ahead });
        }
        engine.runUntil(10_000);
        for (const { from, by } of owed) expect(woke.slice(from).some((w) => w <= by)).toBe(true);
        expect(woke.length - new Set(woke).size).toBeLessThanOrEqual(askedAgainAtWakeInstant);
        expect(woke.length).toBeLessThanOrEqual(asks.length);
      }),
      { numRuns: 200 },
    );
  });

  it("a request for now, made after now's wake-up has run, gets a second wake-up at the same instant", () => {
    const { engine, timer, woke } = fixture();
    timer.request(8);
    engine.runUntil(8);
    timer.request(8);
    engine.runUntil(100);
    expect(woke).toEqual([8, 8]);
  });
});

import { describe, it, expect } from "vitest";
import { Engine } from "../sim/engine.ts";
import { InputError } from "../sim/errors.ts";

describe("Engine.deliverNow", () => {
  it("runs the target's receive before returning, at the current time, inside the event being handled", () => {
    const engine = new Engine();
    const log: string[] = [];
    const sink = engine.register("sink", {
      receive: (kind, a, b, ref) => log.push(`sink ${kind} ${a} ${b} ${JSON.stringify(ref)} at ${engine.nowMicros}`),
    });
    const relay = engine.register("relay", {
      receive: (kind) => {
        log.push(`relay ${kind} before`);
        engine.deliverNow(sink, kind + 1, 2.5, -3, { id: 9 });
        log.push(`relay ${kind} after`);
      },
    });
    engine.send(relay, 4, 70);
    engine.send(sink, 99, 70);
    engine.runUntil(100);
    // The relayed notice comes before an event queued earlier for the same instant: it is not queued at all.
    expect(log).toEqual(["relay 4 before", 'sink 5 2.5 -3 {"id":9} at 70', "relay 4 after", "sink 99 0 0 undefined at 70"]);
  });

  it("shows the delivery to the observer but does not count it as an event or against the budget", () => {
    const engine = new Engine({ eventBudget: 1 });
    const sink = engine.register("sink", { receive: () => {} });
    const relay = engine.register("relay", { receive: () => engine.deliverNow(sink, 8, 1, 2) });
    const observed: number[][] = [];
    engine.observer = (at, target, kind, a, b) => observed.push([at, target, kind, a, b]);
    engine.send(relay, 3, 5);
    const result = engine.runUntil(10);
    expect(result.events).toBe(1);
    expect(result.stoppedBy).toBe("idle");
    expect(observed).toEqual([
      [5, relay, 3, 0, 0],
      [5, sink, 8, 1, 2],
    ]);
  });

  it("rejects a target that is not a registered actor with an InputError naming it", () => {
    const engine = new Engine();
    engine.register("only", { receive: () => {} });
    for (const bad of [1, -1, 0.5, Number.NaN]) {
      try {
        engine.deliverNow(bad, 0);
        throw new Error(`accepted target ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).field).toBe("target");
      }
    }
  });
});

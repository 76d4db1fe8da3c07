import { describe, expect, it } from "vitest";
import { Engine, type Actor, type RunResult } from "../sim/engine.ts";
import { InputError } from "../sim/errors.ts";
import { createRng, type Rng } from "../sim/random.ts";

type LogEntry = [timeMicros: number, actor: string, kind: number];

/** Records every delivery as [time, name, kind]; optional reactions send more events from inside receive. */
class Recorder implements Actor {
  index = -1;
  constructor(
    readonly name: string,
    readonly engine: Engine,
    readonly log: LogEntry[],
    readonly react: (kind: number, a: number) => void = () => {},
  ) {
    this.index = engine.register(name, this);
  }

  receive(kind: number, a: number): void {
    this.log.push([this.engine.nowMicros, this.name, kind]);
    this.react(kind, a);
  }
}

/** Catches an InputError and returns the field it names, or fails. */
function fieldOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).field;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/**
 * A small stochastic model whose state depends on the exact order of deliveries: five actors pass tokens to
 * random peers after random delays (zero delays included, so same-time ties are common) and fold every
 * delivery into a running checksum.
 */
function tokenRing(seed: number): { engine: Engine; state: () => number[]; log: number[][] } {
  const engine = new Engine();
  const rng = createRng(seed);
  const log: number[][] = [];
  const actors: TokenPasser[] = [];
  for (let i = 0; i < 5; i++) actors.push(new TokenPasser(engine, rng.fork(`passer-${i}`), log));
  for (let token = 0; token < 8; token++) engine.send(token % 5, 0, token * 3, token, 0);
  return { engine, log, state: () => actors.map((actor) => actor.checksum) };
}

class TokenPasser implements Actor {
  readonly index: number;
  checksum = 0;
  constructor(
    readonly engine: Engine,
    readonly rng: Rng,
    readonly log: number[][],
  ) {
    this.index = engine.register(`passer-${engine.actorCount}`, this);
  }

  receive(kind: number, token: number, hops: number): void {
    this.log.push([this.engine.nowMicros, this.index, kind, token, hops]);
    this.checksum = (this.checksum * 31 + token * 7 + hops + this.engine.nowMicros) % 1_000_000_007;
    const peer = this.rng.int(0, 5);
    // One hop in four is instantaneous, so ties at one instant are exercised constantly.
    const delay = this.rng.chance(0.25) ? 0 : this.rng.int(1, 50);
    this.engine.send(peer, hops % 3, delay, token, hops + 1);
  }
}

describe("Engine", () => {
  it("delivers events due at the same instant in the order they were sent, across actors and from inside handlers", () => {
    const engine = new Engine();
    const log: LogEntry[] = [];
    const a = new Recorder("a", engine, log, (kind) => {
      // Sent while handling (10, a, 1): due at 10 too, so it queues behind everything already due at 10.
      if (kind === 1) engine.send(b.index, 9, 0);
    });
    const b = new Recorder("b", engine, log);
    engine.send(b.index, 2, 10);
    engine.send(a.index, 1, 10);
    engine.send(b.index, 3, 10);
    engine.send(a.index, 4, 5);
    engine.sendAt(a.index, 5, 10);
    engine.runUntil(100);
    expect(log).toEqual([
      [5, "a", 4],
      [10, "b", 2],
      [10, "a", 1],
      [10, "b", 3],
      [10, "a", 5],
      [10, "b", 9],
    ]);
  });

  it("never moves time backwards, however delays mix", () => {
    const { engine } = tokenRing(11);
    let previous = -1;
    let decreases = 0;
    engine.observer = (atMicros) => {
      if (atMicros < previous) decreases++;
      previous = atMicros;
    };
    const result = engine.runUntil(100_000);
    expect(result.events).toBeGreaterThan(20_000);
    expect(decreases).toBe(0);
    expect(engine.nowMicros).toBe(100_000);
  });

  it("gives the same event log and final state whether run in one call or in 1000 slices", () => {
    const whole = tokenRing(5);
    whole.engine.runUntil(50_000);
    const sliced = tokenRing(5);
    for (let slice = 1; slice <= 1000; slice++) sliced.engine.runUntil(slice * 50);
    expect(sliced.log.length).toBeGreaterThan(10_000);
    expect(sliced.log).toEqual(whole.log);
    expect(sliced.state()).toEqual(whole.state());
    expect(sliced.engine.nowMicros).toBe(whole.engine.nowMicros);
    expect(sliced.engine.eventsTotal).toBe(whole.engine.eventsTotal);
    expect(sliced.engine.pending).toBe(whole.engine.pending);
  });

  it("reports `until` with events still pending and `idle` once nothing is left", () => {
    const engine = new Engine();
    const log: LogEntry[] = [];
    const a = new Recorder("a", engine, log);
    engine.send(a.index, 1, 50);
    engine.send(a.index, 2, 150);
    expect(engine.runUntil(100)).toEqual<RunResult>({ events: 1, nowMicros: 100, stoppedBy: "until" });
    expect(engine.runUntil(200)).toEqual<RunResult>({ events: 1, nowMicros: 200, stoppedBy: "idle" });
    expect(engine.pending).toBe(0);
  });

  it("stops at the horizon and says so, leaving later events undelivered", () => {
    const engine = new Engine({ horizonMicros: 1_000 });
    const log: LogEntry[] = [];
    const ticker: Recorder = new Recorder("ticker", engine, log, () => engine.send(ticker.index, 0, 100));
    engine.send(ticker.index, 0, 0);
    // Ticks at 0, 100, ..., 1000 are due within the horizon; the tick at 1100 is not.
    expect(engine.runUntil(5_000)).toEqual<RunResult>({ events: 11, nowMicros: 1_000, stoppedBy: "horizon" });
    expect(engine.pending).toBe(1);
    expect(engine.runUntil(9_000)).toEqual<RunResult>({ events: 0, nowMicros: 1_000, stoppedBy: "horizon" });
  });

  it("stops when the run's event budget is spent, and on every later call, instead of running on silently", () => {
    const engine = new Engine({ eventBudget: 5 });
    const log: LogEntry[] = [];
    const ticker: Recorder = new Recorder("ticker", engine, log, () => engine.send(ticker.index, 0, 10));
    engine.send(ticker.index, 0, 0);
    expect(engine.runUntil(1_000_000)).toEqual<RunResult>({ events: 5, nowMicros: 40, stoppedBy: "eventBudget" });
    expect(engine.runUntil(1_000_000)).toEqual<RunResult>({ events: 0, nowMicros: 40, stoppedBy: "eventBudget" });
    expect(engine.eventsTotal).toBe(5);
  });

  it("honours a per-call eventsMax, and resuming afterwards loses and repeats nothing", () => {
    const engine = new Engine();
    const log: LogEntry[] = [];
    const ticker: Recorder = new Recorder("ticker", engine, log, (kind) => {
      if (kind < 9) engine.send(ticker.index, kind + 1, 10);
    });
    engine.send(ticker.index, 0, 0);
    expect(engine.runUntil(1_000, 3)).toEqual<RunResult>({ events: 3, nowMicros: 20, stoppedBy: "eventBudget" });
    expect(engine.runUntil(1_000)).toEqual<RunResult>({ events: 7, nowMicros: 1_000, stoppedBy: "idle" });
    expect(log.map(([, , kind]) => kind)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("passes numbers and the ref object through unchanged, and shows every delivery to the observer", () => {
    const engine = new Engine();
    const seen: unknown[][] = [];
    const payload = { bytes: 4096 };
    const sink = engine.register("sink", { receive: (kind, a, b, ref) => seen.push([kind, a, b, ref]) });
    const observed: number[][] = [];
    engine.observer = (at, target, kind, a, b) => observed.push([at, target, kind, a, b]);
    engine.send(sink, 7, 3, 2 ** 40 + 0.5, -1e-9, payload);
    engine.send(sink, 8, 4);
    engine.runUntil(10);
    expect(seen).toEqual([
      [7, 2 ** 40 + 0.5, -1e-9, payload],
      [8, 0, 0, undefined],
    ]);
    expect(seen[0][3]).toBe(payload);
    expect(observed).toEqual([
      [3, sink, 7, 2 ** 40 + 0.5, -1e-9],
      [4, sink, 8, 0, 0],
    ]);
  });

  it("rejects bad delays, targets, times and limits with an InputError naming the parameter", () => {
    const engine = new Engine();
    const target = engine.register("a", { receive: () => {} });
    engine.send(target, 0, 100);
    engine.runUntil(50);
    for (const delay of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER]) {
      expect(fieldOf(() => engine.send(target, 0, delay))).toBe("delayMicros");
    }
    for (const bad of [1, -1, 0.5, Number.NaN]) expect(fieldOf(() => engine.send(bad, 0, 10))).toBe("target");
    for (const kind of [0.5, Number.NaN, 2 ** 31]) expect(fieldOf(() => engine.send(target, kind, 10))).toBe("kind");
    for (const at of [49, 60.5, Number.NaN]) expect(fieldOf(() => engine.sendAt(target, 0, at))).toBe("atMicros");
    for (const until of [49, 60.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(fieldOf(() => engine.runUntil(until))).toBe("untilMicros");
    }
    for (const max of [-1, 2.5, Number.NaN]) expect(fieldOf(() => engine.runUntil(60, max))).toBe("eventsMax");
    expect(fieldOf(() => engine.register("a", { receive: () => {} }))).toBe("actor name");
    expect(fieldOf(() => engine.actorIndex("missing"))).toBe("actor name");
    expect(fieldOf(() => new Engine({ horizonMicros: -5 }))).toBe("horizonMicros");
    expect(fieldOf(() => new Engine({ eventBudget: 0.5 }))).toBe("eventBudget");
    // Nothing was queued or delivered by the rejected calls.
    expect(engine.pending).toBe(1);
    expect(engine.nowMicros).toBe(50);
  });

  it("names the bad value and what was expected in the message", () => {
    const engine = new Engine();
    const target = engine.register("a", { receive: () => {} });
    expect(() => engine.send(target, 0, -3)).toThrow(/^delayMicros: expected a whole number of µs >= 0 .*\(got -3\)$/);
  });
});

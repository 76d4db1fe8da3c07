import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { Actor } from "../../sim/engine.ts";
import { FlowClass } from "../../sim/network/index.ts";
import { DONE, host, setup } from "./harness.ts";

describe("Network event cost", () => {
  it("spends exactly one engine event on a zero-byte transfer, delivering the notification within it", () => {
    const { engine, network, recorder, target } = setup({ crossZoneLatencyMicros: 700 });
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 1, 1e9);
    const observed: number[][] = [];
    engine.observer = (at, to, kind, x) => observed.push([at, to, kind, x]);
    network.transfer(a, b, 0, FlowClass.control, target, DONE, 1);
    expect(engine.runUntil(10_000).events).toBe(1);
    expect(recorder.notes).toEqual([{ atMicros: 700, kind: DONE, a: 1, b: 0, ref: undefined }]);
    // Traces still see the notification, right after the network's own event at the same instant.
    expect(observed.map(([at, to]) => [at, to])).toEqual([
      [700, engine.actorIndex("network")],
      [700, target],
    ]);
  });

  it("spends two events on a lone transfer: one when its egress and ingress finish together, one when it arrives", () => {
    const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: 100 });
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.transfer(a, b, 1_000_000, FlowClass.produce, target, DONE, 1);
    expect(engine.runUntil(10_000).events).toBe(2);
    expect(recorder.at(1)).toBe(1000 + 100);
  });

  it("spends at most three events on any number of equal transfers started together, all finishing at n · bytes / C", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5_000_000 }), (n, bytes) => {
        const { engine, network, recorder, target } = setup({ crossZoneLatencyMicros: 300 });
        const a = host(network, "a", 0, 1e9);
        const b = host(network, "b", 1, 1e9);
        for (let i = 0; i < n; i++) network.transfer(a, b, bytes, FlowClass.replication, target, DONE, i);
        const alone = Math.ceil((bytes * 1e6) / 1e9 - 1e-6);
        const together = Math.ceil((n * bytes * 1e6) / 1e9 - 1e-6);
        // The wake-up the first asked for fires early if the others pushed the finish later; then the shared
        // finish of both links, then every arrival at once.
        expect(engine.runUntil(100_000_000).events).toBe(alone < together ? 3 : 2);
        expect(recorder.notes.map((note) => note.atMicros)).toEqual(new Array<number>(n).fill(together + 300));
      }),
      { numRuns: 60 },
    );
  });

  it("spends one early wake-up, not a superseded event per link, when a joining transfer delays a busy link", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.transfer(a, b, 4_000_000, FlowClass.produce, target, DONE, 1);
    expect(engine.runUntil(1000).events).toBe(0);
    // 3 MB of the first are left; sharing the link with 3 MB more, both finish 6 ms later.
    network.transfer(a, b, 3_000_000, FlowClass.produce, target, DONE, 2);
    // The wake-up asked for at 4 ms fires early and re-arms; the one at 7 ms serves both links and both arrivals.
    expect(engine.runUntil(100_000).events).toBe(2);
    expect([recorder.at(1), recorder.at(2)]).toEqual([7000, 7000]);
  });

  it("serves transfers started from inside a notification exactly: each link of a chain starts when the last arrives", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 500 }), (n, bytes, latency) => {
        const { engine, network } = setup({ sameZoneLatencyMicros: latency });
        const a = host(network, "a", 0, 1e9);
        const b = host(network, "b", 0, 1e9);
        const arrivals: number[] = [];
        const chain: Actor & { index: number } = {
          index: -1,
          receive(_kind, i) {
            arrivals.push(engine.nowMicros);
            if (i + 1 < n) network.transfer(a, b, bytes, FlowClass.produce, chain.index, DONE, i + 1);
          },
        };
        chain.index = engine.register("chain", chain);
        network.transfer(a, b, bytes, FlowClass.produce, chain.index, DONE, 0);
        engine.runUntil(1_000_000_000);
        const hop = Math.ceil((bytes * 1e6) / 1e9 - 1e-6) + latency;
        expect(arrivals).toEqual(Array.from({ length: n }, (_, i) => (i + 1) * hop));
        expect(network.activeTransfers).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("delivers a host's chain of transfers to itself within one engine event, in order", () => {
    const { engine, network } = setup();
    const a = host(network, "a", 0, 1e9);
    const heard: number[] = [];
    const chain: Actor & { index: number } = {
      index: -1,
      receive(_kind, i) {
        heard.push(i);
        if (i < 99) network.transfer(a, a, 1000, FlowClass.wal, chain.index, DONE, i + 1);
      },
    };
    chain.index = engine.register("chain", chain);
    engine.runUntil(50);
    network.transfer(a, a, 1000, FlowClass.wal, chain.index, DONE, 0);
    expect(engine.runUntil(1000).events).toBe(1);
    expect(heard).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

import { describe, it, expect } from "vitest";
import { FlowClass, TCP_RTO_MIN_MICROS } from "../../sim/network/index.ts";
import { DONE, FAILED, host, setup } from "./harness.ts";

const FOREVER = Number.POSITIVE_INFINITY;

describe("Network impairments: down", () => {
  it("aborts a host's transfers when it goes down, notifies failKind, counts the bytes as dropped, and recovers after", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.addImpairment({ scope: { kind: "host", host: b }, fromMicros: 2000, untilMicros: 5000, down: true });
    network.transfer(a, b, 10_000_000, FlowClass.produce, target, DONE, 1, 0, undefined, FAILED);
    engine.runUntil(3000);
    expect(recorder.notes).toEqual([{ atMicros: 2000, kind: FAILED, a: 1, b: 0, ref: undefined }]);
    expect(network.droppedBytes).toBe(10_000_000);
    expect(network.isUp(b)).toBe(false);
    expect(network.isUp(a)).toBe(true);
    expect(network.transfer(a, b, 1000, FlowClass.produce, target, DONE, 2, 0, undefined, FAILED)).toBe(-1);
    expect(network.transfer(b, a, 1000, FlowClass.produce, target, DONE, 3)).toBe(-1);
    engine.runUntil(3000);
    expect(recorder.notes.map((n) => [n.atMicros, n.kind, n.a])).toEqual([[2000, FAILED, 1], [3000, FAILED, 2]]);
    expect(network.droppedBytes).toBe(10_002_000);
    engine.runUntil(6000);
    expect(network.isUp(b)).toBe(true);
    network.transfer(a, b, 1_000_000, FlowClass.produce, target, DONE, 4);
    engine.runUntil(10_000);
    expect(recorder.at(4)).toBe(7000);
    expect(network.activeTransfers).toBe(0);
  });

  it("aborts a transfer whose bytes are still in flight when the receiver goes down", () => {
    const { engine, network, recorder, target } = setup({ crossZoneLatencyMicros: 1000 });
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 1, 1e9);
    network.transfer(a, b, 1000, FlowClass.produce, target, DONE, 1, 0, undefined, FAILED);
    engine.runUntil(500);
    network.setHostDown(b, true);
    engine.runUntil(5000);
    expect(recorder.notes.map((n) => [n.atMicros, n.kind])).toEqual([[500, FAILED]]);
    network.setHostDown(b, false);
    expect(network.isUp(b)).toBe(true);
  });

  it("takes down every host of a down zone but not the object store or other zones", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 1, 1e9);
    const s3 = host(network, "s3", -1, 1e9);
    network.addImpairment({ scope: { kind: "zone", zone: 1 }, fromMicros: 0, untilMicros: FOREVER, down: true });
    engine.runUntil(0);
    expect([network.isUp(a), network.isUp(b), network.isUp(s3)]).toEqual([true, false, true]);
    network.transfer(a, b, 1000, FlowClass.produce, target, DONE, 1, 0, undefined, FAILED);
    network.transfer(a, s3, 1000, FlowClass.s3Put, target, DONE, 2, 0, undefined, FAILED);
    engine.runUntil(1000);
    expect(recorder.notes.map((n) => [n.a, n.kind])).toEqual([[1, FAILED], [2, DONE]]);
  });

  it("cuts only the paths between a down zone pair", () => {
    const { engine, network, recorder, target } = setup();
    const [a, b, c] = [0, 1, 2].map((zone) => host(network, `h${zone}`, zone, 1e9));
    network.addImpairment({ scope: { kind: "zonePair", zoneA: 1, zoneB: 0 }, fromMicros: 0, untilMicros: 100, down: true });
    engine.runUntil(0);
    network.transfer(a, b, 10, FlowClass.produce, target, DONE, 1, 0, undefined, FAILED);
    network.transfer(b, a, 10, FlowClass.produce, target, DONE, 2, 0, undefined, FAILED);
    network.transfer(a, c, 10, FlowClass.produce, target, DONE, 3, 0, undefined, FAILED);
    engine.runUntil(200);
    network.transfer(a, b, 10, FlowClass.produce, target, DONE, 4, 0, undefined, FAILED);
    engine.runUntil(300);
    expect(recorder.notes.map((n) => [n.a, n.kind])).toEqual([[1, FAILED], [2, FAILED], [3, DONE], [4, DONE]]);
    expect([network.isUp(a), network.isUp(b)]).toEqual([true, true]);
  });

  it("drops silently when no failKind was given, still counting the bytes", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.transfer(a, b, 5_000_000, FlowClass.recovery, target, DONE, 1);
    network.setHostDown(a, true);
    engine.runUntil(100_000);
    expect(recorder.notes).toEqual([]);
    expect(network.droppedBytes).toBe(5_000_000);
  });
});

describe("Network impairments: bandwidth and latency", () => {
  it("halves a host's throughput inside the window only", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.addImpairment({ scope: { kind: "host", host: a }, fromMicros: 1000, untilMicros: 3000, bandwidthFactor: 0.5 });
    network.transfer(a, b, 3_000_000, FlowClass.produce, target, DONE, 1);
    engine.runUntil(5000);
    network.transfer(a, b, 1_000_000, FlowClass.produce, target, DONE, 2);
    engine.runUntil(10_000);
    // 1 MB by 1 ms, 1 MB more at half speed by 3 ms, the last 1 MB at full speed; afterwards full speed again.
    expect(recorder.at(1)).toBe(4000);
    expect(recorder.at(2)).toBe(6000);
  });

  it("slows every NIC of a zone under a zone bandwidth factor", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 1, 1e9);
    const c = host(network, "c", 2, 1e9);
    network.addImpairment({ scope: { kind: "zone", zone: 1 }, fromMicros: 0, untilMicros: FOREVER, bandwidthFactor: 0.25 });
    engine.runUntil(0);
    network.transfer(a, b, 1_000_000, FlowClass.produce, target, DONE, 1);
    network.transfer(a, c, 1_000_000, FlowClass.produce, target, DONE, 2);
    engine.runUntil(10_000);
    // a's egress is shared by both (2 ms together), but b's ingress at 0.25 GB/s holds the first to 4 ms.
    expect(recorder.at(1)).toBe(4000);
    expect(recorder.at(2)).toBe(2000);
  });

  it("narrows the path between a zone pair, shared by all transfers crossing it, including ones already running", () => {
    const { engine, network, recorder, target } = setup();
    const [a0, a1] = [host(network, "a0", 0, 1e9), host(network, "a1", 0, 1e9)];
    const [b0, b1] = [host(network, "b0", 1, 1e9), host(network, "b1", 1, 1e9)];
    const c0 = host(network, "c0", 2, 1e9);
    network.addImpairment({ scope: { kind: "zonePair", zoneA: 0, zoneB: 1 }, fromMicros: 1000, untilMicros: FOREVER, bandwidthFactor: 0.25 });
    network.transfer(a0, b0, 2_000_000, FlowClass.replication, target, DONE, 1);
    engine.runUntil(1000);
    network.transfer(a1, b1, 1_000_000, FlowClass.replication, target, DONE, 2);
    network.transfer(a1, c0, 1_000_000, FlowClass.replication, target, DONE, 3);
    network.transfer(a0, a1, 1_000_000, FlowClass.replication, target, DONE, 4);
    engine.runUntil(20_000);
    // Path 0→1 carries at most 0.25 × min(2 GB/s, 2 GB/s) = 0.5 GB/s, split between transfers 1 and 2.
    expect(recorder.at(2)).toBe(1000 + 4000);
    expect(recorder.at(1)).toBe(1000 + 4000);
    // Not crossing 0→1: only NIC sharing applies (a1's egress split with transfer 2, then alone).
    expect(recorder.at(3)).toBe(1000 + 2000);
    expect(recorder.at(4)).toBe(1000 + 2000);
  });

  it("charges a narrowed zone pair for exactly its window: bytes the path still owed at the end go back to the NICs", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 1, 1e9);
    network.addImpairment({ scope: { kind: "zonePair", zoneA: 0, zoneB: 1 }, fromMicros: 1000, untilMicros: 3000, bandwidthFactor: 0.25 });
    network.transfer(a, b, 4_000_000, FlowClass.replication, target, DONE, 1);
    engine.runUntil(100_000);
    // 1 MB at full speed, 0.5 MB through the 0.25 GB/s path in the 2 ms window, the last 2.5 MB at full speed.
    expect(recorder.at(1)).toBe(1000 + 2000 + 2500);
  });

  it("multiplies overlapping bandwidth factors and restores each exactly when its window ends", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.addImpairment({ scope: { kind: "host", host: a }, fromMicros: 0, untilMicros: 4000, bandwidthFactor: 0.5 });
    network.addImpairment({ scope: { kind: "host", host: a }, fromMicros: 1000, untilMicros: 2000, bandwidthFactor: 0.5 });
    engine.runUntil(0);
    network.transfer(a, b, 3_000_000, FlowClass.produce, target, DONE, 1);
    engine.runUntil(100_000);
    // 0.5 MB, then 0.25 MB, then 1 MB by 4 ms; the last 1.25 MB at full speed.
    expect(recorder.at(1)).toBe(4000 + 1250);
  });

  it("adds a host's extra latency to transfers touching it, and a zone pair's only to transfers crossing it", () => {
    const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: 100, crossZoneLatencyMicros: 400 });
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    const c = host(network, "c", 1, 1e9);
    network.addImpairment({ scope: { kind: "host", host: b }, fromMicros: 0, untilMicros: FOREVER, addedLatencyMicros: 5000 });
    network.addImpairment({ scope: { kind: "zonePair", zoneA: 0, zoneB: 1 }, fromMicros: 0, untilMicros: FOREVER, addedLatencyMicros: 20_000 });
    engine.runUntil(0);
    network.transfer(a, b, 1_000_000, FlowClass.produce, target, DONE, 1);
    network.transfer(a, c, 1_000_000, FlowClass.produce, target, DONE, 2);
    network.transfer(c, c, 1_000_000, FlowClass.produce, target, DONE, 3);
    engine.runUntil(100_000);
    expect(recorder.at(1)).toBe(2000 + 100 + 5000);
    expect(recorder.at(2)).toBe(2000 + 400 + 20_000);
    expect(recorder.at(3)).toBe(0);
  });
});

describe("Network impairments: loss", () => {
  const latency = 100;
  const rttSeconds = (2 * latency) / 1e6;

  it("adds one RTO to the share of transfers that lose a segment, at the rate 1 − (1 − p)^segments", () => {
    const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: latency }, 7);
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    const p = 0.01;
    const bytes = 64 * 1024;
    const n = 2000;
    network.addImpairment({ scope: { kind: "host", host: b }, fromMicros: 0, untilMicros: FOREVER, lossRatio: p });
    for (let i = 0; i < n; i++) {
      engine.runUntil(i * 1000);
      network.transfer(a, b, bytes, FlowClass.produce, target, DONE, i);
    }
    engine.runUntil(10_000_000);
    const elapsed = recorder.notes.map((note) => note.atMicros - note.a * 1000);
    const delayed = elapsed.filter((micros) => micros >= TCP_RTO_MIN_MICROS).length;
    const q = 1 - (1 - p) ** Math.ceil(bytes / 1448);
    const sigma = Math.sqrt(n * q * (1 - q));
    expect(Math.abs(delayed - n * q)).toBeLessThan(4 * sigma);
    // Every lossy transfer is also held to the Mathis ceiling MSS / (RTT · sqrt(2p/3)).
    const ceilingMicros = Math.ceil((bytes * 1e6 * rttSeconds * Math.sqrt((2 * p) / 3)) / 1448);
    const undelayed = new Set(elapsed.filter((micros) => micros < TCP_RTO_MIN_MICROS));
    expect([...undelayed]).toEqual([ceilingMicros + latency]);
    expect(new Set(elapsed.filter((micros) => micros >= TCP_RTO_MIN_MICROS))).toEqual(new Set([ceilingMicros + latency + TCP_RTO_MIN_MICROS]));
  });

  it("draws the same losses for the same seed", () => {
    const run = (seed: number) => {
      const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: latency }, seed);
      const a = host(network, "a", 0, 1e9);
      const b = host(network, "b", 0, 1e9);
      network.addImpairment({ scope: { kind: "zone", zone: 0 }, fromMicros: 0, untilMicros: FOREVER, lossRatio: 0.001 });
      engine.runUntil(0);
      for (let i = 0; i < 200; i++) network.transfer(a, b, 100_000, FlowClass.produce, target, DONE, i);
      engine.runUntil(10_000_000);
      return recorder.notes.map((note) => note.atMicros);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it("applies loss only to transfers started inside the window", () => {
    const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: latency });
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.addImpairment({ scope: { kind: "host", host: a }, fromMicros: 0, untilMicros: 1000, lossRatio: 0.05 });
    engine.runUntil(0);
    network.transfer(a, b, 10_000_000, FlowClass.produce, target, DONE, 1);
    engine.runUntil(20_000);
    network.transfer(a, b, 10_000_000, FlowClass.produce, target, DONE, 2);
    engine.runUntil(100_000_000);
    const ceilingMicros = Math.ceil((10_000_000 * 1e6 * rttSeconds * Math.sqrt((2 * 0.05) / 3)) / 1448);
    expect(recorder.at(1)).toBe(ceilingMicros + latency + TCP_RTO_MIN_MICROS);
    expect(recorder.at(2)).toBe(20_000 + 10_000 + latency);
  });
});

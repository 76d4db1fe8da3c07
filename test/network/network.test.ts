import { describe, it, expect } from "vitest";
import {
  CROSS_ZONE_LATENCY_MICROS_DEFAULT,
  FlowClass,
  Locality,
  SAME_ZONE_LATENCY_MICROS_DEFAULT,
} from "../../sim/network/index.ts";
import { GiB, MiB, TiB } from "../../sim/units.ts";
import { DONE, host, setup } from "./harness.ts";

describe("Network transfer timing", () => {
  it("delivers a lone transfer after ceil(bytes / C) plus the one-way latency of its zones", () => {
    const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: undefined, crossZoneLatencyMicros: undefined });
    const a = host(network, "a", 0, 1.25e9);
    const b = host(network, "b", 0, 1.25e9);
    const c = host(network, "c", 1, 1.25e9);
    network.transfer(a, b, 10 * MiB, FlowClass.produce, target, DONE, 1);
    network.transfer(a, c, 3, FlowClass.produce, target, DONE, 2);
    engine.runUntil(1_000_000);
    expect(recorder.at(1)).toBe(Math.ceil((10 * MiB * 1e6) / 1.25e9) + SAME_ZONE_LATENCY_MICROS_DEFAULT);
    expect(recorder.at(2)).toBe(1 + CROSS_ZONE_LATENCY_MICROS_DEFAULT);
  });

  it("uses one-way latencies of about half the published us-east-1 RTTs (same-AZ 0.26–0.41 ms, cross-AZ 0.94–1.13 ms)", () => {
    expect(SAME_ZONE_LATENCY_MICROS_DEFAULT * 2).toBeGreaterThanOrEqual(259);
    expect(SAME_ZONE_LATENCY_MICROS_DEFAULT * 2).toBeLessThanOrEqual(410);
    expect(CROSS_ZONE_LATENCY_MICROS_DEFAULT * 2).toBeGreaterThanOrEqual(937);
    expect(CROSS_ZONE_LATENCY_MICROS_DEFAULT * 2).toBeLessThanOrEqual(1126);
  });

  it("is limited by the slower of the sender's egress and the receiver's ingress", () => {
    const { engine, network, recorder, target } = setup();
    const a = network.addHost({ name: "a", zone: 0, egressBytesPerSecond: 2e9, ingressBytesPerSecond: 2e9 });
    const b = network.addHost({ name: "b", zone: 0, egressBytesPerSecond: 2e9, ingressBytesPerSecond: 5e8 });
    network.transfer(a, b, 1e9, FlowClass.replication, target, DONE, 1);
    engine.runUntil(10_000_000);
    expect(recorder.at(1)).toBe(2_000_000);
  });

  it("finishes two equal transfers started together on one link both at 2 · bytes / C", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.transfer(a, b, 4_000_000, FlowClass.produce, target, DONE, 1);
    network.transfer(a, b, 4_000_000, FlowClass.produce, target, DONE, 2);
    engine.runUntil(1_000_000);
    expect([recorder.at(1), recorder.at(2)]).toEqual([8000, 8000]);
  });

  it("shares rather than queues: a 1 MiB produce behind a 1 TiB recovery finishes in about 2 · 1 MiB / C", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, GiB);
    const b = host(network, "b", 0, GiB);
    network.transfer(a, b, TiB, FlowClass.recovery, target, DONE, 1);
    engine.runUntil(5_000_000);
    network.transfer(a, b, MiB, FlowClass.produce, target, DONE, 2);
    engine.runUntil(6_000_000);
    const elapsed = recorder.at(2) - 5_000_000;
    expect(Math.abs(elapsed - (2 * MiB * 1e6) / GiB)).toBeLessThanOrEqual(1);
    expect(network.activeTransfers).toBe(1);
  });

  it("delivers a host's transfer to itself at once, without links, as same-zone bytes", () => {
    const { engine, network, recorder, target } = setup({ sameZoneLatencyMicros: 500 });
    const a = host(network, "a", 2, 1e6);
    engine.runUntil(10);
    network.transfer(a, a, 50 * MiB, FlowClass.wal, target, DONE, 1);
    engine.runUntil(20);
    expect(recorder.at(1)).toBe(10);
    expect(network.bytesMoved(FlowClass.wal, Locality.sameZone)).toBe(50 * MiB);
    expect(network.hostBytes(a)).toEqual({ egress: 0, ingress: 0 });
  });

  it("delivers a zero-byte transfer after the latency alone", () => {
    const { engine, network, recorder, target } = setup({ crossZoneLatencyMicros: 700 });
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 2, 1e9);
    network.transfer(a, b, 0, FlowClass.control, target, DONE, 1);
    engine.runUntil(10_000);
    expect(recorder.at(1)).toBe(700);
  });

  it("hands back a, b and ref unchanged with the notification", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 1, 1e9);
    const ref = { batch: 7 };
    network.transfer(a, b, 1000, FlowClass.produce, target, 42, 3.5, -2, ref);
    engine.runUntil(10_000);
    expect(recorder.notes).toEqual([{ atMicros: 1, kind: 42, a: 3.5, b: -2, ref }]);
  });

  it("reuses transfer ids once transfers complete and counts only live ones as active", () => {
    const { engine, network, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    const first = network.transfer(a, b, 1000, FlowClass.produce, target, DONE);
    const second = network.transfer(a, b, 1000, FlowClass.produce, target, DONE);
    expect(first).not.toBe(second);
    expect(network.activeTransfers).toBe(2);
    engine.runUntil(1_000);
    expect(network.activeTransfers).toBe(0);
    expect([first, second]).toContain(network.transfer(a, b, 1000, FlowClass.produce, target, DONE));
  });

  it("keeps shares separate per NIC direction: a host's uploads do not slow its downloads", () => {
    const { engine, network, recorder, target } = setup();
    const a = host(network, "a", 0, 1e9);
    const b = host(network, "b", 0, 1e9);
    network.transfer(a, b, 1e9, FlowClass.replication, target, DONE, 1);
    network.transfer(b, a, 1e9, FlowClass.replication, target, DONE, 2);
    engine.runUntil(10_000_000);
    expect([recorder.at(1), recorder.at(2)]).toEqual([1_000_000, 1_000_000]);
  });
});

import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { FLOW_CLASS_NAMES, FlowClass, LOCALITY_NAMES, Locality } from "../../sim/network/index.ts";
import type { Network } from "../../sim/network/index.ts";
import { DONE, FAILED, host, setup } from "./harness.ts";

/** Three zones of two brokers each, plus a regional object store. */
function cluster(network: Network) {
  const brokers = [0, 0, 1, 1, 2, 2].map((zone, i) => host(network, `broker-${i}`, zone, 1e9));
  const s3 = host(network, "s3", -1, 1e10);
  return { brokers, s3 };
}

function totalMoved(network: Network): number {
  let sum = 0;
  for (let flow = 0; flow < FLOW_CLASS_NAMES.length; flow++) {
    for (let locality = 0; locality < LOCALITY_NAMES.length; locality++) sum += network.bytesMoved(flow, locality);
  }
  return sum;
}

describe("Network byte accounting", () => {
  it("tags bytes same-zone, cross-zone or object-store by the hosts' zones", () => {
    const { engine, network, target } = setup();
    const { brokers, s3 } = cluster(network);
    network.transfer(brokers[0], brokers[1], 100, FlowClass.replication, target, DONE);
    network.transfer(brokers[0], brokers[2], 200, FlowClass.replication, target, DONE);
    network.transfer(brokers[5], brokers[1], 400, FlowClass.replication, target, DONE);
    network.transfer(brokers[3], s3, 800, FlowClass.s3Put, target, DONE);
    network.transfer(s3, brokers[4], 1600, FlowClass.s3Get, target, DONE);
    engine.runUntil(1_000_000);
    expect(network.bytesMoved(FlowClass.replication, Locality.sameZone)).toBe(100);
    expect(network.bytesMoved(FlowClass.replication, Locality.crossZone)).toBe(600);
    expect(network.bytesMoved(FlowClass.s3Put, Locality.objectStore)).toBe(800);
    expect(network.bytesMoved(FlowClass.s3Get, Locality.objectStore)).toBe(1600);
    expect(totalMoved(network)).toBe(3100);
    expect(network.hostBytes(brokers[0])).toEqual({ egress: 300, ingress: 0 });
    expect(network.hostBytes(brokers[1])).toEqual({ egress: 0, ingress: 500 });
    expect(network.hostBytes(s3)).toEqual({ egress: 1600, ingress: 800 });
  });

  it("counts bytes only once the last byte has arrived", () => {
    const { engine, network, target } = setup({ crossZoneLatencyMicros: 500 });
    const { brokers } = cluster(network);
    network.transfer(brokers[0], brokers[2], 1_000_000, FlowClass.produce, target, DONE);
    engine.runUntil(1_499);
    expect(network.bytesMoved(FlowClass.produce, Locality.crossZone)).toBe(0);
    engine.runUntil(1_500);
    expect(network.bytesMoved(FlowClass.produce, Locality.crossZone)).toBe(1_000_000);
  });

  it("names interval series flowClass.locality and files bytes in the interval they arrive in", () => {
    const { engine, network, target } = setup({ intervalMicros: 1000 });
    const { brokers } = cluster(network);
    network.transfer(brokers[0], brokers[2], 1_500_000, FlowClass.consume, target, DONE);
    engine.runUntil(5000);
    const snapshot = network.intervalSnapshot();
    expect(snapshot.intervalMicros).toBe(1000);
    expect(snapshot.names).toContain("consume.crossZone");
    expect(snapshot.names).toContain("s3-put.objectStore");
    expect(snapshot.names).toContain("dropped");
    const series = snapshot.values[snapshot.names.indexOf("consume.crossZone")];
    expect(Array.from(series)).toEqual([0, 1_500_000, 0, 0, 0, 0]);
  });

  it("conserves bytes under random crashes and impairments: delivered + dropped equals what was sent, interval sums equal totals, each sender hears once", () => {
    const transferArb = fc.record({
      atMicros: fc.integer({ min: 0, max: 50_000 }),
      from: fc.integer({ min: 0, max: 6 }),
      to: fc.integer({ min: 0, max: 6 }),
      bytes: fc.integer({ min: 0, max: 20_000_000 }),
      flowClass: fc.integer({ min: 0, max: FLOW_CLASS_NAMES.length - 1 }),
    });
    const crashArb = fc.record({ atMicros: fc.integer({ min: 0, max: 60_000 }), host: fc.integer({ min: 0, max: 6 }) });
    const scopeArb = fc.oneof(
      fc.record({ kind: fc.constant("host" as const), host: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant("zone" as const), zone: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant("zonePair" as const), zoneA: fc.constant(0), zoneB: fc.integer({ min: 1, max: 2 }) }),
    );
    const impairmentArb = fc.record({
      scope: scopeArb,
      fromMicros: fc.integer({ min: 0, max: 40_000 }),
      lengthMicros: fc.integer({ min: 1, max: 30_000 }),
      down: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      lossRatio: fc.constantFrom(0, 0.001, 0.02),
      bandwidthFactor: fc.constantFrom(0.1, 0.5, 1, 2),
    });
    fc.assert(
      fc.property(fc.array(transferArb, { maxLength: 60 }), fc.array(crashArb, { maxLength: 2 }), fc.array(impairmentArb, { maxLength: 4 }), (transfers, crashes, impairments) => {
        const { engine, network, recorder, target } = setup({ intervalMicros: 7_000, sameZoneLatencyMicros: 100, crossZoneLatencyMicros: 300 });
        cluster(network);
        for (const { lengthMicros, down, ...impairment } of impairments) {
          network.addImpairment({ ...impairment, down: down || undefined, untilMicros: impairment.fromMicros + lengthMicros });
        }
        const steps = [
          ...transfers.map((t, i) => ({ at: t.atMicros, run: () => network.transfer(t.from, t.to, t.bytes, t.flowClass, target, DONE, i, 0, undefined, FAILED) })),
          ...crashes.map((c) => ({ at: c.atMicros, run: () => network.setHostDown(c.host, true) })),
        ].sort((x, y) => x.at - y.at);
        for (const step of steps) {
          engine.runUntil(step.at);
          step.run();
        }
        engine.runUntil(10_000_000);
        const sent = transfers.reduce((sum, t) => sum + t.bytes, 0);
        const moved = totalMoved(network);
        expect(moved + network.droppedBytes).toBe(sent);
        expect(network.activeTransfers).toBe(0);
        const heard = recorder.notes.map((n) => n.a).sort((x, y) => x - y);
        expect(heard).toEqual(transfers.map((_, i) => i));
        const delivered = recorder.notes.filter((n) => n.kind === DONE).reduce((sum, n) => sum + transfers[n.a].bytes, 0);
        expect(delivered).toBe(moved);
        const snapshot = network.intervalSnapshot();
        snapshot.names.forEach((name, i) => {
          const sum = snapshot.values[i].reduce((x, y) => x + y, 0);
          if (name === "dropped") expect(sum).toBe(network.droppedBytes);
          else {
            const [flow, locality] = name.split(".");
            expect(sum).toBe(network.bytesMoved(FLOW_CLASS_NAMES.indexOf(flow), LOCALITY_NAMES.indexOf(locality)));
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});

import { describe, it, expect } from "vitest";
import { Engine } from "../../sim/engine.ts";
import { InputError } from "../../sim/errors.ts";
import { createRng } from "../../sim/random.ts";
import { FlowClass, Network, type Impairment, type NetworkConfig } from "../../sim/network/index.ts";
import { DONE, host, setup } from "./harness.ts";

function expectInputError(call: () => unknown, field: string): void {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).message.startsWith(`${field}: expected`)).toBe(true);
    return;
  }
  throw new Error(`expected an InputError naming ${field}`);
}

function twoHosts() {
  const fixture = setup();
  const a = host(fixture.network, "a", 0, 1e9);
  const b = host(fixture.network, "b", 1, 1e9);
  return { ...fixture, a, b };
}

describe("Network input checks", () => {
  it.each<[string, Partial<NetworkConfig>, string]>([
    ["zones 0", { zones: 0 }, "zones"],
    ["fractional zones", { zones: 1.5 }, "zones"],
    ["negative latency", { sameZoneLatencyMicros: -1 }, "sameZoneLatencyMicros"],
    ["fractional latency", { crossZoneLatencyMicros: 0.5 }, "crossZoneLatencyMicros"],
    ["zero interval", { intervalMicros: 0 }, "intervalMicros"],
    ["NaN path capacity", { zonePairBytesPerSecond: Number.NaN }, "zonePairBytesPerSecond"],
  ])("rejects a config with %s", (_, config, field) => {
    expectInputError(() => new Network(new Engine(), createRng(1), { zones: 3, ...config }), field);
  });

  it.each<[string, object, string]>([
    ["zone out of range", { zone: 3 }, "host.zone"],
    ["zone below -1", { zone: -2 }, "host.zone"],
    ["NaN zone", { zone: Number.NaN }, "host.zone"],
    ["zero egress", { egressBytesPerSecond: 0 }, "host.egressBytesPerSecond"],
    ["infinite ingress", { ingressBytesPerSecond: Number.POSITIVE_INFINITY }, "host.ingressBytesPerSecond"],
    ["empty name", { name: "" }, "host.name"],
    ["duplicate name", { name: "a" }, "host.name"],
  ])("rejects a host with %s", (_, override, field) => {
    const { network } = twoHosts();
    const spec = { name: "c", zone: 0, egressBytesPerSecond: 1e9, ingressBytesPerSecond: 1e9, ...override };
    expectInputError(() => network.addHost(spec), field);
  });

  it.each<[string, (n: Network, t: number) => unknown, string]>([
    ["negative bytes", (n, t) => n.transfer(0, 1, -1, FlowClass.produce, t, DONE), "bytes"],
    ["NaN bytes", (n, t) => n.transfer(0, 1, Number.NaN, FlowClass.produce, t, DONE), "bytes"],
    ["fractional bytes", (n, t) => n.transfer(0, 1, 1.5, FlowClass.produce, t, DONE), "bytes"],
    ["unknown source host", (n, t) => n.transfer(2, 1, 1, FlowClass.produce, t, DONE), "from"],
    ["unknown target host", (n, t) => n.transfer(0, -1, 1, FlowClass.produce, t, DONE), "to"],
    ["unknown flow class", (n, t) => n.transfer(0, 1, 1, 10, t, DONE), "flowClass"],
    ["negative notify target", (n) => n.transfer(0, 1, 1, FlowClass.produce, -1, DONE), "notifyTarget"],
    ["fractional notify kind", (n, t) => n.transfer(0, 1, 1, FlowClass.produce, t, 0.5), "notifyKind"],
    ["NaN argument", (n, t) => n.transfer(0, 1, 1, FlowClass.produce, t, DONE, Number.NaN), "a"],
    ["negative fail kind", (n, t) => n.transfer(0, 1, 1, FlowClass.produce, t, DONE, 0, 0, undefined, -3), "failKind"],
    ["unknown host in hostBytes", (n) => n.hostBytes(9), "host"],
    ["unknown host in isUp", (n) => n.isUp(Number.NaN), "host"],
    ["unknown host in setHostDown", (n) => n.setHostDown(5, true), "host"],
    ["non-boolean down", (n) => n.setHostDown(0, 1 as unknown as boolean), "down"],
    ["unknown flow class in bytesMoved", (n) => n.bytesMoved(-1, 0), "flowClass"],
    ["unknown locality in bytesMoved", (n) => n.bytesMoved(0, 3), "locality"],
  ])("rejects %s", (_, call, field) => {
    const { network, target } = twoHosts();
    expectInputError(() => call(network, target), field);
  });

  const base: Impairment = { scope: { kind: "host", host: 0 }, fromMicros: 10, untilMicros: 20, down: true };
  it.each<[string, Partial<Impairment>, string]>([
    ["unknown host", { scope: { kind: "host", host: 2 } }, "impairment.scope.host"],
    ["zone out of range", { scope: { kind: "zone", zone: 3 } }, "impairment.scope.zone"],
    ["pair zone out of range", { scope: { kind: "zonePair", zoneA: 0, zoneB: 7 } }, "impairment.scope.zoneB"],
    ["pair of one zone", { scope: { kind: "zonePair", zoneA: 1, zoneB: 1 } }, "impairment.scope.zoneB"],
    ["unknown scope kind", { scope: { kind: "rack" } as never }, "impairment.scope.kind"],
    ["start in the past", { fromMicros: 5, untilMicros: 20 }, "impairment.fromMicros"],
    ["end before start", { untilMicros: 10 }, "impairment.untilMicros"],
    ["loss of 1", { lossRatio: 1 }, "impairment.lossRatio"],
    ["negative loss", { lossRatio: -0.1 }, "impairment.lossRatio"],
    ["zero bandwidth factor", { bandwidthFactor: 0 }, "impairment.bandwidthFactor"],
    ["fractional added latency", { addedLatencyMicros: 1.5 }, "impairment.addedLatencyMicros"],
    ["no effect", { down: undefined }, "impairment"],
  ])("rejects an impairment with %s", (_, override, field) => {
    const { engine, network } = twoHosts();
    engine.runUntil(8);
    expectInputError(() => network.addImpairment({ ...base, ...override }), field);
  });
});

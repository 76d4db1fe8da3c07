// Shared fixtures for the network tests: an engine, a network, and an actor that records what it is told.

import { Engine, type Actor } from "../../sim/engine.ts";
import { createRng } from "../../sim/random.ts";
import { Network, type NetworkConfig } from "../../sim/network/index.ts";

/** One notification as the recorder saw it. */
export interface Note {
  atMicros: number;
  kind: number;
  a: number;
  b: number;
  ref: unknown;
}

/** An actor that logs every event delivered to it. */
export class Recorder implements Actor {
  readonly notes: Note[] = [];
  constructor(readonly engine: Engine) {}
  receive(kind: number, a: number, b: number, ref: unknown): void {
    this.notes.push({ atMicros: this.engine.nowMicros, kind, a, b, ref });
  }
  /** Arrival time of the notification whose argument a equals the given tag. */
  at(a: number): number {
    const note = this.notes.find((n) => n.a === a);
    if (note === undefined) throw new Error(`no notification with a=${a}`);
    return note.atMicros;
  }
}

export const DONE = 1;
export const FAILED = 2;

/** An engine with a network and a recorder registered on it. */
export function setup(config: Partial<NetworkConfig> = {}, seed = 1) {
  const engine = new Engine();
  const network = new Network(engine, createRng(seed).fork("network"), {
    zones: 3,
    sameZoneLatencyMicros: 0,
    crossZoneLatencyMicros: 0,
    ...config,
  });
  const recorder = new Recorder(engine);
  const target = engine.register("recorder", recorder);
  return { engine, network, recorder, target };
}

/** A host with equal egress and ingress bandwidth, in bytes/s. */
export function host(network: Network, name: string, zone: number, bytesPerSecond: number): number {
  return network.addHost({ name, zone, egressBytesPerSecond: bytesPerSecond, ingressBytesPerSecond: bytesPerSecond });
}

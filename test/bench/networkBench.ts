// Network benchmarks: 200,000 transfers over 9 hosts in 3 zones, a closed loop that starts a new transfer each
// time one arrives. `network` keeps 64 in flight (shallow link heaps); `network-wide` keeps 4,096 (deep link
// heaps, many transfers sharing each link). Sizes mix produce-sized requests with occasional large recovery copies.

import { Engine, type Actor } from "../../sim/engine.ts";
import { createRng, type Rng } from "../../sim/random.ts";
import { FlowClass, LOCALITY_NAMES, Locality, Network } from "../../sim/network/index.ts";
import { GiB, KiB, MiB } from "../../sim/units.ts";
import type { BenchOutcome, BenchTimer } from "./registry.ts";

const SEED = 20_240_602;
const TRANSFERS = 200_000;
const HOSTS = 9;
const ZONES = 3;
/** 10 Gbit/s NICs, in bytes/s. */
const NIC_BYTES_PER_SECOND = 1.25e9;
const ARRIVED = 0;

/** Keeps a fixed number of transfers in flight until it has started `total`. */
class ClosedLoop implements Actor {
  index = -1;
  started = 0;
  arrived = 0;
  /** Time of the latest arrival, in µs. */
  lastArrivalMicros = 0;
  readonly #engine: Engine;
  readonly #network: Network;
  readonly #rng: Rng;

  constructor(engine: Engine, network: Network, rng: Rng, readonly total: number) {
    this.#engine = engine;
    this.#network = network;
    this.#rng = rng;
  }

  start(inFlight: number): void {
    for (let i = 0; i < inFlight; i++) this.#next();
  }

  receive(): void {
    this.arrived++;
    this.lastArrivalMicros = this.#engine.nowMicros;
    if (this.started < this.total) this.#next();
  }

  #next(): void {
    const rng = this.#rng;
    const from = rng.int(0, HOSTS);
    const to = rng.int(0, HOSTS);
    const pick = rng.next();
    // 1 in 1,000 a 64 MiB recovery copy, 1 in 10 a 64 KiB control-sized fetch, else a 1 MiB produce batch.
    const [bytes, flowClass] =
      pick < 0.001 ? [64 * MiB, FlowClass.recovery] : pick < 0.1 ? [64 * KiB, FlowClass.consume] : [MiB, FlowClass.produce];
    this.#network.transfer(from, to, bytes, flowClass, this.index, ARRIVED);
    this.started++;
  }
}

function runClosedLoop(inFlight: number, timer?: BenchTimer): BenchOutcome {
  const engine = new Engine();
  const rng = createRng(SEED);
  const network = new Network(engine, rng.fork("network"), { zones: ZONES });
  for (let host = 0; host < HOSTS; host++) {
    network.addHost({
      name: `broker-${host}`,
      zone: host % ZONES,
      egressBytesPerSecond: NIC_BYTES_PER_SECOND,
      ingressBytesPerSecond: NIC_BYTES_PER_SECOND,
    });
  }
  // One narrowed zone pair and one lossy host for part of the run, so the impairment paths are exercised too.
  network.addImpairment({ scope: { kind: "zonePair", zoneA: 0, zoneB: 1 }, fromMicros: 1_000_000, untilMicros: 3_000_000, bandwidthFactor: 0.5 });
  network.addImpairment({ scope: { kind: "host", host: 4 }, fromMicros: 2_000_000, untilMicros: 4_000_000, lossRatio: 0.0001 });
  const loop = new ClosedLoop(engine, network, rng.fork("workload"), TRANSFERS);
  loop.index = engine.register("workload", loop);
  timer?.start();
  loop.start(inFlight);
  const result = engine.runUntil(Number.MAX_SAFE_INTEGER);
  timer?.stop();
  if (loop.arrived !== TRANSFERS) throw new Error(`network bench: ${loop.arrived} of ${TRANSFERS} transfers arrived`);
  let moved = 0;
  const byLocality = LOCALITY_NAMES.map((_, locality) => {
    let sum = 0;
    for (const flowClass of Object.values(FlowClass)) sum += network.bytesMoved(flowClass, locality);
    moved += sum;
    return sum;
  });
  return {
    events: result.events,
    notes: {
      simSeconds: (loop.lastArrivalMicros / 1e6).toFixed(3),
      movedGiB: (moved / GiB).toFixed(1),
      // Uniform random endpoints over 3 equal zones: 2/3 of bytes should cross (architectures.md section 0).
      crossZoneShare: (byLocality[Locality.crossZone] / moved).toFixed(3),
    },
  };
}

/** The network's benchmark entries, for the bench runner to register. */
export function networkBenchmarks(): { suite: string; name: string; description: string; run(timer?: BenchTimer): BenchOutcome }[] {
  return [
    {
      suite: "engine",
      name: "network",
      description: "200,000 transfers over 9 hosts in 3 zones, 64 in flight, processor-sharing NIC links",
      run: (timer) => runClosedLoop(64, timer),
    },
    {
      suite: "engine",
      name: "network-wide",
      description: "200,000 transfers over 9 hosts in 3 zones, 4,096 in flight (deep link heaps)",
      run: (timer) => runClosedLoop(4096, timer),
    },
  ];
}

import { describe, it, expect } from "vitest";
import { Engine } from "../../sim/engine.ts";
import { createRng } from "../../sim/random.ts";
import { distributionMean } from "../../sim/distribution.ts";
import { InputError, SimInvariantError } from "../../sim/errors.ts";
import { KiB, MiB } from "../../sim/units.ts";
import { BlockVolume, serviceMicros } from "../../sim/storage/blockVolume.ts";
import { GP3_DEFAULTS, type BlockVolumeConfig } from "../../sim/storage/defaults.ts";
import { Driver, Probe, batchMeans } from "./harness.ts";

const DONE = 7;
const SEED = 11;
const FIXED_LATENCY: Partial<BlockVolumeConfig> = {
  readLatencyMicros: { kind: "deterministic", value: 1000 },
  writeLatencyMicros: { kind: "deterministic", value: 1000 },
};

function rig(config: Partial<BlockVolumeConfig> = {}, seed = SEED) {
  const engine = new Engine();
  const rng = createRng(seed);
  const volume = new BlockVolume(engine, "broker-0.ebs", rng.fork("broker-0.ebs"), config);
  const probe = new Probe(engine);
  const driver = new Driver(engine);
  return { engine, rng, volume, probe, driver };
}

describe("BlockVolume", () => {
  it("completes a lone request after its transfer time plus its latency", () => {
    const { engine, volume, probe } = rig(FIXED_LATENCY);
    // 1 MiB = 4 I/Os of 256 KiB: throughput-bound, 1 MiB / 125 MiB/s = 8 ms (IOPS alone would take 4/3000 s).
    volume.writeSync(1 * MiB, probe.index, DONE, 42, 43);
    engine.runUntil(1_000_000);
    expect(probe.seen).toEqual([{ atMicros: 8000 + 1000, kind: DONE, a: 42, b: 43, ref: undefined }]);
    expect(volume.stats().ios).toBe(4);
    expect(serviceMicros(GP3_DEFAULTS, 1 * MiB)).toBe(8000);
  });

  it("has a mean lone-read time of mean device latency plus transfer with the default lognormal latency", () => {
    const { engine, volume, probe, driver } = rig();
    const n = 5000;
    const bytes = 64 * KiB; // 0.5 ms at 125 MiB/s
    for (let i = 0; i < n; i++) driver.at(i * 50_000, () => volume.read(bytes, probe.index, DONE, engine.nowMicros));
    engine.runUntil(n * 50_000 + 1_000_000);
    const times = probe.seen.map((d) => d.atMicros - d.a);
    const { mean, standardError } = batchMeans(times, 50);
    const expected = distributionMean(GP3_DEFAULTS.readLatencyMicros) + 500;
    expect(Math.abs(mean - expected)).toBeLessThan(4 * standardError + 1);
    // Single-digit milliseconds, as AWS states for gp3.
    expect(Math.max(...times)).toBeLessThan(10_000);
  });

  it("saturates at exactly its throughput cap and delivers every byte it accepted", () => {
    const { engine, volume, probe, driver, rng } = rig(FIXED_LATENCY);
    // Poisson overload at 150% of 125 MiB/s for 5 s, in 256 KiB writes (service 2 ms each).
    const arrivals = rng.fork("arrivals");
    let submittedBytes = 0;
    let t = 0;
    while (t < 5_000_000) {
      driver.at(t, () => volume.writeSync(256 * KiB, probe.index, DONE));
      submittedBytes += 256 * KiB;
      t += Math.round(arrivals.exponential(2000 / 1.5));
    }
    engine.runUntil(60_000_000);
    const last = probe.seen[probe.seen.length - 1].atMicros;
    expect(volume.bytesWritten).toBe(submittedBytes);
    expect(probe.seen.length).toBe(submittedBytes / (256 * KiB));
    // Busy from the first arrival at 0 to the end: elapsed = bytes / cap + one latency (+ <1 µs of rounding).
    expect(last).toBe(Math.ceil((submittedBytes / (125 * MiB)) * 1e6) + 1000);
    expect(volume.stats().queueDepthMax).toBeGreaterThan(100);
  });

  it("is IOPS-bound for small I/Os and throughput-bound for large ones", () => {
    for (const [bytes, perSecond] of [[4 * KiB, 3000], [256 * KiB, 500], [1 * MiB, 125]] as const) {
      const { engine, volume, probe } = rig(FIXED_LATENCY);
      const n = 3000;
      for (let i = 0; i < n; i++) volume.read(bytes, probe.index, DONE);
      engine.runUntil(100_000_000);
      const busyMicros = probe.seen[n - 1].atMicros - 1000;
      // n requests at perSecond take n / perSecond seconds, to the µs.
      expect(busyMicros).toBe(Math.ceil((n / perSecond) * 1e6));
      expect(volume.stats().ios).toBe(n * Math.max(1, bytes / (256 * KiB)));
    }
  });

  it("queues FIFO so the mean wait matches M/D/1 and grows with utilisation", () => {
    const serviceMicros = 2000; // 256 KiB at 125 MiB/s
    const waits: number[] = [];
    for (const [rho, n] of [[0.3, 30_000], [0.6, 60_000], [0.85, 120_000]] as const) {
      const { engine, volume, probe, driver, rng } = rig(FIXED_LATENCY, 100 + n);
      const arrivals = rng.fork("arrivals");
      let t = 0;
      for (let i = 0; i < n; i++) {
        const at = t;
        driver.at(at, () => volume.writeSync(256 * KiB, probe.index, DONE, at));
        t += Math.round(arrivals.exponential(serviceMicros / rho));
      }
      engine.runUntil(t + 10_000_000);
      const wait = probe.seen.map((d) => d.atMicros - d.a - serviceMicros - 1000);
      const { mean, standardError } = batchMeans(wait, 40);
      // Pollaczek-Khinchine for deterministic service: Wq = rho * S / (2 (1 - rho)).
      const expected = (rho * serviceMicros) / (2 * (1 - rho));
      expect(Math.abs(mean - expected)).toBeLessThan(4.5 * standardError + 2);
      expect(volume.stats().utilisation).toBeCloseTo(rho, 1);
      waits.push(mean);
    }
    expect(waits[0]).toBeLessThan(waits[1]);
    expect(waits[1]).toBeLessThan(waits[2]);
  });

  it("slows requests only inside a degradation window", () => {
    const { engine, volume, probe, driver } = rig(FIXED_LATENCY);
    volume.addDegradation({ startMicros: 100_000, endMicros: 200_000, throughputFactor: 0.5, addedLatencyMicros: 5000 });
    for (const at of [0, 99_000, 150_000, 200_000, 250_000]) {
      driver.at(at, () => volume.writeSync(256 * KiB, probe.index, DONE, at));
    }
    engine.runUntil(1_000_000);
    const latencies = probe.seen.map((d) => d.atMicros - d.a);
    // Normal: 2 ms transfer + 1 ms; degraded: 4 ms transfer + 1 ms + 5 ms added.
    expect(latencies).toEqual([3000, 3000, 10_000, 3000, 3000]);
  });

  it("cuts IOPS by the window's iopsFactor, so small I/Os slow down", () => {
    const { engine, volume, probe } = rig(FIXED_LATENCY);
    volume.addDegradation({ startMicros: 0, endMicros: 10_000_000, iopsFactor: 0.1 });
    for (let i = 0; i < 300; i++) volume.read(4 * KiB, probe.index, DONE);
    engine.runUntil(20_000_000);
    // 300 I/Os at 300 IOPS: one second.
    expect(probe.seen[299].atMicros - 1000).toBe(1_000_000);
  });

  it("drains buffered writes at the cap while interleaving foreground requests between writeback chunks", () => {
    const { engine, volume, probe, driver } = rig(FIXED_LATENCY);
    volume.writeBuffered(100 * MiB);
    expect(volume.dirtyBytes).toBe(100 * MiB);
    driver.at(1, () => volume.read(256 * KiB, probe.index, DONE, 1));
    engine.runUntil(2_000_000);
    // The read waits for the 1 MiB chunk in service (8 ms), then takes 2 ms + 1 ms; it does not wait 800 ms.
    expect(probe.seen[0].atMicros).toBe(8000 + 2000 + 1000);
    expect(volume.dirtyBytes).toBe(0);
    expect(volume.bytesWritten).toBe(100 * MiB);
    // 100 MiB + 256 KiB through a 125 MiB/s volume keeps it busy for 802 ms of the 2 s.
    expect(volume.busy.integral(engine.nowMicros)).toBe(802_000);
  });

  it("loses only dirty bytes not yet in writeback when dropDirty is called", () => {
    const { engine, volume } = rig(FIXED_LATENCY);
    volume.writeBuffered(10 * MiB);
    engine.runUntil(4000); // the first 1 MiB chunk is in service
    expect(volume.dropDirty()).toBe(9 * MiB);
    engine.runUntil(1_000_000);
    expect(volume.bytesWritten).toBe(1 * MiB);
    expect(volume.dirtyBytes).toBe(0);
  });

  it("bounds allocation by capacity and tracks used bytes over time", () => {
    const { engine, volume, driver } = rig({ capacityBytes: 1000 });
    expect(volume.allocate(600)).toBe(true);
    expect(volume.allocate(500)).toBe(false);
    expect(volume.usedBytes).toBe(600);
    driver.at(1000, () => volume.free(100));
    engine.runUntil(3000);
    expect(volume.used.integral(3000)).toBe(600 * 1000 + 500 * 2000);
    expect(() => volume.free(501)).toThrow(InputError);
  });

  it("rejects bad requests and configs with an InputError naming the field", () => {
    const { volume, probe } = rig();
    expect(() => volume.writeSync(-1, probe.index, DONE)).toThrow(/bytes: expected a whole number >= 0 \(got -1\)/);
    expect(() => volume.read(1.5, probe.index, DONE)).toThrow(InputError);
    expect(() => volume.read(1, -2, DONE)).toThrow(/notifyTarget/);
    expect(() => volume.read(1, probe.index, DONE, Number.POSITIVE_INFINITY)).toThrow(/a: expected a finite number/);
    expect(() => volume.writeBuffered(Number.NaN)).toThrow(/bytes/);
    expect(() => rig({ iops: 0 })).toThrow(/iops/);
    expect(() => rig({ writeLatencyMicros: { kind: "lognormal", median: -1, sigma: 1 } })).toThrow(/writeLatencyMicros.median/);
    expect(() => volume.addDegradation({ startMicros: 5, endMicros: 5 })).toThrow(/endMicros/);
    expect(() => volume.addDegradation({ startMicros: 0, endMicros: 5, throughputFactor: 0 })).toThrow(/throughputFactor/);
  });

  it("reports overload past queueRequestsMax instead of growing without bound", () => {
    const { volume, probe } = rig({ queueRequestsMax: 10 });
    // The first request goes straight into service; ten more fill the queue.
    for (let i = 0; i < 11; i++) volume.read(4096, probe.index, DONE);
    expect(() => volume.read(4096, probe.index, DONE)).toThrow(SimInvariantError);
  });
});

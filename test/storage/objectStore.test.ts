import { describe, it, expect } from "vitest";
import { Engine } from "../../sim/engine.ts";
import { createRng } from "../../sim/random.ts";
import { distributionQuantile } from "../../sim/distribution.ts";
import { InputError, SimInvariantError } from "../../sim/errors.ts";
import { FlowClass, Network } from "../../sim/network/index.ts";
import { MiB } from "../../sim/units.ts";
import { ObjectStore } from "../../sim/storage/objectStore.ts";
import { S3_EXPRESS_DEFAULTS, S3_STANDARD_DEFAULTS, SDK_STANDARD_RETRY, type ObjectStoreConfig } from "../../sim/storage/defaults.ts";
import { backoffMicros } from "../../sim/storage/sdkRetry.ts";
import { Driver, Probe } from "./harness.ts";

const DONE = 1;
const FAILED = 2;
const SEED = 7;
const TEN_MS: Partial<ObjectStoreConfig> = {
  putFirstByteMicros: { kind: "deterministic", value: 10_000 },
  getFirstByteMicros: { kind: "deterministic", value: 10_000 },
};

function rig(config: Partial<ObjectStoreConfig> = {}, nicBytesPerSecond = 1.25e9, seed = SEED) {
  const engine = new Engine();
  const rng = createRng(seed);
  const network = new Network(engine, rng.fork("network"), { zones: 3 });
  const broker = network.addHost({ name: "broker-0", zone: 0, egressBytesPerSecond: nicBytesPerSecond, ingressBytesPerSecond: nicBytesPerSecond });
  const store = new ObjectStore(engine, network, "s3", rng.fork("s3"), config);
  const probe = new Probe(engine);
  const driver = new Driver(engine);
  return { engine, network, broker, store, probe, driver };
}

/** Issues `count` PUTs of `bytes` on one prefix at a fixed rate from time `fromMicros`. */
function putsAtRate(r: ReturnType<typeof rig>, perSecond: number, count: number, prefix = 0, bytes = 1024, fromMicros = 0) {
  for (let i = 0; i < count; i++) {
    const at = fromMicros + Math.round((i * 1e6) / perSecond);
    r.driver.at(at, () => r.store.put(r.broker, bytes, prefix, FlowClass.s3Put, r.probe.index, DONE, at, 0, undefined, FAILED));
  }
}

describe("ObjectStore", () => {
  it.each([
    ["S3 Standard", S3_STANDARD_DEFAULTS],
    ["S3 Express", S3_EXPRESS_DEFAULTS],
  ] as const)("%s: lone GET latencies follow the configured first-byte quantile table", (_label, config) => {
    const r = rig(config);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const at = i * 5000;
      r.driver.at(at, () => r.store.get(r.broker, 0, i % 64, FlowClass.s3Get, r.probe.index, DONE, at));
    }
    r.engine.runUntil(n * 5000 + 5_000_000);
    const latencies = r.probe.of(DONE).map((d) => d.atMicros - d.a);
    expect(latencies.length).toBe(n);
    for (const p of [0.1, 0.5, 0.9, 0.99]) {
      const value = distributionQuantile(config.getFirstByteMicros, p);
      const below = latencies.filter((x) => x <= value).length / n;
      // The fraction at or below the p-quantile is binomial(n, p): within 4 standard deviations of p.
      expect(Math.abs(below - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 1 / n);
    }
    expect(r.store.stats().getRequests).toBe(n);
  });

  it("completes at first byte + body at the per-connection rate when the client NIC is fast", () => {
    const r = rig(TEN_MS);
    r.store.put(r.broker, 8 * MiB, 0, FlowClass.s3Put, r.probe.index, DONE);
    r.engine.runUntil(10_000_000);
    // 8 MiB at 93 MB/s = 90,200 µs (rounded up), after the 10 ms answer.
    expect(r.probe.seen[0].atMicros).toBe(10_000 + Math.ceil((8 * MiB * 1e6) / 93e6));
  });

  it("completes when the network delivers the last byte when the client NIC is the bottleneck", () => {
    const r = rig(TEN_MS, 10e6);
    r.store.get(r.broker, 10_000_000, 0, FlowClass.s3Get, r.probe.index, DONE);
    r.engine.runUntil(10_000_000);
    // 10 MB over a 10 MB/s NIC: 1 s of serving plus the regional (cross-zone) one-way latency of 516 µs.
    expect(r.probe.seen[0].atMicros).toBe(1_000_000 + r.network.crossZoneLatencyMicros);
    expect(r.network.bytesMoved(FlowClass.s3Get, 2)).toBe(10_000_000);
  });

  it("answers no 503 below 3,500 PUT/s on one prefix", () => {
    const r = rig(TEN_MS);
    // 12 s at 3,450/s: a limit even 10% lower would have emptied the 1 s burst bucket by then.
    putsAtRate(r, 3450, 3450 * 12);
    r.engine.runUntil(20_000_000);
    const stats = r.store.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.putRequests).toBe(3450 * 12);
  });

  it("answers 503 SlowDown above 3,500 PUT/s once the one-second burst is spent, and retries them", () => {
    const r = rig(TEN_MS);
    putsAtRate(r, 5000, 5000 * 4);
    let firstThrottleMicros = -1;
    for (let t = 0; t < 4_000_000 && firstThrottleMicros < 0; t += 1000) {
      r.engine.runUntil(t);
      if (r.store.counters.throttled > 0) firstThrottleMicros = t;
    }
    r.engine.runUntil(60_000_000);
    const stats = r.store.stats();
    // Tokens start at 3,500 and drain at 5,000 - 3,500 per second: empty after 3,500 / 1,500 = 2.333 s.
    expect(firstThrottleMicros).toBeGreaterThan(2_330_000);
    expect(firstThrottleMicros).toBeLessThanOrEqual(2_335_000);
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.retries).toBeGreaterThan(0);
    // Every request ends exactly once, and the admitted ones were PUT requests.
    expect(r.probe.of(DONE).length + r.probe.of(FAILED).length).toBe(5000 * 4);
    expect(stats.putRequests).toBe(r.probe.of(DONE).length);
    expect(stats.failures).toBe(r.probe.of(FAILED).length);
    expect(stats.inFlight).toBe(0);
  });

  it("limits each prefix separately: 5,000 PUT/s over two prefixes is never throttled", () => {
    const r = rig(TEN_MS);
    putsAtRate(r, 2500, 10_000, 1);
    putsAtRate(r, 2500, 10_000, 2);
    r.engine.runUntil(10_000_000);
    expect(r.store.stats().throttled).toBe(0);
  });

  it("retries every failed attempt up to three attempts, then delivers failKind", () => {
    const r = rig({ ...TEN_MS, retry: { ...SDK_STANDARD_RETRY } });
    r.store.addImpairment({ startMicros: 0, endMicros: 60_000_000, errorRatio: 1 });
    for (let i = 0; i < 10; i++) r.store.put(r.broker, 1000, 0, FlowClass.s3Put, r.probe.index, DONE, i, 0, undefined, FAILED);
    r.engine.runUntil(60_000_000);
    const stats = r.store.stats();
    expect(stats.serverErrors).toBe(30);
    expect(stats.retries).toBe(20);
    expect(stats.failures).toBe(10);
    expect(r.probe.of(FAILED).map((d) => d.a).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stats.storedBytes).toBe(0);
  });

  it("stops retrying when the client's retry quota (500 tokens, 5 per retry) is spent", () => {
    const r = rig(TEN_MS);
    r.store.addImpairment({ startMicros: 0, endMicros: 600_000_000, errorRatio: 1 });
    for (let i = 0; i < 200; i++) r.store.put(r.broker, 1000, 0, FlowClass.s3Put, r.probe.index, DONE, i, 0, undefined, FAILED);
    r.engine.runUntil(600_000_000);
    expect(r.store.stats().retries).toBe(500 / 5);
    expect(r.store.stats().failures).toBe(200);
  });

  it("fails a fraction errorRatio^3 of requests under a partial brownout", () => {
    const r = rig(TEN_MS);
    r.store.addImpairment({ startMicros: 0, endMicros: 600_000_000, errorRatio: 0.3 });
    const n = 4000;
    // Spaced so the retry quota refills (+1 per clean success) faster than retries drain it.
    for (let i = 0; i < n; i++) {
      r.driver.at(i * 50_000, () => r.store.get(r.broker, 100, 0, FlowClass.s3Get, r.probe.index, DONE, i, 0, undefined, FAILED));
    }
    r.engine.runUntil(600_000_000);
    const p = 0.3 ** 3;
    const failed = r.probe.of(FAILED).length / n;
    expect(Math.abs(failed - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    // Attempts = n + retries, and each attempt failed with probability 0.3.
    const attempts = n + r.store.stats().retries;
    expect(Math.abs(r.store.stats().serverErrors / attempts - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / attempts));
  });

  it("backs off with full jitter: floor(min(20 s, u * 2^attempts * base)), base 500 ms when throttled", () => {
    expect(backoffMicros(SDK_STANDARD_RETRY, 1, false, 0.5)).toBe(100_000);
    expect(backoffMicros(SDK_STANDARD_RETRY, 2, true, 0.999)).toBe(1_998_000);
    expect(backoffMicros(SDK_STANDARD_RETRY, 10, true, 0.9)).toBe(20_000_000);
    expect(backoffMicros(SDK_STANDARD_RETRY, 1, true, 0)).toBe(0);
  });

  it("integrates stored bytes over time exactly from PUT completions and deletes", () => {
    const r = rig(TEN_MS);
    r.driver.at(0, () => r.store.put(r.broker, 1000, 0, FlowClass.s3Put, r.probe.index, DONE));
    r.driver.at(500_000, () => r.store.put(r.broker, 500, 0, FlowClass.s3Put, r.probe.index, DONE));
    r.driver.at(2_000_000, () => r.store.delete(300, 0));
    r.engine.runUntil(5_000_000);
    const [t1, t2] = r.probe.of(DONE).map((d) => d.atMicros);
    const stats = r.store.stats();
    expect(stats.storedByteMicros).toBe(1000 * (t2 - t1) + 1500 * (2_000_000 - t2) + 1200 * (5_000_000 - 2_000_000));
    expect(stats.storedBytes).toBe(1200);
    expect(stats.deleteRequests).toBe(1);
    expect(() => r.store.delete(1201, 0)).toThrow(InputError);
  });

  it("stretches first-byte latency only inside a brownout window", () => {
    const r = rig(TEN_MS);
    r.store.addImpairment({ startMicros: 1_000_000, endMicros: 2_000_000, latencyFactor: 10 });
    for (const at of [0, 999_999, 1_000_000, 1_500_000, 2_000_000, 3_000_000]) {
      r.driver.at(at, () => r.store.get(r.broker, 0, 0, FlowClass.s3Get, r.probe.index, DONE, at));
    }
    r.engine.runUntil(10_000_000);
    const latencies = r.probe.of(DONE).sort((x, y) => x.a - y.a).map((d) => d.atMicros - d.a);
    expect(latencies).toEqual([10_000, 10_000, 100_000, 100_000, 10_000, 10_000]);
  });

  it("counts a multipart upload as Create + one UploadPart per part + Complete, with parts in parallel", () => {
    const r = rig(TEN_MS);
    r.store.putMultipart(r.broker, 100 * MiB, 25 * MiB, 0, FlowClass.export, r.probe.index, DONE);
    r.engine.runUntil(10_000_000);
    expect(r.store.stats().putRequests).toBe(4 + 2);
    // Create (10 ms) + slowest part (10 ms + 25 MiB at 93 MB/s) + Complete (10 ms); the NIC needs only 84 ms.
    expect(r.probe.seen[0].atMicros).toBe(30_000 + Math.ceil((25 * MiB * 1e6) / 93e6));
    r.store.putMultipart(r.broker, 100 * MiB + 1, 25 * MiB, 0, FlowClass.export, r.probe.index, DONE);
    r.engine.runUntil(20_000_000);
    expect(r.store.stats().putRequests).toBe(6 + 7);
    expect(r.store.stats().multipartUploads).toBe(2);
    expect(r.store.storedBytes).toBe(200 * MiB + 1);
  });

  it("Express: a lost zone answers nothing, so attempts time out and requests fail until it returns", () => {
    const r = rig({ ...S3_EXPRESS_DEFAULTS, ...TEN_MS, zone: 1 });
    r.store.addImpairment({ startMicros: 0, endMicros: 30_000_000, unavailable: true });
    r.store.get(r.broker, 1000, 0, FlowClass.s3Get, r.probe.index, DONE, 1, 0, undefined, FAILED);
    r.driver.at(31_000_000, () => r.store.get(r.broker, 1000, 0, FlowClass.s3Get, r.probe.index, DONE, 2, 0, undefined, FAILED));
    r.engine.runUntil(60_000_000);
    expect(r.network.zoneOf(r.store.host)).toBe(1);
    expect(r.probe.of(FAILED).map((d) => d.a)).toEqual([1]);
    expect(r.probe.of(DONE).map((d) => d.a)).toEqual([2]);
    const stats = r.store.stats();
    expect(stats.timeouts).toBe(3);
    // Three 2 s timeouts plus two backoffs of at most 200 ms and 400 ms (timeouts are not throttling).
    const failedAt = r.probe.of(FAILED)[0].atMicros;
    expect(failedAt).toBeGreaterThanOrEqual(6_000_000);
    expect(failedAt).toBeLessThan(6_600_000);
  });

  it("retries a request whose network path was cut, counting a connection error", () => {
    const r = rig(TEN_MS, 1e6);
    r.store.put(r.broker, 5_000_000, 0, FlowClass.s3Put, r.probe.index, DONE, 0, 0, undefined, FAILED);
    r.driver.at(1_000_000, () => r.network.setHostDown(r.broker, true));
    r.driver.at(1_050_000, () => r.network.setHostDown(r.broker, false));
    r.engine.runUntil(60_000_000);
    const stats = r.store.stats();
    expect(stats.connectionErrors).toBeGreaterThanOrEqual(1);
    expect(r.probe.of(DONE).length + r.probe.of(FAILED).length).toBe(1);
  });

  it("fails after three connection errors when the client cannot reach the store at all", () => {
    const r = rig(TEN_MS);
    r.network.setHostDown(r.broker, true);
    r.store.get(r.broker, 1000, 0, FlowClass.s3Get, r.probe.index, DONE, 5, 0, undefined, FAILED);
    r.engine.runUntil(10_000_000);
    expect(r.probe.seen.map((d) => [d.kind, d.a])).toEqual([[FAILED, 5]]);
    expect(r.store.stats().connectionErrors).toBe(3);
    expect(r.store.stats().retries).toBe(2);
    expect(r.store.inFlight).toBe(0);
  });

  it("is deterministic: the same seed gives the same completions", () => {
    const run = () => {
      const r = rig({}, 1.25e9, 99);
      putsAtRate(r, 4500, 20_000, 3, 64 * 1024);
      r.engine.runUntil(30_000_000);
      return [r.probe.seen.map((d) => d.atMicros).join(","), JSON.stringify(r.store.stats())];
    };
    expect(run()).toEqual(run());
  });

  it("rejects bad arguments with an InputError naming the field, and a silent failure as an invariant error", () => {
    const r = rig(TEN_MS);
    expect(() => r.store.put(99, 1, 0, FlowClass.s3Put, r.probe.index, DONE)).toThrow(/host/);
    expect(() => r.store.put(r.broker, -1, 0, FlowClass.s3Put, r.probe.index, DONE)).toThrow(/bytes/);
    expect(() => r.store.get(r.broker, 1, 1.5, FlowClass.s3Get, r.probe.index, DONE)).toThrow(/prefix/);
    expect(() => r.store.get(r.broker, 1, 0, 12, r.probe.index, DONE)).toThrow(/flowClass/);
    expect(() => r.store.get(r.broker, 1, 0, FlowClass.s3Get, r.probe.index, DONE, Number.NaN)).toThrow(/a: expected a finite number/);
    expect(() => r.store.get(r.broker, 1, 0, FlowClass.s3Get, r.probe.index, DONE, 0, 0, undefined, -1)).toThrow(/failKind/);
    expect(() => r.store.putMultipart(r.broker, 1, 0, 0, FlowClass.s3Put, r.probe.index, DONE)).toThrow(/partBytes/);
    expect(() => r.store.addImpairment({ startMicros: 0, endMicros: 1, errorRatio: 2 })).toThrow(/errorRatio/);
    expect(() => rig({ rateLimitScope: "zone" as "prefix" })).toThrow(InputError);
    expect(() => rig({ retry: { ...SDK_STANDARD_RETRY, maxAttempts: 0 } })).toThrow(/retry.maxAttempts/);
    r.store.addImpairment({ startMicros: 0, endMicros: 100_000_000, errorRatio: 1 });
    r.store.put(r.broker, 1, 0, FlowClass.s3Put, r.probe.index, DONE);
    expect(() => r.engine.runUntil(100_000_000)).toThrow(SimInvariantError);
  });
});

import { describe, expect, it } from "vitest";
import { faultTargets } from "../../sim/faults/faultTargets.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { TIERED_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import type { RunResultSummary } from "../../sim/model/result.ts";
import type { Run } from "../../sim/model/run.ts";
import { FLOW_CLASS_NAMES, LOCALITY_NAMES } from "../../sim/network/index.ts";
import { MiB, runToEnd, smallRun } from "../support/runs.ts";

const SEED = 7;
// Tiering uploads rolled segments on its task interval; 1 MiB segments and a 1 s task make uploads happen in seconds.
const TIERED: ArchitectureSpec = { kind: "kafka-tiered", kafka: { segmentBytes: 1 * MiB, tiered: { ...TIERED_DEFAULTS, taskIntervalMicros: 1_000_000 } } };
const EXPRESS: ArchitectureSpec = { kind: "diskless", name: "diskless-express", diskless: { ingestStorage: "express" } };
const OBJECT_STORE_MODELS: ArchitectureSpec[] = [TIERED, { kind: "automq" }, { kind: "diskless" }, EXPRESS];

function finished(architecture: ArchitectureSpec): { run: Run; result: RunResultSummary } {
  const run = runToEnd({ seed: SEED, architecture, workload: { produceBytesPerSecond: 4 * MiB, testDurationMicros: 5_000_000 } });
  return { run, result: run.result() };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("a run result's object-store figures", () => {
  it.each(OBJECT_STORE_MODELS.map((a) => [a.name ?? a.kind, a] as const))(
    "report what %s's buckets hold as s3StoredBytes, and count it in the stored-bytes series",
    (_, architecture) => {
      const { run, result } = finished(architecture);
      const held = sum(faultTargets(run).stores.map((t) => t.store.storedBytes));
      const figures = result.architectureFigures;
      expect(held, `seed=${SEED}`).toBeGreaterThan(0);
      expect(figures.s3StoredBytes).toBe(held);
      const series = result.intervals.series.storedBytes;
      expect(series.every((v) => v > 0)).toBe(true);
      // The last sample was taken at the end instant; events of that instant after it may still have added a little.
      const last = series[series.length - 1];
      const total = (figures.volumeStoredBytes ?? 0) + held;
      expect(last).toBeLessThanOrEqual(total);
      expect(last).toBeGreaterThan(0.9 * total);
    },
  );

  it("count every byte to or from an object store, S3 Express buckets included: each produced byte is PUT to three", () => {
    const { run, result } = finished(EXPRESS);
    const stores = faultTargets(run).stores.map((t) => t.store.stats());
    const completed = sum(stores.map((s) => s.bytesPut + s.bytesGot));
    // Network bytes are counted when a transfer lands; a request completes a little later (its first-byte timer), so
    // the network is ahead of the stores' own counters by at most what was in flight at the end.
    expect(result.objectStoreBytes).toBeGreaterThanOrEqual(completed);
    expect(result.objectStoreBytes).toBeLessThan(completed * 1.02);
    const producedWire = result.publishBytesRate * result.measuredSeconds / run.world.workload.producer.compressionRatio;
    expect(result.objectStoreBytes).toBeGreaterThan(3 * 0.9 * producedWire);
    // The regional endpoint alone (the old figure) misses the Express PUTs and GETs.
    const regional = sum(Object.values(result.bytes).map((b) => b.objectStore));
    expect(result.objectStoreBytes).toBeGreaterThan(2 * regional);
  });

  it("keep counting an S3 Express bucket in another zone as cross-zone: two of every three ingestion copies", () => {
    const { result } = finished(EXPRESS);
    const put = result.bytes["s3-put"];
    // One bucket per zone: an agent's copy to its own zone's bucket is same-zone, the other two cross zones.
    expect(put.crossZone / put.sameZone).toBeGreaterThan(1.9);
    expect(put.crossZone / put.sameZone).toBeLessThan(2.1);
    expect(result.crossZoneBytes).toBe(sum(Object.values(result.bytes).map((b) => b.crossZone)));
    expect(result.crossZoneBytes).toBeGreaterThanOrEqual(put.crossZone);
  });

  it("equal the regional endpoint's bytes when every store is S3 Standard", () => {
    const { result } = finished({ kind: "diskless" });
    expect(result.objectStoreBytes).toBeGreaterThan(0);
    expect(result.objectStoreBytes).toBe(sum(Object.values(result.bytes).map((b) => b.objectStore)));
  });
});

describe("a run result's interval series", () => {
  it("have one entry per interval of a run that ends on an interval boundary, and the byte series sum to the totals", () => {
    const { result } = finished({ kind: "kafka" });
    const intervals = Math.ceil(result.simulatedSeconds / result.intervals.intervalSeconds);
    expect(intervals).toBe(5);
    for (const [name, values] of Object.entries(result.intervals.series)) expect(values, name).toHaveLength(intervals);
    for (const [flow, byLocality] of Object.entries(result.bytes)) {
      for (const locality of LOCALITY_NAMES) {
        const values = result.intervals.series[`bytes.${flow}.${locality}`];
        const total = byLocality[locality as keyof typeof byLocality];
        if (total === 0) continue;
        expect(FLOW_CLASS_NAMES).toContain(flow);
        expect(sum(values)).toBeCloseTo(total, 0);
      }
    }
  });

  it("have one entry per interval begun so far in a run read mid-interval", () => {
    const run = smallRun({ seed: SEED, workload: { produceBytesPerSecond: 4 * MiB, testDurationMicros: 5_000_000 } });
    run.advance(2_500_000);
    run.sampler.sample();
    const series = run.result().intervals.series;
    expect(Object.keys(series).some((name) => name.startsWith("bytes."))).toBe(true);
    for (const [name, values] of Object.entries(series)) expect(values, name).toHaveLength(3);
  });
});

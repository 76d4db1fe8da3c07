import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateRows, canonicalRows, finishSweep, mergeShards, metricStats } from "../../sim/sweep/aggregateSweep.ts";
import { SweepReportSchema, type SweepDefinition, type SweepRow } from "../../sim/sweep/sweepReport.ts";

/** A definition of 2 points × `seeds` seeds × 2 architectures, one metric and one threshold. */
function definition(seeds: number): SweepDefinition {
  return {
    schemaVersion: 1,
    kind: "sweep",
    scenario: { name: "t", source: "t.yaml", hash: "0".repeat(16), seed: 1 },
    architectures: ["a", "b"],
    vary: [{ path: "workload.producerRate", values: ["1MiB/s", "2MiB/s"] }],
    seeds: { count: seeds, rule: "test", values: Array.from({ length: seeds }, (_, i) => 1 + i) },
    points: [0, 1].map((index) => ({ index, values: [index === 0 ? "1MiB/s" : "2MiB/s"], hash: String(index).repeat(16) })),
    metrics: [{ name: "m", unit: "ms", description: "a metric" }],
    thresholds: [{ index: 0, check: "m < 10 ms", area: "write-path", severity: "blocking", unit: "ms" }],
  };
}

/** Rows whose metric values come from `value(point, seed, architecture)`; the threshold passes below 10. */
function rows(seeds: number, value: (p: number, s: number, a: number) => number | null): SweepRow[] {
  return [0, 1].flatMap((point) =>
    Array.from({ length: seeds }, (_, seedIndex) => ({
      point,
      seedIndex,
      seed: 1 + seedIndex,
      runs: ["a", "b"].map((architecture, a) => {
        const v = value(point, seedIndex, a);
        return { architecture, stoppedBy: "end", invariantViolations: 0, metrics: [v], thresholds: [{ index: 0, pass: v !== null && v < 10, measured: v, margin: v === null ? null : 10 - v }] };
      }),
    })),
  );
}

describe("sweep aggregation", () => {
  it("computes the mean, the sample standard deviation and the Student-t 95% interval", () => {
    // 2, 4, 6: mean 4, sd 2, half-width t(0.975, 2) × 2 / √3 = 4.302653 × 1.154701.
    const s = metricStats("m", [2, 4, null, 6]);
    expect(s.n).toBe(3);
    expect(s.mean).toBe(4);
    expect(s.sd).toBe(2);
    expect(s.ciHigh! - 4).toBeCloseTo(4.302652729749 * (2 / Math.sqrt(3)), 9);
    expect(4 - s.ciLow!).toBeCloseTo(s.ciHigh! - 4, 12);
    expect(metricStats("m", [5])).toEqual({ metric: "m", n: 1, mean: 5, sd: null, ciLow: null, ciHigh: null });
    expect(metricStats("m", [null])).toEqual({ metric: "m", n: 0, mean: null, sd: null, ciLow: null, ciHigh: null });
  });

  it("keeps the standard deviation exact for large, close values", () => {
    expect(metricStats("m", [1e9 + 1, 1e9 + 2, 1e9 + 3]).sd).toBe(1);
  });

  it("aggregates per point and architecture, with the threshold pass rate over seeds", () => {
    const d = definition(4);
    const aggregates = aggregateRows(d, rows(4, (p, s, a) => p * 10 + s + a));
    expect(aggregates.map((x) => [x.point, x.architecture])).toEqual([[0, "a"], [0, "b"], [1, "a"], [1, "b"]]);
    expect(aggregates[0].metrics[0].mean).toBe(1.5);
    expect(aggregates[1].metrics[0].mean).toBe(2.5);
    // Point 1 values are 10..13 (a) and 11..14 (b): all fail "< 10".
    expect(aggregates[0].thresholds[0]).toMatchObject({ passes: 4, n: 4, passRate: 1 });
    expect(aggregates[3].thresholds[0]).toMatchObject({ passes: 0, n: 4, passRate: 0 });
  });

  it("puts rows in canonical order and refuses a repeated row", () => {
    const r = rows(2, () => 1);
    expect(canonicalRows([...r].reverse())).toEqual(r);
    expect(() => canonicalRows([r[0], r[0]])).toThrow(/each \(point, seed\) row once/);
  });

  it("merges any split into shards into exactly the bytes of the whole sweep", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 60, maxLength: 60 }), (seeds, count, values) => {
        const d = definition(seeds);
        const all = rows(seeds, (p, s, a) => values[(p * seeds + s) * 2 + a]);
        const whole = JSON.stringify(finishSweep(d, all, null));
        const shards = Array.from({ length: count }, (_, i) => {
          const mine = all.filter((_, r) => r % count === i);
          // Through JSON, as shard files are: numbers must survive the trip.
          return JSON.parse(JSON.stringify(finishSweep(d, mine, { index: i + 1, count })));
        });
        expect(JSON.stringify(mergeShards([...shards].reverse()))).toBe(whole);
      }),
      { numRuns: 40 },
    );
  });

  it("produces reports the published schema accepts", () => {
    const d = definition(2);
    expect(SweepReportSchema.safeParse(finishSweep(d, rows(2, () => 3), null)).success).toBe(true);
    expect(SweepReportSchema.safeParse(finishSweep(d, rows(2, () => 3).slice(0, 1), { index: 1, count: 4 })).success).toBe(true);
  });

  it("refuses incomplete rows for a whole sweep, and shard sets that are not one whole sweep", () => {
    const d = definition(2);
    const all = rows(2, () => 3);
    expect(() => finishSweep(d, all.slice(1), null)).toThrow(/^rows: expected all 4/);
    const shard = (i: number, n: number, def = d) => finishSweep(def, all.filter((_, r) => r % n === i - 1), { index: i, count: n });
    expect(() => mergeShards([shard(1, 2)])).toThrow(/missing 2/);
    expect(() => mergeShards([shard(1, 2), shard(1, 2)])).toThrow(/each shard once/);
    expect(() => mergeShards([shard(1, 2), shard(2, 3)])).toThrow(/same shard count/);
    expect(() => mergeShards([shard(1, 2), shard(2, 2, { ...d, scenario: { ...d.scenario, hash: "f".repeat(16) } })])).toThrow(/a shard of the same sweep/);
    expect(() => mergeShards([finishSweep(d, all, null)])).toThrow(/a shard file/);
  });
});

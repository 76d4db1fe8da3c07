import { describe, expect, it } from "vitest";
import { findMetric, METRICS, metricNames } from "../../sim/thresholds/metricCatalogue.ts";
import { CHECK_CHARS_MAX, parseCheck, type ParsedCheck } from "../../sim/thresholds/parseCheck.ts";

/** The parsed check as [metric id, operator, limit, scope], or the problem. */
function read(check: unknown): [string, string, number, string | undefined] | string {
  const parsed = parseCheck(check);
  if ("problem" in parsed) return parsed.problem;
  const p = parsed as ParsedCheck;
  return [p.metric.id, p.operator, p.limit, p.scope];
}

describe("parseCheck", () => {
  it("converts limits to base units by the metric's dimension", () => {
    expect(read("recovery cross-zone bytes < 2 TB")).toEqual(["recovery.recoveryCrossZoneBytes", "<", 2e12, undefined]);
    expect(read("time to SLO < 5 min during zone-outage")).toEqual(["recovery.timeToSloSeconds", "<", 300_000_000, "zone-outage"]);
    expect(read("cost < $40000/month")).toEqual(["cost.usdPerMonth", "<", 40_000, undefined]);
    expect(read("cost <= $40,000.50 / month")).toEqual(["cost.usdPerMonth", "<=", 40_000.5, undefined]);
    expect(read("incident cost < $500")).toEqual(["incidentCost.usd", "<", 500, undefined]);
    expect(read("produce throughput >= 100 MiB/s")).toEqual(["publishBytesRate", ">=", 100 * 2 ** 20, undefined]);
    expect(read("consume throughput > 1 Gbps")).toEqual(["consumeBytesRate", ">", 1.25e8, undefined]);
    expect(read("publish rate > 300/min")).toEqual(["publishRate", ">", 5, undefined]);
    expect(read("acked records lost <= 0")).toEqual(["recovery.ackedRecordsLost", "<=", 0, undefined]);
    expect(read("cross-zone bytes per produced byte < 2.67")).toEqual(["crossZoneBytesPerProducedByte", "<", 2.67, undefined]);
    expect(read("figures.pageCacheHitRatio >= 90 %")).toEqual(["figures.pageCacheHitRatio", ">=", 0.9, undefined]);
    expect(read("produce p99 < 500 µs during steady")).toEqual(["publishLatency99pct", "<", 500, "steady"]);
  });

  it("reads canonical names and friendly names in any case and spacing, with or without spaces around the comparison", () => {
    expect(read("publishLatency99pct<50ms")).toEqual(["publishLatency99pct", "<", 50_000, undefined]);
    expect(read("  Produce   P99   <  50 ms   DURING   outage ")).toEqual(["publishLatency99pct", "<", 50_000, "outage"]);
    expect(read("recovery.timeToSloSeconds < 1 h")).toEqual(["recovery.timeToSloSeconds", "<", 3_600_000_000, undefined]);
    expect(read("figures.volumeStoredBytes < 1 TiB")).toEqual(["figures.volumeStoredBytes", "<", 2 ** 40, undefined]);
  });

  it("says what is wrong: the form, the comparison, the metric, the value and its unit", () => {
    expect(read("")).toBe(`expected a check such as "produce p99 < 50 ms during zone-outage" (got "")`);
    expect(read(50)).toBe(`expected a check such as "produce p99 < 50 ms during zone-outage" (got 50)`);
    expect(read(`produce p99 < ${"9".repeat(CHECK_CHARS_MAX)} ms`)).toBe(`must be at most ${CHECK_CHARS_MAX} characters (got ${CHECK_CHARS_MAX + 17})`);
    expect(read("produce p99 < 50 ms < 60 ms")).toMatch(/^"produce p99 < 50 ms < 60 ms" has more than one comparison/);
    expect(read("produce p99 ≤ 50 ms")).toBe(`"≤" is not a comparison: expected one of <, <=, >, >= (did you mean <=?)`);
    expect(read("< 50 ms")).toBe(`"< 50 ms" names no metric before < (expected e.g. "produce p99 < 50 ms during zone-outage")`);
    expect(read("prodcue p99 < 50 ms")).toBe(`"prodcue p99" is not a metric (did you mean produce p99?); expected a metric of scenarios/README.md such as "produce p99"`);
    expect(read("produce p99 <")).toBe(`"produce p99 <" has no limit after < (expected a time, e.g. "50 ms")`);
    expect(read("produce p99 < 50")).toBe(`"50" has no unit (the metric is a time: expected e.g. "50 ms" or "50 s")`);
    expect(read("produce p99 < 50 MiB")).toBe(`"50 MiB" is not a time (the metric is a time: expected e.g. "50 ms")`);
    expect(read("recovery bytes < 2 ms")).toBe(`"2 ms" is not a size (the metric is a size: expected e.g. "2 TB")`);
    expect(read("offline partitions <= 2 MiB")).toBe(`"2 MiB" is not a count (the metric is a count: expected e.g. "0")`);
    expect(read("offline partitions <= 1e999")).toBe(`"1e999" is not a finite limit`);
    expect(read("produce p99 < 50 ms during zone outage")).toBe(`"during" must be followed by one fault name, fault kind or "steady" (got "zone outage")`);
  });

  it("never evaluates: arithmetic and code in a check are values that do not read", () => {
    expect(read("produce p99 < 50 ms + 10 ms")).toBe(`"50 ms + 10 ms" is not a time (the metric is a time: expected e.g. "50 ms")`);
    expect(read("produce p99 < 2 * 25 ms")).toBe(`"2 * 25 ms" is not a time (the metric is a time: expected e.g. "50 ms")`);
    expect(read("cost < $(process.exit())")).toBe(`"$(process.exit())" is not a monthly cost (the metric is a monthly cost: expected e.g. "$40000/month")`);
  });
});

describe("the metric catalogue", () => {
  it("gives every name one metric, whatever its case", () => {
    const seen = new Map<string, string>();
    for (const metric of METRICS) {
      for (const name of [metric.id, ...metric.aliases]) {
        const key = name.toLowerCase();
        expect(seen.get(key), `${name} names ${seen.get(key)} and ${metric.id}`).toBeUndefined();
        seen.set(key, metric.id);
        expect(findMetric(name)?.id).toBe(metric.id);
      }
    }
    expect(metricNames()).toHaveLength(seen.size);
  });

  it("gives every metric a reading in some scope, and recovery metrics only per fault", () => {
    for (const metric of METRICS) {
      expect(metric.whole !== undefined || metric.window !== undefined || metric.fault !== undefined, metric.id).toBe(true);
      if (metric.id.startsWith("recovery.")) expect([metric.whole, metric.window], metric.id).toEqual([undefined, undefined]);
    }
  });
});

// Outcomes of the library's traffic-growth scenario, on its miniature: 4 MiB/s on 6 partitions, the clock ×0.1 (the
// load ramps to 2× from 12 s to 24 s and stays, the run cut at 40 s). Steady is [1 s, 12 s), held is [25 s, 40 s).

import { describe, expect, it } from "vitest";
import type { TrafficRampFault } from "../../sim/faults/fault.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, reportOf, seriesWindow, sum } from "./outcomes.ts";

const MiB = 2 ** 20;
const SCENARIO = miniature(loadLibraryScenario("traffic-growth"), { timeScale: 0.1, testDurationMicros: 40e6, produceBytesPerSecond: 4 * MiB, partitionsPerTopic: 6 });
const RAMP = SCENARIO.faults[0] as TrafficRampFault;
const RAMP_FROM = RAMP.at / 1e6;
const RAMP_TO = (RAMP.at + RAMP.duration) / 1e6;
const END = 40;

/** Bytes per second of the series matching `pattern` over [from, to). */
function rate(report: RunReport, pattern: RegExp, from: number, to: number): number {
  const names = Object.keys(report.result.intervals.series).filter((name) => pattern.test(name));
  return sum(names.map((name) => sum(seriesWindow(report, name, from, to)))) / (to - from);
}
const steadyToHeld = (report: RunReport, pattern: RegExp) => rate(report, pattern, RAMP_TO + 1, END) / rate(report, pattern, 1, RAMP_FROM);
const state = (report: RunReport, name: string) => report.cost.states.find((s) => s.name === name)!;
let kafkaReport: RunReport | undefined;
const kafka = (): RunReport => (kafkaReport ??= reportOf(SCENARIO, configOf(SCENARIO, "kafka")));

describe("scenario traffic-growth (miniature)", () => {
  it("doubles classic Kafka's produced and cross-zone bytes together, so cross-zone bytes per produced byte holds", () => {
    const report = kafka();
    expect(steadyToHeld(report, /^publishedBytes$/)).toBeCloseTo(RAMP.toFactor, 1);
    expect(Math.abs(steadyToHeld(report, /^bytes\.[^.]+\.crossZone$/) / RAMP.toFactor - 1)).toBeLessThan(0.02);
    expect(report.recovery[0].timeToSloSeconds).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("raises classic Kafka's cross-zone bill by the growth state's mean load factor, and its compute bill not at all", () => {
    const report = kafka();
    const steady = state(report, "steady");
    const growth = state(report, "growth");
    // The growth state runs from the ramp's start to the end: the ramp's mean factor (1 + 2) / 2 over its length,
    // then 2 × the rate. Cross-zone bytes are proportional to produced bytes, so is their price.
    const rampSeconds = RAMP_TO - RAMP_FROM;
    const meanFactor = (rampSeconds * (1 + RAMP.toFactor) / 2 + (END - RAMP_TO) * RAMP.toFactor) / (END - RAMP_FROM);
    expect(Math.abs(growth.totals.byCategory.crossZone / steady.totals.byCategory.crossZone / meanFactor - 1)).toBeLessThan(0.02);
    expect(growth.totals.byCategory.compute).toBe(steady.totals.byCategory.compute);
  });

  it("doubles the bytes diskless agents move to and from S3 but not their S3 requests: one object per batch interval, whatever it holds", () => {
    const report = reportOf(SCENARIO, configOf(SCENARIO, "diskless"));
    expect(Math.abs(steadyToHeld(report, /^bytes\.[^.]+\.objectStore$/) / RAMP.toFactor - 1)).toBeLessThan(0.05);
    // 4 MiB/s over six agents fills a 250 ms batch to ~170 KiB, far under the 8 MiB that would close it early: the
    // number of PUTs (and the chunk GETs behind them) follows the clock, not the bytes.
    const apiRatio = state(report, "growth").totals.byCategory.s3Api / state(report, "steady").totals.byCategory.s3Api;
    expect(Math.abs(apiRatio - 1)).toBeLessThan(0.05);
    expect(report.result.invariants.violations).toEqual([]);
  });
});

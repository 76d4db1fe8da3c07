import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import {
  costLines,
  costOfRun,
  extrapolation,
  renderCostMarkdown,
  type CostLine,
  type ResolvedAssumptions,
  type RunFacts,
  type RunUsage,
  type StoreWindow,
  type UsageReading,
  type VolumeWindow,
  type WindowUsage,
} from "../../sim/cost/index.ts";
import { FLOW_CLASS_NAMES } from "../../sim/network/index.ts";
import { automqConventionsBook, awsBook } from "./books.ts";

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const DAY = 86_400;

const facts: RunFacts = {
  architecture: "test",
  kind: "kafka",
  instanceType: "r6i.xlarge",
  brokers: 6,
  zones: 3,
  configuredRetentionMicros: 7 * DAY * 1e6,
  configuredLocalRetentionMicros: undefined,
  warmupMicros: 0,
  endMicros: 20e6,
};

const assumptions: ResolvedAssumptions = { retentionSeconds: 3 * DAY, localRetentionSeconds: 3 * DAY, volumeHeadroomRatio: 0, retainedStoreClasses: ["standard"] };

function bytesBy(values: Record<string, number> = {}): Record<string, number> {
  return Object.fromEntries(FLOW_CLASS_NAMES.map((name) => [name, values[name] ?? 0]));
}

function window(over: Partial<WindowUsage> = {}): WindowUsage {
  return { fromMicros: 0, toMicros: 20e6, seconds: 20, crossZoneBytes: bytesBy(), objectStoreBytes: bytesBy(), stores: [], volumes: [], publishedBytes: 0, consumedBytes: 0, ...over };
}

function store(over: Partial<StoreWindow> = {}): StoreWindow {
  return { name: "s3", storageClass: "standard", putRequests: 0, getRequests: 0, deleteRequests: 0, bytesPut: 0, bytesGot: 0, meanStoredBytes: 0, storedGrowthBytesPerSecond: 0, ...over };
}

function volume(over: Partial<VolumeWindow> = {}): VolumeWindow {
  return { name: "broker-0.volume", role: "log", broker: 0, capacityBytes: 2 ** 40, iops: 3000, throughputBytesPerSecond: 125 * MiB, meanLogBytes: 0, logGrowthBytesPerSecond: 0, ...over };
}

function find(lines: CostLine[], id: string): CostLine {
  const line = lines.find((l) => l.id === id);
  if (!line) throw new Error(`no line ${id} in ${lines.map((l) => l.id).join(", ")}`);
  return line;
}

describe("cost lines", () => {
  it("extrapolates a simulated interval to the book's month and says how: 20 s × 129,600 = a 30-day month", () => {
    expect(extrapolation(automqConventionsBook(), 20e6)).toEqual({ simulatedSeconds: 20, monthSeconds: 2_592_000, factor: 129_600, statement: "20 simulated s × 129,600 = 30-day month" });
    expect(extrapolation(awsBook(), 20e6).statement).toBe("20 simulated s × 131,400 = 730-hour month");
    expect(extrapolation(awsBook(), 2.5e6).statement).toBe("2.5 simulated s × 1,051,200 = 730-hour month");
    expect(() => extrapolation(awsBook(), 0)).toThrow(InputError);
  });

  it("bills cross-zone bytes of each flow class at out + in per GB on that class's byte path, GB or GiB as the book says", () => {
    const w = window({ crossZoneBytes: bytesBy({ produce: 20 * GiB, replication: 40 * GiB, recovery: 2 * GiB }) });
    const gib = costLines(w, facts, automqConventionsBook(), assumptions);
    // 1 GiB/s for a 30-day month is 2,592,000 GiB: $51,840 at $0.02 per GiB crossing.
    expect(find(gib, "crossZone.produce")).toMatchObject({ category: "crossZone", path: "ingest", quantity: 2_592_000 });
    expect(find(gib, "crossZone.produce").usdPerMonth).toBeCloseTo(51_840, 6);
    expect(find(gib, "crossZone.replication").usdPerMonth).toBeCloseTo(103_680, 6);
    expect(find(gib, "crossZone.recovery")).toMatchObject({ path: "recovery" });
    // The same bytes in GB of 10^9 over 730 hours: 1 GiB/s × 2,628,000 s × 2^30 / 10^9 GB.
    const gb = costLines(w, facts, awsBook(), assumptions);
    expect(find(gb, "crossZone.produce").usdPerMonth).toBeCloseTo((2_628_000 * GiB / 1e9) * 0.02, 6);
  });

  it("bills every broker's instance for the month, hourly or at a monthly price", () => {
    const hourly = find(costLines(window(), facts, awsBook(), assumptions), "compute.instances");
    expect(hourly).toMatchObject({ quantity: 6 * 730, unit: "instance-hours", path: "fixed", priceLines: ["instances.r6i.xlarge"] });
    expect(hourly.usdPerMonth).toBeCloseTo(6 * 730 * 0.252, 9);
    const monthly = find(costLines(window(), { ...facts, instanceType: "m7g.4xlarge" }, automqConventionsBook(), assumptions), "compute.instances");
    expect(monthly).toMatchObject({ quantity: 6, unit: "instance-months" });
    expect(monthly.usdPerMonth).toBeCloseTo(6 * 476.544, 9);
    expect(() => costLines(window(), { ...facts, instanceType: "x9.huge" }, awsBook(), assumptions)).toThrow(/instances\.x9\.huge/);
  });

  it("sizes log volumes at the log growth over local retention plus headroom, whole gigabytes per volume", () => {
    // Two brokers each writing 100 MiB/s of replica bytes for 3 days: 25,312.5 GiB each, × 1.125 headroom.
    const volumes = [volume({ logGrowthBytesPerSecond: 100 * MiB }), volume({ name: "broker-1.volume", broker: 1, logGrowthBytesPerSecond: 100 * MiB })];
    const lines = costLines(window({ volumes }), facts, automqConventionsBook(), { ...assumptions, volumeHeadroomRatio: 0.125 });
    const capacity = find(lines, "storage.logVolumes");
    expect(capacity).toMatchObject({ category: "storage", path: "retained", quantity: 2 * Math.ceil(25_312.5 * 1.125) });
    expect(capacity.usdPerMonth).toBeCloseTo(2 * Math.ceil(25_312.5 * 1.125) * 0.08, 6);
    // At the gp3 baseline (3,000 IOPS, 125 MiB/s) no performance is billed; above it, per volume.
    expect(lines.some((l) => l.id === "storage.logVolumeIops")).toBe(false);
    const fast = costLines(window({ volumes: [volume({ iops: 16_000, throughputBytesPerSecond: 1000 * MiB })] }), facts, awsBook(), assumptions);
    expect(find(fast, "storage.logVolumeIops").usdPerMonth).toBeCloseTo(65, 9);
    expect(find(fast, "storage.logVolumeThroughput").usdPerMonth).toBeCloseTo(35, 9);
  });

  it("bills WAL volumes at their configured size, as provisioned cost rather than retained bytes", () => {
    const lines = costLines(window({ volumes: [volume({ role: "wal", capacityBytes: 10 * GiB, logGrowthBytesPerSecond: 0 })] }), facts, automqConventionsBook(), assumptions);
    expect(find(lines, "storage.walVolumes")).toMatchObject({ path: "fixed", quantity: 10 });
  });

  it("bills S3 Standard storage as the measured mean plus the steady growth kept for the retention, in tiers", () => {
    const s = store({ meanStoredBytes: 20 * GiB, storedGrowthBytesPerSecond: 1 * GiB });
    const line = find(costLines(window({ stores: [s] }), facts, automqConventionsBook(), assumptions), "storage.s3");
    expect(line.quantity).toBeCloseTo(20 + 3 * DAY, 9);
    expect(line.usdPerMonth).toBeCloseTo(50_000 * 0.023 + (259_220 - 50_000) * 0.022, 6);
    // A store that is not retained data (S3 Express as an ingest buffer) is billed at its mean only.
    const express = find(costLines(window({ stores: [{ ...s, storageClass: "express" }] }), facts, automqConventionsBook(), assumptions), "storage.s3");
    expect(express.quantity).toBeCloseTo(20, 9);
    expect(express.usdPerMonth).toBeCloseTo(20 * 0.11, 9);
  });

  it("bills requests per 1,000 by class and splits them over byte paths by the bytes each flow class moved", () => {
    // 100 PUT/s and 50 GET/s for 20 s; PUT bytes: 3/4 WAL and upload (ingest), GET bytes: half fetch reads, half recovery.
    const w = window({
      stores: [store({ putRequests: 2_000, getRequests: 1_000, deleteRequests: 500 })],
      objectStoreBytes: bytesBy({ wal: 300, "s3-put": 600, export: 300, "s3-get": 100, recovery: 100 }),
    });
    const lines = costLines(w, facts, automqConventionsBook(), assumptions);
    const perMonth = 129_600;
    expect(find(lines, "s3Api.s3.put.ingest").quantity).toBeCloseTo(2_000 * 0.75 * perMonth, 6);
    expect(find(lines, "s3Api.s3.put.fanOut").quantity).toBeCloseTo(2_000 * 0.25 * perMonth, 6);
    expect(find(lines, "s3Api.s3.put.ingest").usdPerMonth).toBeCloseTo((2_000 * 0.75 * perMonth / 1000) * 0.005, 6);
    expect(find(lines, "s3Api.s3.get.recovery").usdPerMonth).toBeCloseTo((500 * perMonth / 1000) * 0.0004, 6);
    expect(find(lines, "s3Api.s3.delete")).toMatchObject({ quantity: 500 * perMonth, usdPerMonth: 0 });
    const total = lines.filter((l) => l.category === "s3Api").reduce((sum, l) => sum + l.usdPerMonth, 0);
    expect(total).toBeCloseTo((100 * 0.005 + 50 * 0.0004) * 2_592_000 / 1000, 6);
  });

  it("bills S3 Express requests at Express prices plus its per-GB upload and retrieval charges", () => {
    const w = window({ stores: [store({ name: "x", storageClass: "express", putRequests: 1_000, getRequests: 1_000, bytesPut: 20 * GiB, bytesGot: 40 * GiB })], objectStoreBytes: bytesBy({ "s3-put": 1, "s3-get": 1 }) });
    const lines = costLines(w, facts, automqConventionsBook(), assumptions);
    expect(find(lines, "s3Api.x.put.ingest").usdPerMonth).toBeCloseTo((1_000 * 129_600 / 1000) * 0.00113, 6);
    expect(find(lines, "s3Api.x.upload.ingest").usdPerMonth).toBeCloseTo(2_592_000 * 0.0032, 6);
    expect(find(lines, "s3Api.x.retrieval.fanOut").usdPerMonth).toBeCloseTo(2 * 2_592_000 * 0.0006, 6);
  });

  it("prices a metered run with the stated retention and headroom, and rejects bad assumptions naming the field", () => {
    const reading = (atMicros: number, stored: number): UsageReading => ({
      atMicros, bytesMoved: new Array(30).fill(0), publishedBytes: atMicros * 1000, consumedBytes: 0, volumes: [],
      stores: [{ name: "s3", storageClass: "standard", putRequests: 0, getRequests: 0, deleteRequests: 0, bytesPut: stored, bytesGot: 0, storedBytes: stored, storedByteMicros: (stored * atMicros) / 2 }],
    });
    const usage: RunUsage = { facts: { ...facts, configuredRetentionMicros: undefined, configuredLocalRetentionMicros: undefined }, readings: [reading(0, 0), reading(10e6, 10 * GiB), reading(20e6, 20 * GiB)], states: [{ name: "steady", fromMicros: 0, toMicros: 20e6 }] };
    const report = costOfRun(usage, automqConventionsBook());
    // No retention knob: Kafka's 7 days; 1 GiB/s of growth kept 7 days plus the 10 GiB mean.
    expect(report.assumptions).toMatchObject({ retentionSeconds: 7 * DAY, retentionFrom: expect.stringMatching(/default/) });
    expect(find(report.lines, "storage.s3").quantity).toBeCloseTo(7 * DAY + 10, 6);
    expect(report.extrapolation.statement).toBe("20 simulated s × 129,600 = 30-day month");
    expect(report.totals.usdPerMonth).toBeCloseTo(report.lines.reduce((s, l) => s + l.usdPerMonth, 0), 9);
    expect(renderCostMarkdown(report)).toMatch(/20 simulated s × 129,600 = 30-day month/);
    expect(renderCostMarkdown(report)).toMatch(/Nobody simulates 7 days/);
    expect(() => costOfRun(usage, automqConventionsBook(), { volumeHeadroomRatio: -0.1 })).toThrow(/assumptions\.volumeHeadroomRatio/);
    expect(() => costOfRun(usage, automqConventionsBook(), { retentionMicros: 0 })).toThrow(/assumptions\.retentionMicros/);
    expect(() => costOfRun(usage, automqConventionsBook(), { retainedStoreClasses: ["glacier" as never] })).toThrow(/assumptions\.retainedStoreClasses/);
    expect(() => costOfRun(usage, { ...automqConventionsBook(), instances: {} })).toThrow(/instances\.r6i\.xlarge/);
    expect(() => costOfRun({ ...usage, states: [] }, automqConventionsBook())).toThrow(InputError);
  });
});

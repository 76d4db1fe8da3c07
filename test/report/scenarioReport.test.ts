import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { buildScenarioReport, scenarioHash, sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import { defaultPriceBook, runToReport } from "../../sim/report/runSession.ts";
import { parseScenario, scenarioToRunConfigs } from "../../sim/scenario/index.ts";
import { scorecardMarkdown } from "../../sim/scorecard/scorecardMarkdown.ts";
import { FAKE_SCENARIO, fakeRun } from "../thresholds/fakeRun.ts";

const resolve = (name: string) => readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), "utf8");
const parse = (text: string, source = "test.yaml") => parseScenario(text, source, { resolve });

describe("sessionOptionsFor", () => {
  it("gives each architecture the fault names, the SLO in µs, the book with the scenario's prices and the cost assumptions", () => {
    const scenario = parse(`${FAKE_SCENARIO}slo: { produceP99: 50 ms }
cost: { retention: 3 d, volumeHeadroom: 0.25, prices: { lines: { interZoneTransferOut: { price: 0.02 } } } }
`);
    const options = sessionOptionsFor(scenario);
    expect(options).toHaveLength(2);
    const [kafka, diskless] = options;
    expect(kafka.faultNames).toEqual(["zone-outage", "s3Brownout"]);
    expect(kafka.produceP99SloMicros).toBe(50_000);
    expect(kafka.costAssumptions).toEqual({ retentionMicros: 3 * 86_400_000_000, volumeHeadroomRatio: 0.25 });
    const book = defaultPriceBook();
    expect(kafka.priceBook?.lines.interZoneTransferOut).toEqual({ ...book.lines.interZoneTransferOut, price: 0.02 });
    expect(kafka.priceBook?.lines.s3StandardPut).toEqual(book.lines.s3StandardPut);
    expect(diskless).toEqual(kafka);
    // Plain data: a worker's structured clone carries them unchanged.
    expect(structuredClone(kafka)).toEqual(kafka);
  });

  it("leaves the SLO to each run and uses the bundled book when the scenario sets neither", () => {
    const [options] = sessionOptionsFor(parse(FAKE_SCENARIO));
    expect(options).not.toHaveProperty("produceP99SloMicros");
    expect(options.priceBook).toBe(defaultPriceBook());
    expect(options.costAssumptions).toEqual({});
  });

  it("refuses what is not a parsed scenario", () => {
    expect(() => sessionOptionsFor({ name: "x" } as never)).toThrow(InputError);
  });
});

describe("scenarioHash", () => {
  const text = `${FAKE_SCENARIO}thresholds: [{ check: produce p99 < 50 ms, area: write-path }]\n`;

  it("is 16 hex digits, the same for the same scenario from another source or written in another key order", () => {
    const hash = scenarioHash(parse(text));
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(scenarioHash(parse(text, "elsewhere.yaml"))).toBe(hash);
    const reordered = parse(`workload: { warmupDuration: 0 s, testDuration: 100 s }\n${text.replace("workload: { testDuration: 100 s, warmupDuration: 0 s }\n", "")}`);
    expect(scenarioHash(reordered)).toBe(hash);
  });

  it("changes with anything that changes the runs or their judgement", () => {
    const hash = scenarioHash(parse(text));
    const variants = [text.replace("< 50 ms", "< 51 ms"), text.replace("zone: 0", "zone: 1"), `${text}seed: 2\n`, `${text}slo: { produceP99: 9 ms }\n`];
    const hashes = variants.map((v) => scenarioHash(parse(v)));
    expect(new Set([hash, ...hashes]).size).toBe(variants.length + 1);
  });
});

describe("buildScenarioReport", () => {
  it("puts the scenario's header, fault markers and narrative beside the runs, thresholds and scorecard", () => {
    const scenario = parse(`${FAKE_SCENARIO}thresholds: [{ check: produce p99 < 50 ms during zone-outage, area: write-path }]
narrative: [{ at: 40 s, title: Zone 0 goes dark, text: Leaders move., watch: [produce p99] }]
`);
    const runs = [fakeRun("kafka"), fakeRun("diskless")];
    const report = buildScenarioReport(scenario, runs);
    expect(report.scenario).toEqual({
      name: "fake",
      description: "",
      source: "test.yaml",
      hash: scenarioHash(scenario),
      seed: 1,
      simulatedSeconds: 100,
      faults: [
        { index: 0, name: "zone-outage", kind: "zoneOutage", atSeconds: 40, durationSeconds: 20 },
        { index: 1, name: "s3Brownout", kind: "s3Brownout", atSeconds: 70, durationSeconds: 10 },
      ],
      narrative: [{ atSeconds: 40, title: "Zone 0 goes dark", text: "Leaders move.", watch: ["produce p99"] }],
    });
    expect(report.runs).toBe(runs);
    expect(report.thresholds.map((o) => [o.architecture, o.measured, o.pass])).toEqual([["kafka", 80, false], ["diskless", 80, false]]);
    expect(report.scorecard.cells.filter((c) => c.area === "write-path").map((c) => c.state)).toEqual(["blocked", "blocked"]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("a library scenario run end to end", () => {
  // zone-outage.yaml (zone 0 down from 3 min for 2 min) cut to 4 simulated minutes at a lower rate, on classic Kafka
  // with three replicas and min.insync.replicas 2: every acknowledged write is on two zones, so losing one loses none.
  const scenario = parse(`name: zone-outage-short
extends: zone-outage
workload: { testDuration: 4 min, producerRate: 1 MiB/s, partitionsPerTopic: 6, producersPerTopic: 1, subscriptionsPerTopic: 1, consumerPerSubscription: 1 }
architectures:
  - { kind: kafka, replicationFactor: 3, minInsyncReplicas: 2 }
narrative: []
thresholds:
  - { check: acked records lost <= 0 during zoneOutage, area: storage-independence }
  - { check: recovery cross-zone bytes < 2 TB during zoneOutage, area: network-path }
  - { check: time to detect < 30 s during zoneOutage, area: operations }
  - { check: produce p99 < 50 ms during steady, area: write-path }
  - { check: cost < $40000/month, area: storage-independence, severity: risk }
  - { check: produce p99 < 50 ms during zoneOutage, area: write-path }
`);
  let run: RunReport;
  let report: ScenarioReport;
  beforeAll(() => {
    const [config] = scenarioToRunConfigs(scenario);
    run = runToReport(config, sessionOptionsFor(scenario)[0]);
    report = buildScenarioReport(scenario, [run]);
  }, 60_000);
  const byIndex = (i: number) => report.thresholds.find((o) => o.index === i);

  it("loses no acknowledged record, and measures exactly what the run's recovery report says", () => {
    const [recovery] = run.recovery;
    expect(recovery.name).toBe(scenario.faultNames[0]);
    expect(byIndex(0)).toMatchObject({ architecture: "kafka", measured: recovery.ackedRecordsLost, pass: true });
    expect(recovery.ackedRecordsLost).toBe(0);
    expect(byIndex(1)?.measured).toBe(recovery.recoveryCrossZoneBytes);
    expect(byIndex(2)?.measured).toBe(recovery.detectSeconds);
    expect(byIndex(2)?.pass).toBe(recovery.detectSeconds !== null && recovery.detectSeconds < 30);
    // The window's worst interval p99, read from the result's intervals, is the recovery metrics' own figure.
    expect(byIndex(5)?.measured).toBe(recovery.produceP99MaxMs);
  });

  it("judges the steady stretch and the bill from the same run, and scores the areas from them", () => {
    const steady = run.result.intervals.publishLatency.filter((i) => i.startSeconds + run.result.intervals.intervalSeconds <= 180 && i.count > 0);
    expect(byIndex(3)?.measured).toBe(Math.max(...steady.map((i) => i.p99)));
    expect(byIndex(4)?.measured).toBe(run.cost.totals.usdPerMonth);
    const storage = report.scorecard.cells.find((c) => c.area === "storage-independence");
    expect(storage?.state).toBe(byIndex(4)?.pass ? "pass" : "accepted-risk");
    expect(report.scenario.faults).toEqual([{ index: 0, name: scenario.faultNames[0], kind: "zoneOutage", atSeconds: 180, durationSeconds: 120 }]);
    expect(report.scenario.simulatedSeconds).toBe(240);
    expect(scorecardMarkdown(report.scorecard, report.thresholds)).toContain("| kafka |");
  });
});

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { resultJsonSchema } from "../../sim/model/result.ts";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { buildScenarioReport, sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { ScenarioReportSchema, scenarioReportJsonSchema } from "../../sim/report/scenarioReportSchema.ts";
import { parseScenario, scenarioToRunConfigs } from "../../sim/scenario/index.ts";
import { bytepath } from "../cli/cliHarness.ts";

const GOLDEN = new URL("../cli/golden/small.report.json", import.meta.url);
const PUBLISHED = new URL("../../scenarios/report.schema.json", import.meta.url);

// Every architecture kind, a fault with a duration and an instantaneous scale-out, thresholds scoped to each (one
// read from intervals, so it carries a note), and a two-step narrative.
const FULL_SCENARIO = `
name: schema-full
description: Every part of a report, small.
seed: 3
cluster: { zones: 3, brokersPerZone: 2, instance: r6i.xlarge }
workload: { partitionsPerTopic: 3, producerRate: 1 MiB/s, producersPerTopic: 1, consumerPerSubscription: 1, subscriptionsPerTopic: 1, testDuration: 12 s, warmupDuration: 2 s }
sampleInterval: 1 s
architectures: [{ kind: kafka }, { kind: kafka-tiered }, { kind: automq }, { kind: diskless }]
faults:
  - { name: crash, kind: brokerCrash, at: 4 s, duration: 3 s, broker: 0 }
  - { name: grow, kind: scaleOut, at: 9 s, brokers: [3, 4, 5] }
thresholds:
  - { check: "produce p99 < 50 ms during crash", area: write-path }
  - { check: "time to SLO < 1 s during crash", area: operations }
  - { check: "time to reassign < 300 s during grow", area: operations, severity: risk }
  - { check: "cost < $100000/month", area: storage-independence, severity: risk }
narrative:
  - { at: 0 s, title: Steady, text: Watch the p99., watch: [produce p99] }
  - { at: 4 s, title: Crash, text: A broker goes down., watch: [produce errors] }
`;

// A traffic ramp from the end of warm-up: the run is in growth from then on, with no steady stretch, so no incident
// cost; nothing fails, so the time to detect measures nothing (null, with a note); no narrative.
const EDGE_SCENARIO = `
name: schema-edge
seed: 4
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload: { partitionsPerTopic: 3, producerRate: 1 MiB/s, producersPerTopic: 1, consumerPerSubscription: 1, subscriptionsPerTopic: 1, testDuration: 6 s, warmupDuration: 1 s }
sampleInterval: 1 s
architectures: [{ kind: kafka }]
faults: [{ kind: trafficRamp, at: 1 s, duration: 2 s, toFactor: 1.5 }]
thresholds: [{ check: "time to detect < 60 s during trafficRamp", area: operations }]
`;

function reportOf(text: string): ScenarioReport {
  const scenario = parseScenario(text, "test.yaml");
  const options = sessionOptionsFor(scenario);
  return buildScenarioReport(scenario, scenarioToRunConfigs(scenario).map((config, i) => runToReport(config, options[i])));
}

// The report as a CI step sees it: through JSON text.
const asJson = (report: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(report));

// The published file read on its own, as any JSON Schema consumer would, not through the zod schema it came from.
const published = z.fromJSONSchema(JSON.parse(readFileSync(PUBLISHED, "utf8")));

/** Each problem as "path: code" under the zod schema, and the paths of the problems under the published file. */
function problems(value: unknown): { zod: string[]; json: string[] } {
  const zod = ScenarioReportSchema.safeParse(value);
  const json = published.safeParse(value);
  return {
    zod: zod.success ? [] : zod.error.issues.map((i) => `${i.path.join(".")}: ${i.code}`),
    json: json.success ? [] : json.error.issues.map((i) => i.path.join(".")),
  };
}

let full: ScenarioReport;
let edge: ScenarioReport;

beforeAll(() => {
  full = reportOf(FULL_SCENARIO);
  edge = reportOf(EDGE_SCENARIO);
});

describe("the scenario report schema", () => {
  it("accepts the golden report of `bytepath run --json`, under the zod schema and the published file alike", () => {
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8"));
    expect(problems(golden)).toEqual({ zod: [], json: [] });
    // Parsing drops nothing: the strict schema knows every field the report has.
    expect(ScenarioReportSchema.parse(golden)).toEqual(golden);
  });

  it("accepts reports built in process, with every optional and nullable part both present and absent", () => {
    expect(problems(asJson(full))).toEqual({ zod: [], json: [] });
    expect(problems(asJson(edge))).toEqual({ zod: [], json: [] });
    // What those reports hold, so the test keeps covering each branch of the schema.
    expect(new Set(full.runs.map((r) => r.kind))).toEqual(new Set(["kafka", "kafka-tiered", "automq", "diskless"]));
    expect(full.scenario.faults.map((f) => f.durationSeconds)).toEqual([3, null]);
    expect(full.scenario.narrative).toHaveLength(2);
    expect(full.runs.every((r) => r.recovery.length === 2 && r.incidentCost !== null)).toBe(true);
    expect(full.runs.some((r) => r.recovery[1].reassignmentCompletedSeconds !== null)).toBe(true);
    expect(full.runs.some((r) => r.cost.lines.some((l) => l.category === "s3Api"))).toBe(true);
    expect(full.thresholds.some((o) => o.note !== undefined)).toBe(true);
    expect(full.thresholds.some((o) => o.note === undefined)).toBe(true);
    expect(edge.thresholds[0]).toMatchObject({ measured: null, margin: null, pass: false, note: expect.stringMatching(/fails$/) });
    expect(edge.runs[0].incidentCost).toBeNull();
    expect(edge.scenario.narrative).toEqual([]);
  });

  it("rejects a field removed, renamed, added or of the wrong type, naming its path", () => {
    const cases: Array<[string, (r: any) => void, string[]]> = [
      ["removed", (r) => delete r.scenario.hash, ["scenario.hash: invalid_type"]],
      ["removed deep in the bill", (r) => delete r.runs[1].cost.totals.byPath.fixed, ["runs.1.cost.totals.byPath.fixed: invalid_type"]],
      [
        "renamed",
        (r) => {
          r.runs[0].recovery[0].detectedSeconds = r.runs[0].recovery[0].detectSeconds;
          delete r.runs[0].recovery[0].detectSeconds;
        },
        ["runs.0.recovery.0.detectSeconds: invalid_type", "runs.0.recovery.0: unrecognized_keys"],
      ],
      ["added to the result", (r) => (r.runs[2].result.brokerNetwork.inP99 = 0.5), ["runs.2.result.brokerNetwork: unrecognized_keys"]],
      ["wrong type", (r) => (r.thresholds[2].limit = "5"), ["thresholds.2.limit: invalid_type"]],
      ["null where a value is required", (r) => (r.runs[0].result.publishLatency99pct = null), ["runs.0.result.publishLatency99pct: invalid_type"]],
      ["outside an enum", (r) => (r.scorecard.cells[0].state = "maybe"), ["scorecard.cells.0.state: invalid_value"]],
      ["not the version", (r) => (r.schemaVersion = 2), ["schemaVersion: invalid_value"]],
    ];
    for (const [what, change, expected] of cases) {
      const report = asJson(full);
      change(report);
      const found = problems(report);
      expect({ what, ...found }).toEqual({ what, zod: expected, json: expected.map((e) => e.slice(0, e.indexOf(":"))) });
    }
  });

  it("is committed in scenarios/report.schema.json exactly as scenarioReportJsonSchema() generates it", () => {
    expect(readFileSync(PUBLISHED, "utf8")).toBe(`${JSON.stringify(scenarioReportJsonSchema(), null, 2)}\n`);
    const schema = scenarioReportJsonSchema();
    expect(schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", title: "bytepath scenario report" });
    expect(schema.description).toBe("The output of `bytepath run --json` and `bytepath compare --json`.");
  });

  it("describes runs[i].result exactly as the published result schema does", () => {
    const runs = scenarioReportJsonSchema().properties as { runs: { items: { properties: { result: Record<string, unknown> } } } };
    const { description, ...result } = runs.runs.items.properties.result;
    const { $schema: _schema, ...standalone } = resultJsonSchema() as Record<string, unknown>;
    expect(result).toEqual(standalone);
    expect(description).toMatch(/result\.schema\.json/);
  });

  it("is what `bytepath schema report` prints", async () => {
    const r = await bytepath(["schema", "report"], fileURLToPath(new URL(".", import.meta.url)));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(PUBLISHED, "utf8"));
  });
});

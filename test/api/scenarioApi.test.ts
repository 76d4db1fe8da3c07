import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createScenarioApi } from "../../sim/api/scenarioApi.ts";
import { createWorkerApi } from "../../sim/api/workerApi.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { buildScenarioReport } from "../../sim/report/scenarioReport.ts";
import { parseScenario, scenarioToRunConfigs, ScenarioError } from "../../sim/scenario/index.ts";

const TEXT = `
name: two-designs
description: Classic Kafka and diskless agents, briefly.
seed: 5
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload: { partitionsPerTopic: 6, producerRate: 5 MiB/s, testDuration: 3 s, warmupDuration: 0 s }
architectures: [{ kind: kafka }, { kind: diskless }]
thresholds:
  - check: produce p99 < 1 s
    area: write-path
`;

describe("scenario API", () => {
  it("plans the runs the CLI would start, with their names, options and ends", () => {
    const plan = createScenarioApi().plan(TEXT, "two.yaml");
    const scenario = parseScenario(TEXT, "two.yaml");
    expect(plan.name).toBe("two-designs");
    expect(plan.runs.map((r) => r.name)).toEqual(["kafka", "diskless"]);
    expect(JSON.stringify(plan.runs.map((r) => r.config))).toBe(JSON.stringify(scenarioToRunConfigs(scenario)));
    expect(plan.endMicros).toEqual([3_000_000, 3_000_000]);
    // Only plain data crosses a worker boundary: the plan survives structured cloning unchanged.
    expect(structuredClone(plan)).toEqual(plan);
  });

  it("judges the runs' reports as the CLI does", () => {
    const api = createWorkerApi();
    const plan = api.plan(TEXT, "two.yaml");
    const reports = plan.runs.map((r) => runToReport(r.config, r.options));
    const expected = buildScenarioReport(parseScenario(TEXT, "two.yaml"), reports);
    expect(JSON.stringify(api.scenarioReport(TEXT, "two.yaml", reports))).toBe(JSON.stringify(expected));
    expect(() => api.scenarioReport(TEXT, "two.yaml", reports.slice(0, 1))).toThrow(/^runs: expected one run report per architecture \(2\) \(got "1 reports"\)/);
  });

  it("names every problem of a bad scenario, each with its path", () => {
    const bad = TEXT.replace("producerRate: 5 MiB/s", "producerRate: fast").replace("zones: 3", "zones: 0");
    let error: unknown;
    try {
      createScenarioApi().plan(bad, "bad.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toMatch(/workload\.producerRate/);
    expect((error as Error).message).toMatch(/cluster\.zones/);
  });

  it("plans and judges only the architectures asked for", () => {
    const api = createWorkerApi();
    const reading = { architectures: ["diskless"] };
    const plan = api.plan(TEXT, "two.yaml", reading);
    expect(plan.runs.map((r) => r.name)).toEqual(["diskless"]);
    const report = api.scenarioReport(TEXT, "two.yaml", plan.runs.map((r) => runToReport(r.config, r.options)), reading);
    expect(report.runs.map((r) => r.architecture)).toEqual(["diskless"]);
    expect(() => api.plan(TEXT, "two.yaml", { architectures: ["diskles"] })).toThrow(/^architectures: expected an architecture of the scenario \(did you mean diskless\?\)/);
    expect(() => api.plan(TEXT, "two.yaml", null as unknown as object)).toThrow(/^reading: expected an object/);
  });

  it("checks text as data an editor can mark: every issue with its path, and whether cross-section checks ran", () => {
    const api = createScenarioApi();
    expect(api.check(TEXT, "two.yaml")).toEqual({ issues: [], crossChecked: true });
    const bad = api.check(TEXT.replace("producerRate: 5 MiB/s", "producerRate: fast"), "two.yaml");
    expect(bad.issues.map((i) => i.path)).toEqual(["workload.producerRate"]);
    expect(bad.crossChecked).toBe(false);
    expect(structuredClone(bad)).toEqual(bad);
    expect(api.check(TEXT, "two.yaml", { architectures: ["kafak"] }).issues).toEqual([
      { path: "architectures", message: 'architectures: expected an architecture of the scenario (did you mean kafka?): kafka, diskless (got "kafak")' },
    ]);
  });

  it("resolves extends: from the library it is given, and only from it", () => {
    const library = { "steady-state": readFileSync(new URL("../../scenarios/steady-state.yaml", import.meta.url), "utf8") };
    const text = "extends: steady-state\nname: mine\nseed: 9\n";
    const plan = createScenarioApi().plan(text, "mine.yaml", { library });
    expect(plan.name).toBe("mine");
    expect(plan.runs.map((r) => r.name)).toEqual(createScenarioApi().plan(library["steady-state"], "steady-state.yaml").runs.map((r) => r.name));
    expect(plan.runs.every((r) => r.config.seed === 9)).toBe(true);
    expect(() => createScenarioApi().plan(text, "mine.yaml", { library: {} })).toThrow(/steady-state/);
    expect(() => createScenarioApi().plan(text, "mine.yaml", { library: { toString: "x" } as unknown as Record<string, string> })).toThrow(/steady-state/);
    expect(() => createScenarioApi().plan(42 as unknown as string, "x.yaml")).toThrow(/^text: expected the scenario's YAML or JSON text/);
  });
});

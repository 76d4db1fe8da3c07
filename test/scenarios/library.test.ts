// The scenario library as teaching material: every file says what it teaches and which decision areas it proves,
// parses with its library, names its faults, carries a narrative and thresholds, plays its fault timeline on every
// architecture it names, and keeps its default run affordable. Outcomes per scenario are in the sibling files.

import { describe, expect, it } from "vitest";
import { createRun } from "../../sim/model/run.ts";
import { DECISION_AREAS } from "../../sim/report/reportTypes.ts";
import { DEFAULT_SCENARIO_YAML, parseScenario, scenarioToRunConfigs, type Scenario } from "../../sim/scenario/index.ts";
import { LIBRARY_NAMES, libraryText, loadLibraryScenario } from "./miniature.ts";

/** The scenarios the library must hold. */
const REQUIRED = ["steady-state", "traffic-growth", "heavy-replay", "broker-replacement", "scale-out", "zone-outage", "zone-brownout", "s3-brownout"];

/** A teaching text: a library file. */
interface Teaching {
  label: string;
  text: string;
}
const TEACHING: Teaching[] = LIBRARY_NAMES.map((name) => ({ label: name, text: libraryText(name)! }));
const parse = (t: Teaching): Scenario => parseScenario(t.text, t.label, { resolve: libraryText });

// Measured on the 2-core reference machine: one architecture simulates a minute of the default 100 MiB/s comparison
// in 5–11 s of wall time. 100 architecture-minutes is at most ~18 min of CPU, a few minutes of wall time on 2 cores.
const ARCHITECTURE_MINUTES_MAX = 100;

/** The opening comment block of a text (before the first key), without the editor's schema line, as one line. */
function header(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    if (!line.startsWith("# yaml-language-server")) out.push(line.replace(/^#\s?/, ""));
  }
  return out.join(" ");
}

/** Decision areas the header's "Proves:" sentence names. */
function provenAreas(text: string): string[] {
  const proves = /Proves:(.*?)(?:Field reference:|$)/.exec(header(text))?.[1] ?? "";
  return DECISION_AREAS.filter((area) => proves.includes(area));
}

describe("the scenario library", () => {
  it("holds every scenario the course needs", () => {
    for (const name of REQUIRED) expect(LIBRARY_NAMES).toContain(name);
  });

  it.each(TEACHING)("$label opens with what it teaches and the decision areas it proves", ({ text }) => {
    const opening = header(text);
    expect(opening).toMatch(/^Teaches: /);
    expect(opening.length).toBeGreaterThan(300);
    expect(provenAreas(text).length).toBeGreaterThan(0);
  });

  it.each(TEACHING)("$label names every fault, and its thresholds judge only areas its header says it proves", (teaching) => {
    const scenario = parse(teaching);
    expect(scenario.faultNames.length).toBe(scenario.faults.length);
    scenario.faultNames.forEach((faultName, i) => expect(faultName, `fault ${i} has a name of its own`).not.toBe(scenario.faults[i].kind));
    expect(scenario.thresholds.length).toBeGreaterThanOrEqual(2);
    const proven = provenAreas(teaching.text);
    for (const t of scenario.thresholds) expect(proven, `${t.check}: area ${t.area}`).toContain(t.area);
  });

  it.each(TEACHING)("$label explains every threshold's limit in a comment above it", ({ text }) => {
    const lines = text.split("\n");
    const start = lines.indexOf("thresholds:");
    expect(start).toBeGreaterThan(0);
    // Each check line has a comment among the lines since the previous check, or shares the previous check's.
    let commented = false;
    for (const line of lines.slice(start + 1)) {
      if (/^\S/.test(line)) break;
      if (/^\s*#/.test(line)) commented = true;
      if (/^\s*- check:/.test(line)) expect(commented, line.trim()).toBe(true);
    }
  });

  it.each(TEACHING)("$label tells its story in 3 to 6 timed steps inside the run, each with something to watch", (teaching) => {
    const scenario = parse(teaching);
    const steps = scenario.narrative;
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.length).toBeLessThanOrEqual(6);
    const endSeconds = (scenario.workload.warmupDurationMicros + scenario.workload.testDurationMicros) / 1e6;
    steps.forEach((step, i) => {
      if (i > 0) expect(step.atSeconds, step.title).toBeGreaterThan(steps[i - 1].atSeconds);
      expect(step.atSeconds, step.title).toBeLessThan(endSeconds);
      expect(step.text.length, step.title).toBeGreaterThan(60);
      expect(step.watch.length, step.title).toBeGreaterThan(0);
    });
    // Every fault gets a step at its start, so the story follows the timeline.
    for (const fault of scenario.faults) expect(steps.map((s) => s.atSeconds)).toContain(fault.at / 1e6);
  });

  it("keeps steady-state the default comparison (sim/model/defaultScenario.ts), teaching text and all", () => {
    const proposed = parse(TEACHING.find((t) => t.label === "steady-state")!);
    expect(scenarioToRunConfigs(proposed)).toEqual(scenarioToRunConfigs(parseScenario(DEFAULT_SCENARIO_YAML, "default")));
    expect(proposed.name).toBe("steady-state");
  });

  it.each(LIBRARY_NAMES)("%s plays its whole fault timeline on every architecture it names", (name) => {
    const scenario = loadLibraryScenario(name);
    for (const config of scenarioToRunConfigs(scenario)) {
      // Building the run applies the faults: each is checked against this architecture's brokers, zones and groups.
      const run = createRun(config);
      // A fault at or after the end would be dropped without a word: every one must be due.
      expect(run.faultRun?.faults.length ?? 0, config.architecture.name).toBe(scenario.faults.length);
    }
  });

  it.each(LIBRARY_NAMES)(`%s keeps its default run within ${ARCHITECTURE_MINUTES_MAX} architecture-minutes`, (name) => {
    const scenario = loadLibraryScenario(name);
    const minutes = scenario.architectures.reduce((sum, run) => sum + (run.workload.warmupDurationMicros + run.workload.testDurationMicros) / 60e6, 0);
    expect(minutes).toBeLessThanOrEqual(ARCHITECTURE_MINUTES_MAX);
  });
});

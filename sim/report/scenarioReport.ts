// A scenario's report: the options each architecture's run session needs (fault names, the SLO, the price book and
// cost assumptions), a stable hash of the parsed scenario, and the ScenarioReport that gathers the runs with the
// thresholds judged on them and the scorecard they decide.

import type { PriceBook } from "../cost/priceBook.ts";
import { overridePriceBook } from "../cost/priceBookSchema.ts";
import { InputError } from "../errors.ts";
import { faultEndMicros } from "../faults/fault.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { buildScorecard } from "../scorecard/scorecard.ts";
import { evaluateThresholds } from "../thresholds/evaluateThresholds.ts";
import type { FaultMarker, RunReport, ScenarioReport } from "./reportTypes.ts";
import { defaultPriceBook, type RunSessionOptions } from "./runSession.ts";

/** The run-session options of each of the scenario's architectures, in order. */
export function sessionOptionsFor(scenario: Scenario): RunSessionOptions[] {
  requireScenario(scenario);
  const book = priceBookOf(scenario);
  return scenario.architectures.map(() => {
    const options: RunSessionOptions = { faultNames: [...scenario.faultNames], priceBook: book, costAssumptions: structuredClone(scenario.cost.assumptions) };
    if (scenario.slo.produceP99Micros !== undefined) options.produceP99SloMicros = scenario.slo.produceP99Micros;
    return options;
  });
}

/** The scenario's price book: the bundled book it names with its `cost.prices` changes applied. */
export function priceBookOf(scenario: Scenario): PriceBook {
  requireScenario(scenario);
  const prices = scenario.cost.prices;
  // The parser checked the changes against this very book, so applying them here cannot fail.
  return prices === undefined ? defaultPriceBook() : overridePriceBook(defaultPriceBook(), prices, `${scenario.source} cost.prices`);
}

/** A hash of the parsed scenario (16 hex digits), the same for the same scenario on every machine and engine. Its
 * source label is left out: the same scenario read from another path runs the same. */
export function scenarioHash(scenario: Scenario): string {
  requireScenario(scenario);
  const { source: _source, ...rest } = scenario;
  const text = canonicalJson(rest);
  // Two 32-bit FNV-1a passes with different offset bases over the UTF-16 code units: 64 bits, no Node crypto.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2 * 0x10000) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

/** JSON with object keys sorted, so the text does not depend on the order fields were set in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  // Infinity (an unthrottled link) has no JSON form; its name keeps it apart from null.
  if (typeof value === "number" && !Number.isFinite(value)) return JSON.stringify(String(value));
  return JSON.stringify(value) ?? "null";
}

/** The scenario's report from its runs (each architecture's RunReport, in any order, any subset). */
export function buildScenarioReport(scenario: Scenario, runs: RunReport[]): ScenarioReport {
  requireScenario(scenario);
  const outcomes = evaluateThresholds(scenario, runs);
  const faults: FaultMarker[] = scenario.faults.map((fault, index) => ({
    index,
    name: scenario.faultNames[index] ?? fault.kind,
    kind: fault.kind,
    atSeconds: fault.at / 1e6,
    durationSeconds: faultEndMicros(fault) > fault.at ? (faultEndMicros(fault) - fault.at) / 1e6 : null,
  }));
  const endsMicros = scenario.architectures.map((a) => a.workload.warmupDurationMicros + a.workload.testDurationMicros);
  return {
    schemaVersion: 1,
    scenario: {
      name: scenario.name,
      description: scenario.description,
      source: scenario.source,
      hash: scenarioHash(scenario),
      // A caller may have overridden the seed; the runs say which one they used.
      seed: runs.length > 0 ? runs[0].seed : scenario.seed,
      simulatedSeconds: Math.max(0, ...endsMicros) / 1e6,
      faults,
      narrative: scenario.narrative.map((step) => ({ ...step, watch: [...step.watch] })),
    },
    runs,
    thresholds: outcomes,
    scorecard: buildScorecard(scenario, runs, outcomes),
  };
}

function requireScenario(scenario: Scenario): void {
  if (typeof scenario !== "object" || scenario === null || !Array.isArray(scenario.architectures) || !Array.isArray(scenario.thresholds)) {
    throw new InputError("scenario", scenario, "a Scenario from parseScenario");
  }
}

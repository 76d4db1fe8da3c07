// The scenario parser's entry points: text (YAML or JSON) to a validated Scenario in internal units, and a
// Scenario to the RunConfigs that run it. Library scenarios come through a resolver, so sim/ never reads files.

import { InputError } from "../errors.ts";
import { INTERVALS_MAX } from "../metrics/intervalSeries.ts";
import { formatDuration } from "../quantity.ts";
import type { RunConfig } from "../model/run.ts";
import { compose, type LoadLibrary } from "./compose.ts";
import { didYouMean } from "./didYouMean.ts";
import { safeParseScenario } from "./issues.ts";
import { readDocument } from "./readDocument.ts";
import type { Scenario } from "./scenario.ts";
import { ScenarioError, type ScenarioIssue } from "./scenarioError.ts";
import { scenarioSchema, sectionsValid } from "./scenarioSchema.ts";

/** Options of parseScenario. */
export interface ParseScenarioOptions {
  /** The text of the library scenario with this name (e.g. scenarios/<name>.yaml), or undefined if there is none. */
  resolve?: (name: string) => string | undefined;
  /** Only these architectures, by name: the Scenario holds just them, in the file's order, and checks that depend
   * on an architecture judge just them. A name the scenario lacks is an InputError (field "architectures"). */
  architectures?: readonly string[];
}

/** Parses scenario text (YAML or JSON) from `source` (a label for messages); throws ScenarioError listing every
 * problem, each with its path. */
export function parseScenario(text: string, source: string, options: ParseScenarioOptions = {}): Scenario {
  if (typeof source !== "string") throw new InputError("source", source, "a label for the scenario's origin, such as a file path");
  if (typeof options !== "object" || options === null) throw new InputError("options", options, "an object such as { resolve }");
  const resolve = options.resolve;
  if (resolve !== undefined && typeof resolve !== "function") throw new InputError("options.resolve", resolve, "a function from a library name to its text");
  const architectures = options.architectures;
  if (architectures !== undefined && (!Array.isArray(architectures) || architectures.length === 0 || !architectures.every((a) => typeof a === "string"))) {
    throw new InputError("options.architectures", architectures, "a non-empty list of architecture names");
  }
  const result = parseText(text, source, [], resolve, architectures);
  if ("issues" in result) throw new ScenarioError(source, result.issues, result.crossChecked ?? true);
  if (architectures !== undefined) refuseStrays(result.scenario, architectures);
  return result.scenario;
}

/** Throws InputError for the first selected name the scenario lacks, with a did-you-mean and every name it has. */
function refuseStrays(scenario: Scenario, selected: readonly string[]): void {
  const known = scenario.architectures.map((a) => a.name);
  const stray = selected.find((name) => !known.includes(name));
  if (stray === undefined) return;
  const near = didYouMean(stray, known);
  throw new InputError("architectures", stray, `an architecture of the scenario${near ? ` (did you mean ${near}?)` : ""}: ${known.join(", ")}`);
}

type Parsed = { scenario: Scenario; tree: Record<string, unknown> } | { issues: ScenarioIssue[]; crossChecked?: boolean };

// A selection applies to the scenario asked for; a library scenario it extends is judged whole, as a file of its own.
function parseText(text: unknown, source: string, visiting: readonly string[], resolve: ParseScenarioOptions["resolve"], architectures?: readonly string[]): Parsed {
  const read = readDocument(text);
  if ("issues" in read) return read;
  const load: LoadLibrary | undefined = resolve && ((name, chain) => loadLibrary(name, chain, resolve));
  const composed = compose(read.tree, visiting, load);
  const { data, issues } = safeParseScenario(scenarioSchema(architectures), composed.tree);
  // Without the library scenario its fields are missing; saying so for each would bury the one real problem.
  const schemaIssues = composed.incomplete ? issues.filter((issue) => !issue.message.startsWith("missing")) : issues;
  const all = [...composed.issues, ...schemaIssues];
  // Zod assembles (and cross-checks) only sections that passed; say when that did not happen, as fixing these may
  // reveal more. Checked on failure only: a valid file pays nothing.
  if (all.length > 0 || data === undefined) return { issues: all, crossChecked: composed.incomplete || sectionsValid(composed.tree) };
  return { scenario: { ...data, source, extends: composed.chain }, tree: composed.tree };
}

function loadLibrary(name: string, visiting: readonly string[], resolve: NonNullable<ParseScenarioOptions["resolve"]>): ReturnType<LoadLibrary> {
  let text: string | undefined;
  try {
    text = resolve(name);
  } catch (error) {
    return { issues: [{ path: "extends", message: `"${name}" could not be loaded: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (text === undefined) return { issues: [{ path: "extends", message: `no library scenario named "${name}"` }] };
  const parsed = parseText(text, name, [...visiting, name], resolve);
  if ("issues" in parsed) return parsed;
  return { tree: parsed.tree, chain: parsed.scenario.extends };
}

/** The RunConfigs of a scenario, one per architecture in order; `seedOverride` replaces the scenario's seed. */
export function scenarioToRunConfigs(scenario: Scenario, seedOverride?: number): RunConfig[] {
  if (typeof scenario !== "object" || scenario === null || !Array.isArray(scenario.architectures)) {
    throw new InputError("scenario", scenario, "a Scenario from parseScenario");
  }
  if (seedOverride !== undefined && (!Number.isSafeInteger(seedOverride) || seedOverride < 0 || seedOverride >= 2 ** 32)) {
    throw new InputError("seed", seedOverride, "a whole number from 0 to 4294967295");
  }
  checkSampleInterval(scenario);
  const seed = seedOverride ?? scenario.seed;
  return scenario.architectures.map((run) => {
    const config: RunConfig = { seed, workload: run.workload, cluster: run.cluster, architecture: run.architecture, intervalMicros: scenario.sampleIntervalMicros };
    if (Object.keys(scenario.network).length > 0) config.network = scenario.network;
    if (scenario.eventBudget !== undefined) config.eventBudget = scenario.eventBudget;
    if (scenario.sink !== undefined) config.sink = scenario.sink;
    // Each run gets its own copies: applyFaults and a worker's structured clone must not share them.
    if (scenario.faults !== undefined && scenario.faults.length > 0) config.faults = scenario.faults.map((fault) => structuredClone(fault));
    return config;
  });
}

/** Every series of a run holds at most INTERVALS_MAX intervals, so the run's length sets the finest sample interval.
 * Checked here rather than in the file's own checks: a caller's --minutes changes the length after parsing. */
function checkSampleInterval(scenario: Scenario): void {
  const interval = scenario.sampleIntervalMicros;
  const endMicros = Math.max(0, ...scenario.architectures.map((run) => run.workload.warmupDurationMicros + run.workload.testDurationMicros));
  const shortest = Math.floor(endMicros / INTERVALS_MAX) + 1;
  if (!(interval < shortest)) return;
  // Three significant digits, rounded up, so the value shown is itself enough.
  const step = Math.max(1, 10 ** (Math.floor(Math.log10(shortest)) - 2));
  const shown = formatDuration(Math.ceil(shortest / step) * step);
  throw new InputError("sampleInterval", formatDuration(interval), `at least ${shown} for a run of ${formatDuration(endMicros)} (a run's series hold at most ${INTERVALS_MAX} intervals)`);
}

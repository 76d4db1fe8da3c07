// The scenario half of the worker API: turns scenario text into the runs to start and, once they are done, their
// reports into the scenario's report. Plain data in and out, so a page hands a worker the text a user typed and
// never parses or judges anything itself; every problem comes back as one error listing each with its path.

import { InputError } from "../errors.ts";
import type { RunConfig } from "../model/run.ts";
import type { RunReport, ScenarioReport } from "../report/reportTypes.ts";
import type { RunSessionOptions } from "../report/runSession.ts";
import { buildScenarioReport, sessionOptionsFor } from "../report/scenarioReport.ts";
import { parseScenario, ScenarioError, scenarioToRunConfigs, type ParseScenarioOptions, type Scenario, type ScenarioIssue } from "../scenario/index.ts";

/** One run of a scenario, ready for SessionApi.start. */
export interface PlannedRun {
  /** The run's architecture name, unique within the scenario. */
  name: string;
  config: RunConfig;
  options: RunSessionOptions;
}

/** What a scenario asks to run. */
export interface ScenarioPlan {
  name: string;
  description: string;
  /** Simulated end of every run, µs (warm-up plus test duration). */
  endMicros: number[];
  runs: PlannedRun[];
}

/** How to read a scenario's text; plan and scenarioReport must be given the same. */
export interface ScenarioReading {
  /** Library scenarios by name, for `extends:`. */
  library?: Record<string, string>;
  /** Only these architectures, by name (the CLI's --arch). */
  architectures?: string[];
}

/** What is wrong with a scenario's text, as an editor marks it: no issues means it will run. */
export interface ScenarioCheck {
  /** Every problem with the path of the field it concerns. */
  issues: ScenarioIssue[];
  /** False when section problems kept the checks across sections from running: fixing them may reveal more. */
  crossChecked: boolean;
}

/** Scenario text in, runs and reports out. */
export interface ScenarioApi {
  /** The problems of a scenario's text, as data rather than a thrown error (an error loses its issues in a worker's
   * message): what an editor calls as the user types. */
  check(text: string, source: string, reading?: ScenarioReading): ScenarioCheck;
  /** Parses and validates a scenario; throws ScenarioError naming every problem. */
  plan(text: string, source: string, reading?: ScenarioReading): ScenarioPlan;
  /** The scenario's report from its runs' reports, in plan order (thresholds judged, faults marked). */
  scenarioReport(text: string, source: string, runs: RunReport[], reading?: ScenarioReading): ScenarioReport;
}

/** A scenario API; it keeps nothing between calls. */
export function createScenarioApi(): ScenarioApi {
  return {
    check(text, source, reading) {
      try {
        parse(text, source, reading);
        return { issues: [], crossChecked: true };
      } catch (error) {
        if (error instanceof ScenarioError) return { issues: error.issues.map((issue) => ({ ...issue })), crossChecked: error.crossChecked };
        if (error instanceof InputError) return { issues: [{ path: error.field, message: error.message }], crossChecked: true };
        throw error;
      }
    },
    plan(text, source, reading) {
      const scenario = parse(text, source, reading);
      const options = sessionOptionsFor(scenario);
      const configs = scenarioToRunConfigs(scenario);
      return {
        name: scenario.name,
        description: scenario.description,
        endMicros: scenario.architectures.map((a) => a.workload.warmupDurationMicros + a.workload.testDurationMicros),
        runs: configs.map((config, i) => ({ name: scenario.architectures[i].name, config, options: options[i] })),
      };
    },
    scenarioReport(text, source, runs, reading) {
      const scenario = parse(text, source, reading);
      if (!Array.isArray(runs) || runs.length !== scenario.architectures.length) {
        throw new InputError("runs", Array.isArray(runs) ? `${runs.length} reports` : runs, `one run report per architecture (${scenario.architectures.length})`);
      }
      return buildScenarioReport(scenario, runs);
    },
  };
}

function parse(text: string, source: string, reading: ScenarioReading = {}): Scenario {
  if (typeof text !== "string") throw new InputError("text", text, "the scenario's YAML or JSON text");
  if (typeof reading !== "object" || reading === null) throw new InputError("reading", reading, "an object { library?, architectures? }");
  const { library, architectures } = reading;
  if (library !== undefined && (typeof library !== "object" || library === null)) {
    throw new InputError("reading.library", library, "an object mapping library scenario names to their text");
  }
  const options: ParseScenarioOptions = {};
  if (library !== undefined) options.resolve = (name) => (Object.hasOwn(library, name) && typeof library[name] === "string" ? library[name] : undefined);
  if (architectures !== undefined) options.architectures = architectures;
  return parseScenario(text, source, options);
}

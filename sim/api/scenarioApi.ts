// The scenario half of the worker API: turns scenario text into the runs to start and, once they are done, their
// reports into the scenario's report. Plain data in and out, so a page hands a worker the text a user typed and
// never parses or judges anything itself; every problem comes back as one error listing each with its path.

import { InputError } from "../errors.ts";
import type { RunConfig } from "../model/run.ts";
import type { RunReport, ScenarioReport } from "../report/reportTypes.ts";
import type { RunSessionOptions } from "../report/runSession.ts";
import { buildScenarioReport, sessionOptionsFor } from "../report/scenarioReport.ts";
import { parseScenario, scenarioToRunConfigs, type Scenario } from "../scenario/index.ts";

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

/** Scenario text in, runs and reports out; `library` maps library names to their text, for `extends:`. */
export interface ScenarioApi {
  /** Parses and validates a scenario; throws ScenarioError naming every problem. */
  plan(text: string, source: string, library?: Record<string, string>): ScenarioPlan;
  /** The scenario's report from its runs' reports, in plan order (thresholds judged, faults marked). */
  scenarioReport(text: string, source: string, runs: RunReport[], library?: Record<string, string>): ScenarioReport;
}

/** A scenario API; it keeps nothing between calls. */
export function createScenarioApi(): ScenarioApi {
  return {
    plan(text, source, library) {
      const scenario = parse(text, source, library);
      const options = sessionOptionsFor(scenario);
      const configs = scenarioToRunConfigs(scenario);
      return {
        name: scenario.name,
        description: scenario.description,
        endMicros: scenario.architectures.map((a) => a.workload.warmupDurationMicros + a.workload.testDurationMicros),
        runs: configs.map((config, i) => ({ name: scenario.architectures[i].name, config, options: options[i] })),
      };
    },
    scenarioReport(text, source, runs, library) {
      const scenario = parse(text, source, library);
      if (!Array.isArray(runs) || runs.length !== scenario.architectures.length) {
        throw new InputError("runs", Array.isArray(runs) ? `${runs.length} reports` : runs, `one run report per architecture (${scenario.architectures.length})`);
      }
      return buildScenarioReport(scenario, runs);
    },
  };
}

function parse(text: string, source: string, library: Record<string, string> | undefined): Scenario {
  if (typeof text !== "string") throw new InputError("text", text, "the scenario's YAML or JSON text");
  if (library !== undefined && (typeof library !== "object" || library === null)) {
    throw new InputError("library", library, "an object mapping library scenario names to their text");
  }
  return parseScenario(text, source, library ? { resolve: (name) => (Object.hasOwn(library, name) ? library[name] : undefined) } : {});
}

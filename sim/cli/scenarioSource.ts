// Where a command's scenario comes from (Node only): a file, a library name in scenarios/, or the built-in default;
// then --set overrides, the check (of the --arch architectures only) and --minutes, in that order, giving the
// Scenario every run of the command uses.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeValue, InputError } from "../errors.ts";
import { didYouMean } from "../scenario/didYouMean.ts";
import { DEFAULT_SCENARIO_YAML, type Scenario } from "../scenario/index.ts";
import { SCENARIO_CHARS_MAX } from "../scenario/readDocument.ts";
import { parseScenarioWithOverrides, parseSetOption, type SetOverride } from "../scenario/setOverrides.ts";
import { InvalidInput } from "./failures.ts";
import { readTextFile, statFile, type FileExpectation } from "./inputFile.ts";

/** The library folder: `extends:` names and scenario names resolve here. */
export const SCENARIOS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../scenarios");

/** What a command was asked to run, before any grid values. */
export interface ScenarioInput {
  text: string;
  /** The path as typed, the library name, or "default". */
  source: string;
  /** The --set options as typed (for the reproduce line) and parsed. */
  setTexts: string[];
  overrides: SetOverride[];
  /** --minutes: test duration in µs, replacing every architecture's. */
  testDurationMicros?: number;
  /** --arch: the architectures to run, by name; absent = all. */
  architectures?: string[];
}

// A library scenario is scenarios/<name>.yaml (scenarios/README.md); the folder's JSON files are the published
// schemas, which must never answer to a scenario's name.
const LIBRARY_EXTENSION = ".yaml";

/** The text of the library scenario with this name, if there is one. */
export function resolveLibrary(name: string): string | undefined {
  const path = join(SCENARIOS_DIR, `${basename(name)}${LIBRARY_EXTENSION}`);
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, "utf8") : undefined;
}

/** How the scenario argument is read: any UTF-8 encoding of a scenario the parser accepts fits in 4 bytes a character. */
const SCENARIO_FILE: FileExpectation = {
  field: "scenario",
  expected: "a scenario file (YAML or JSON) or a library name",
  maxBytes: 4 * SCENARIO_CHARS_MAX,
  limit: `a scenario is at most ${SCENARIO_CHARS_MAX} characters`,
};

/** Reads a scenario file or library scenario (the default comparison without one); throws InvalidInput for a path
 * that is no readable text file, or for a name that is neither a file nor a library scenario. */
export function readScenario(file: string | undefined): { text: string; source: string } {
  if (file === undefined) return { text: DEFAULT_SCENARIO_YAML, source: "default" };
  const stats = statFile(file, SCENARIO_FILE);
  const pathLike = /[\\/]|\.(ya?ml|json)$/i.test(file);
  // A folder is never a scenario: a bare name that is also a folder here means the library scenario of that name.
  const library = !pathLike && (stats === undefined || stats.isDirectory()) ? resolveLibrary(file) : undefined;
  if (library !== undefined) return { text: library, source: file };
  if (stats !== undefined || pathLike) return { text: readTextFile(file, SCENARIO_FILE), source: file };
  const names = libraryNames();
  const near = didYouMean(file, names);
  const hint = near === undefined ? "" : ` (did you mean ${near}?)`;
  throw new InvalidInput(`scenario: unknown scenario ${describeValue(file)}${hint}; expected a file path or one of: ${names.join(", ")}`);
}

/** The names of the library's scenarios, sorted. */
export function libraryNames(): string[] {
  try {
    return readdirSync(SCENARIOS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(LIBRARY_EXTENSION))
      .map((entry) => entry.name.slice(0, -LIBRARY_EXTENSION.length))
      .sort();
  } catch {
    return [];
  }
}

/** Parses the options that shape a scenario; throws InputError naming the option. */
export function scenarioInput(file: string | undefined, options: { set?: string[]; minutes?: number; arch?: string[] }): ScenarioInput {
  const { text, source } = readScenario(file);
  const setTexts = options.set ?? [];
  const input: ScenarioInput = { text, source, setTexts, overrides: setTexts.map((t) => parseSetOption(t, "--set")) };
  if (options.minutes !== undefined) input.testDurationMicros = Math.round(options.minutes * 60e6);
  if (options.arch !== undefined) input.architectures = options.arch;
  return input;
}

/** The scenario with its overrides, the extra ones (a grid point's) last, checked for the --arch architectures
 * only; throws ScenarioError or InputError. */
export function buildScenario(input: ScenarioInput, extra: readonly SetOverride[] = []): Scenario {
  let scenario: Scenario;
  try {
    const options = input.architectures === undefined ? { resolve: resolveLibrary } : { resolve: resolveLibrary, architectures: input.architectures };
    scenario = parseScenarioWithOverrides(input.text, input.source, [...input.overrides, ...extra], options);
  } catch (error) {
    // The parser names its option; the person typed --arch.
    if (error instanceof InputError && error.field === "architectures") throw new InputError("--arch", error.value, error.expected);
    throw error;
  }
  if (input.testDurationMicros !== undefined) scenario = withTestDuration(scenario, input.testDurationMicros);
  return scenario;
}

/** Every architecture's measured phase set to micros (a shorter preview of the same scenario). */
export function withTestDuration(scenario: Scenario, micros: number): Scenario {
  return {
    ...scenario,
    workload: { ...scenario.workload, testDurationMicros: micros },
    architectures: scenario.architectures.map((a) => ({ ...a, workload: { ...a.workload, testDurationMicros: micros } })),
  };
}

/** The command line that reruns one run of this input with a seed: what an internal error prints. */
export function reproduceCommand(input: ScenarioInput, seed: number, extra: readonly string[] = []): string {
  const quote = (s: string) => (/^[\w./:=,@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const parts = ["bytepath", "run"];
  if (input.source !== "default") parts.push(quote(input.source));
  parts.push("--seed", String(seed));
  for (const s of [...input.setTexts, ...extra]) parts.push("--set", quote(s));
  if (input.testDurationMicros !== undefined) parts.push("--minutes", String(input.testDurationMicros / 60e6));
  if (input.architectures !== undefined) parts.push("--arch", quote(input.architectures.join(",")));
  return parts.join(" ");
}

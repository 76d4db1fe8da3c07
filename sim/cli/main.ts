// The bytepath command line (Node only). `bytepath run` runs a scenario (the built-in default comparison without
// one) and prints a side-by-side table or JSON on stdout; progress and diagnostics go to stderr.

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SCENARIO_YAML, parseScenario, scenarioJsonSchema, scenarioToRunConfigs, ScenarioError, type Scenario } from "../scenario/index.ts";
import { runInParallel } from "./parallelRuns.ts";
import { comparisonTable } from "../report/comparisonTable.ts";
import { InputError } from "../errors.ts";

async function main(argv: string[]): Promise<number> {
  const [command = "run", ...rest] = argv;
  if (command === "--help" || command === "help") {
    process.stdout.write(
      [
        "usage: bytepath run [scenario] [--seed N] [--minutes M] [--json]",
        "       bytepath validate <scenario>",
        "       bytepath schema",
        "  run       runs a scenario (the built-in default comparison without one: every architecture, 100 MiB/s,",
        "            3 zones, 10 simulated minutes) and prints the architectures side by side, or with --json the",
        "            results as a JSON array (shape: scenarios/result.schema.json)",
        "  validate  checks a scenario and reports every problem with its path; exit 0 when valid, 2 when not",
        "  schema    prints the scenario JSON Schema (for editors)",
        "  A scenario is a YAML or JSON file, or the name of one in scenarios/ (e.g. steady-state).",
        "exit codes: 0 ok, 2 invalid input, 3 internal error or a broken invariant",
        "examples:",
        "  bytepath run",
        "  bytepath run scenarios/follower-fetching.yaml --seed 7",
        "  bytepath run steady-state --minutes 2 --json > results.json",
        "  bytepath validate my-scenario.yaml",
        "",
      ].join("\n"),
    );
    return 0;
  }
  if (command === "schema") {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (command === "validate") {
    if (rest.length !== 1) throw new InputError("validate", rest.join(" "), "one scenario file or library name");
    const scenario = loadScenario(rest[0]);
    const runs = scenarioToRunConfigs(scenario);
    process.stderr.write(`bytepath: ${rest[0]} is valid (${runs.length} architectures: ${runs.map((r) => r.architecture.name ?? r.architecture.kind).join(", ")})\n`);
    return 0;
  }
  if (command !== "run") throw new InputError("command", command, `"run", "validate" or "schema" (see bytepath --help)`);
  let seed: number | undefined;
  let minutes: number | undefined;
  let file: string | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--seed") seed = Number(rest[++i]);
    else if (rest[i] === "--minutes") minutes = Number(rest[++i]);
    else if (rest[i] === "--json") json = true;
    else if (!rest[i].startsWith("--") && file === undefined) file = rest[i];
    else throw new InputError("option", rest[i], "a scenario file, --seed N, --minutes M or --json");
  }
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)) throw new InputError("--seed", seed, "a whole number from 0 to 4294967295");
  if (minutes !== undefined && !(minutes > 0 && minutes <= 24 * 60)) throw new InputError("--minutes", minutes, "a number of minutes from 0 to 1440");
  const scenario = loadScenario(file);
  let runs = scenarioToRunConfigs(scenario, seed);
  if (minutes !== undefined) {
    const micros = Math.round(minutes * 60e6);
    runs = runs.map((r) => ({ ...r, workload: { ...r.workload, testDurationMicros: micros } }));
  }
  const comparison = { runs };
  const simulatedMinutes = runs[0].workload.testDurationMicros / 60e6;
  process.stderr.write(`bytepath: ${scenario.name}${scenario.description ? ` (${scenario.description.trim().split("\n")[0]})` : ""}, ${simulatedMinutes} simulated minutes, seed ${runs[0].seed}\n`);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  const fraction = comparison.runs.map(() => 0);
  const names = comparison.runs.map((r) => r.architecture.name ?? r.architecture.kind);
  const results = await runInParallel(comparison.runs, {
    onProgress: (p) => {
      fraction[p.index] = p.nowMicros / p.endMicros;
      const done = fraction.reduce((x, y) => x + y, 0) / fraction.length;
      const elapsed = (Date.now() - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (1 - done) : 0;
      const line = `  ${(done * 100).toFixed(0).padStart(3)}% of ${fraction.length} runs  ETA ${eta.toFixed(0)} s  (${names[p.index]} at ${(p.nowMicros / 1e6).toFixed(0)} s)`;
      if (tty) process.stderr.write(`\r${line.padEnd(78)}`);
      else if (p.nowMicros === p.endMicros) process.stderr.write(`  ${names[p.index]} done after ${elapsed.toFixed(0)} s\n`);
    },
  });
  if (tty) process.stderr.write("\n");
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : `${comparisonTable(results)}\n`);
  return results.some((r) => r.invariants.violations.length > 0) ? 3 : 0;
}

const SCENARIOS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../scenarios");

// A file path, or the name of a library scenario; `extends:` names resolve in the library folder.
function loadScenario(file: string | undefined): Scenario {
  const resolveName = (name: string): string | undefined => {
    for (const ext of [".yaml", ".yml", ".json"]) {
      const path = join(SCENARIOS_DIR, `${basename(name)}${ext}`);
      if (existsSync(path)) return readFileSync(path, "utf8");
    }
    return undefined;
  };
  if (file === undefined) return parseScenario(DEFAULT_SCENARIO_YAML, "default", { resolve: resolveName });
  if (existsSync(file)) return parseScenario(readFileSync(file, "utf8"), resolve(file), { resolve: resolveName });
  const text = resolveName(file);
  if (text === undefined) throw new InputError("scenario", file, `a scenario file or a name in scenarios/ (${SCENARIOS_DIR})`);
  return parseScenario(text, file, { resolve: resolveName });
}

// A reader that stops early (`bytepath schema | head`) closes the pipe: that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ScenarioError) {
    process.stderr.write(`bytepath: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof InputError) {
    process.stderr.write(`bytepath: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`bytepath: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 3;
  }
}

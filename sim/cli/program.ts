// The bytepath command line's grammar (Node only): commands, options, help with examples, and which function each
// command runs. Parsing errors surface as commander errors, which main.ts turns into exit code 2.

import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { processIo, type CommonOptions } from "./commandIo.ts";
import { EXIT } from "./failures.ts";
import { addOutputOptions } from "./outputs.ts";
import type { RunOptions } from "./runCommand.ts";
import type { SweepOptions } from "./sweepCommand.ts";

// Each command loads its modules when it runs, so --help and a mistyped flag answer without loading the simulator.
const runModule = () => import("./runCommand.ts");
const sweepModule = () => import("./sweepCommand.ts");

function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

function minutes(text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !(n > 0 && n <= 24 * 60)) throw new InvalidArgumentError("expected minutes of simulated time, more than 0 and at most 1440");
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function nameList(text: string, previous: string[] | undefined): string[] {
  const names = text.split(",").map((n) => n.trim());
  if (names.some((n) => n === "")) throw new InvalidArgumentError("expected architecture names separated by commas, e.g. kafka,diskless");
  return [...(previous ?? []), ...names];
}

const SEED = () => new Option("--seed <n>", "seed of every run (default: the scenario's)").argParser(wholeNumber(0, 2 ** 32 - 1));
const MINUTES = () => new Option("--minutes <m>", "measured simulated minutes, replacing the scenario's test duration").argParser(minutes);
const SET = () => new Option("--set <path=value>", "change a scenario field before it is checked (repeatable), e.g. workload.producerRate=200MiB/s; path=null removes the field, so its default applies").argParser(collect);
const WORKERS = () => new Option("--workers <k>", "worker threads (default: one per core)").argParser(wholeNumber(1, 256));
const QUIET = () => new Option("--quiet", "no progress or notes on stderr (errors still)");
const FAIL_ON = () => new Option("--fail-on <severity>", "which failed thresholds give exit code 1 (none: report them, exit 0)").choices(["any", "blocking", "none"]).default("any");

const EXIT_CODES = `
Exit codes: 0 every threshold holds; 1 a threshold failed (stderr names it, with the measured value and margin);
2 invalid input (scenario or options); 3 internal error or broken invariant (stderr gives the seed and scenario hash).
A scenario is a YAML or JSON file, or the name of one in scenarios/ (e.g. zone-outage).`;

/** The program; `exit` receives each command's exit code. */
export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command("bytepath")
    .description("Deterministic simulator of Kafka storage architectures: run, compare and sweep scenarios, for people and for CI.")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`bytepath: ${text.replace(/^error: /, "")}`) })
    .addHelpText("after", `\nExamples:\n  bytepath run\n  bytepath compare zone-outage --markdown summary.md --junit junit.xml\n  bytepath sweep zone-outage --vary workload.producerRate=50MiB/s,100MiB/s --seeds 10 --json sweep.json\n${EXIT_CODES}`);
  addRunCommands(program, exit);
  addSweepCommands(program, exit);
  addToolCommands(program, exit);
  return program;
}

/** run and compare. */
function addRunCommands(program: Command, exit: (code: number) => void): void {
  const run = program
    .command("run")
    .description("run a scenario (the built-in default comparison without one) and print its architectures side by side with cost, recovery and thresholds")
    .argument("[scenario]", "scenario file or library name")
    .addOption(new Option("--arch <names>", "only these architectures, by name, comma-separated").argParser(nameList))
    .addOption(SEED())
    .addOption(MINUTES())
    .addOption(SET())
    .addOption(WORKERS())
    .addOption(QUIET())
    .addOption(FAIL_ON());
  addOutputOptions(run, "time series: one row per architecture × interval");
  run.addHelpText(
    "after",
    `
Examples:
  bytepath run                                              the default comparison, every architecture
  bytepath run zone-outage --arch kafka,diskless --minutes 6
  bytepath run my.yaml --set workload.producerRate=200MiB/s --set 'architectures[1].replicationFactor=2'
  bytepath run my.yaml --seed 7 --json report.json --junit junit.xml
  bytepath run my.yaml --markdown >> "$GITHUB_STEP_SUMMARY"
${EXIT_CODES}`,
  );
  run.action(async (file: string | undefined, options: RunOptions) => exit(await (await runModule()).runCommand(file, options, "run", processIo(options.quiet === true))));

  const compare = program
    .command("compare")
    .description("run every architecture of a scenario side by side and lead with the scorecard")
    .argument("[scenario]", "scenario file or library name")
    .addOption(SEED())
    .addOption(MINUTES())
    .addOption(SET())
    .addOption(WORKERS())
    .addOption(QUIET())
    .addOption(FAIL_ON());
  addOutputOptions(compare, "time series: one row per architecture × interval");
  compare.addHelpText(
    "after",
    `
Examples:
  bytepath compare zone-outage
  bytepath compare s3-brownout --minutes 8 --markdown summary.md --junit junit.xml
${EXIT_CODES}`,
  );
  compare.action(async (file: string | undefined, options: RunOptions) => exit(await (await runModule()).runCommand(file, options, "compare", processIo(options.quiet === true))));
}

/** sweep and merge. */
function addSweepCommands(program: Command, exit: (code: number) => void): void {
  const sweep = program
    .command("sweep")
    .description("run a scenario over a grid of field values × seeds on worker threads, with mean, standard deviation, 95 % interval and pass rates")
    .argument("<scenario>", "scenario file or library name")
    .addOption(new Option("--vary <path=v1,v2,...>", "a field and its values (repeatable; the grid is every combination)").argParser(collect).default([]))
    .addOption(new Option("--seeds <n>", "seeds per grid point: seed i = (base seed + i) mod 2^32").argParser(wholeNumber(1, 10_000)).makeOptionMandatory())
    .addOption(new Option("--seed <n>", "base seed (default: the scenario's)").argParser(wholeNumber(0, 2 ** 32 - 1)))
    .addOption(new Option("--shard <i/n>", "run only rows r with r mod n = i − 1 of the canonical (point, seed) order, and write a shard file"))
    .addOption(new Option("--arch <names>", "only these architectures, by name, comma-separated").argParser(nameList))
    .addOption(MINUTES())
    .addOption(SET())
    .addOption(WORKERS())
    .addOption(QUIET())
    .addOption(FAIL_ON());
  addOutputOptions(sweep, "aggregates: one row per grid point × architecture × metric", false);
  sweep.addHelpText(
    "after",
    `
Examples:
  bytepath sweep zone-outage --vary workload.producerRate=50MiB/s,100MiB/s,200MiB/s --seeds 10 --json sweep.json
  bytepath sweep my.yaml --vary 'architectures[kafka].replicationFactor=2,3' --seeds 5 --markdown
  bytepath sweep my.yaml --vary cluster.brokersPerZone=2,3 --seeds 20 --shard 1/4 --json shard-1.json
  bytepath merge shard-*.json --json sweep.json
With --shard, only --json is written (default file sweep-shard-<i>-of-<n>.json); merge the shards for the rest.
A shard exits 1 when a threshold failed in its rows: keep its file anyway (in CI, upload it with if: always()).
Seeds and the order of rows never depend on --workers or --shard: the same sweep gives the same bytes.
${EXIT_CODES}`,
  );
  sweep.action(async (file: string, options: SweepOptions) => exit(await (await sweepModule()).sweepCommand(file, options, processIo(options.quiet === true))));

  const merge = program
    .command("merge")
    .description("combine the shard files of one sweep into the whole sweep's report")
    .argument("<shards...>", "shard files written by sweep --shard i/n, every shard once")
    .addOption(QUIET())
    .addOption(FAIL_ON());
  addOutputOptions(merge, "aggregates: one row per grid point × architecture × metric", false);
  merge.addHelpText(
    "after",
    `
Examples:
  bytepath merge sweep-shard-1-of-2.json sweep-shard-2-of-2.json --json sweep.json --markdown summary.md
The merged JSON is byte-for-byte the JSON of the same sweep run without shards.
${EXIT_CODES}`,
  );
  merge.action(async (files: string[], options: CommonOptions) => exit(await (await sweepModule()).mergeCommand(files, options, processIo(options.quiet === true))));
}

/** validate and schema: the commands that run nothing. */
function addToolCommands(program: Command, exit: (code: number) => void): void {
  program
    .command("validate")
    .description("check a scenario and report every problem with its path")
    .argument("<scenario>", "scenario file or library name")
    .addOption(SET())
    .addOption(new Option("--arch <names>", "check only these architectures, by name, comma-separated (as run --arch would)").argParser(nameList))
    .addHelpText("after", `\nExamples:\n  bytepath validate my-scenario.yaml\n  bytepath validate zone-outage --set workload.producerRate=2GiB/s\n  bytepath validate steady-state --arch kafka --set cluster.zones=1 --set cluster.brokersPerZone=3\n\nExit codes: 0 valid, 2 invalid (every problem listed on stderr).`)
    .action(async (file: string, options: { set?: string[]; arch?: string[] }) => {
      const { buildScenario, scenarioInput } = await import("./scenarioSource.ts");
      const { scenarioToRunConfigs } = await import("../scenario/index.ts");
      const scenario = buildScenario(scenarioInput(file, options));
      const runs = scenarioToRunConfigs(scenario);
      process.stderr.write(`bytepath: ${file} is valid (${runs.length} architecture${runs.length === 1 ? "" : "s"}: ${scenario.architectures.map((a) => a.name).join(", ")}; ${scenario.thresholds.length} threshold${scenario.thresholds.length === 1 ? "" : "s"})\n`);
      exit(EXIT.ok);
    });

  program
    .command("schema")
    .description("print a JSON Schema: of scenario files (for editors), of run results, of run/compare reports, or of sweep reports")
    .addArgument(new Argument("[kind]", "which schema").choices(["scenario", "result", "report", "sweep"]).default("scenario"))
    .addHelpText("after", `\nExamples:\n  bytepath schema > scenarios/schema.json\n  bytepath schema report    # what run --json and compare --json print\n  bytepath schema sweep`)
    .action(async (kind: string) => {
      const schema =
        kind === "sweep"
          ? (await import("../sweep/sweepReport.ts")).sweepJsonSchema()
          : kind === "report"
            ? (await import("../report/scenarioReportSchema.ts")).scenarioReportJsonSchema()
            : kind === "result"
              ? (await import("../model/result.ts")).resultJsonSchema()
              : (await import("../scenario/index.ts")).scenarioJsonSchema();
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
      exit(EXIT.ok);
    });
}

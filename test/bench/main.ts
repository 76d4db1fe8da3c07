// Benchmark command line: `npm run bench -- [--json] [--repeat N] [--warmup N] [suite | suite/name ...]`. Loads
// every `*Suite.ts` file beside this one (each registers its benchmarks), runs the suites or benchmarks named (all
// when none are), and prints a table, or with --json one JSON object per line.

import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { measure, type BenchReport } from "./measure.ts";
import { registeredBenchmarks } from "./registry.ts";

interface Options {
  json: boolean;
  repeat: number;
  warmup: number;
  suites: string[];
}

function parseArgs(args: readonly string[]): Options {
  const options: Options = { json: false, repeat: 1, warmup: 1, suites: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") options.json = true;
    else if (arg === "--repeat") options.repeat = parseCount(arg, args[++i], 1);
    else if (arg === "--warmup") options.warmup = parseCount(arg, args[++i], 0);
    else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg} (expected --json, --repeat N, --warmup N or suite names)`);
    }
    else options.suites.push(arg);
  }
  return options;
}

function parseCount(option: string, text: string | undefined, min: number): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < min) throw new Error(`${option}: expected a whole number >= ${min} (got ${text})`);
  return count;
}

async function loadSuites(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  // Sorted so registration order, and so output order, never depends on the file system.
  const files = readdirSync(here).filter((file) => file.endsWith("Suite.ts")).sort();
  for (const file of files) await import(pathToFileURL(join(here, file)).href);
}

function formatTable(reports: readonly BenchReport[]): string {
  const header = ["benchmark", "events", "seconds", "M events/s", "cpu s", "M ev/cpu s", "peak MiB", "heap MiB", "load", "notes"];
  const rows = reports.map((r) => [
    `${r.suite}/${r.name}`,
    r.events.toLocaleString("en-US"),
    r.seconds.toFixed(3),
    (r.eventsPerSecond / 1e6).toFixed(2),
    r.cpuSeconds.toFixed(3),
    (r.eventsPerCpuSecond / 1e6).toFixed(2),
    r.peakMiB.toFixed(0),
    r.heapPeakMiB.toFixed(0),
    r.loadAverage.toFixed(1),
    Object.entries(r.notes).map(([key, value]) => `${key}=${value}`).join(" "),
  ]);
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  await loadSuites();
  const all = registeredBenchmarks();
  const ids = all.map((b) => `${b.suite}/${b.name}`);
  const known = [...new Set(all.map((b) => b.suite))];
  for (const selector of options.suites) {
    if (!known.includes(selector) && !ids.includes(selector)) {
      throw new Error(`unknown suite or benchmark ${JSON.stringify(selector)} (suites: ${known.join(", ")}; or suite/name)`);
    }
  }
  // A selector is a suite name ("engine") or one benchmark ("engine/mm1").
  const chosen =
    options.suites.length === 0
      ? all
      : all.filter((b) => options.suites.includes(b.suite) || options.suites.includes(`${b.suite}/${b.name}`));
  const reports: BenchReport[] = [];
  for (const benchmark of chosen) {
    // Untimed warm-up runs let the JIT settle, so the figures are steady-state throughput, not compile time.
    for (let round = 0; round < options.warmup; round++) measure(benchmark);
    for (let round = 0; round < options.repeat; round++) {
      const report = measure(benchmark);
      reports.push(report);
      if (options.json) console.log(JSON.stringify(report));
    }
  }
  if (!options.json) console.log(formatTable(reports));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

// The bytepath command line (Node only). `bytepath run` runs the built-in default comparison and prints a
// side-by-side table on stdout; progress goes to stderr.

import { defaultComparison } from "../model/defaultScenario.ts";
import { runInParallel } from "./parallelRuns.ts";
import { comparisonTable } from "../report/comparisonTable.ts";
import { InputError } from "../errors.ts";

async function main(argv: string[]): Promise<number> {
  const [command = "run", ...rest] = argv;
  if (command === "--help" || command === "help") {
    process.stdout.write("usage: bytepath run [--seed N] [--minutes M]\n  Runs the default comparison (every architecture, 100 MiB/s, 3 zones) and prints a table.\n");
    return 0;
  }
  if (command !== "run") throw new InputError("command", command, `"run" (see bytepath --help)`);
  let seed = 1;
  let minutes = 10;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--seed") seed = Number(rest[++i]);
    else if (rest[i] === "--minutes") minutes = Number(rest[++i]);
    else throw new InputError("option", rest[i], "--seed N or --minutes M");
  }
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new InputError("--seed", seed, "a whole number from 0 to 4294967295");
  if (!(minutes > 0 && minutes <= 24 * 60)) throw new InputError("--minutes", minutes, "a number of minutes from 0 to 1440");
  const comparison = defaultComparison(seed, Math.round(minutes * 60e6));
  process.stderr.write(`bytepath: ${comparison.description}, ${minutes} simulated minutes, seed ${seed}\n`);
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
  process.stdout.write(`${comparisonTable(results)}\n`);
  return results.some((r) => r.invariants.violations.length > 0) ? 3 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InputError) {
    process.stderr.write(`bytepath: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`bytepath: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 3;
  }
}

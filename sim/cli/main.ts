// The bytepath command line (Node only). `bytepath run` runs the built-in default comparison and prints a
// side-by-side table on stdout; progress goes to stderr.

import { defaultComparison } from "../model/defaultScenario.ts";
import { runComparison } from "../model/comparison.ts";
import { comparisonTable } from "../report/comparisonTable.ts";
import { InputError } from "../errors.ts";

function main(argv: string[]): number {
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
  const results = runComparison(comparison.runs, {
    onProgress: (p) => {
      const done = (p.run + p.nowMicros / p.endMicros) / p.runs;
      const elapsed = (Date.now() - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (1 - done) : 0;
      const line = `  ${p.architecture.padEnd(16)} ${(p.nowMicros / 1e6).toFixed(0).padStart(5)}/${(p.endMicros / 1e6).toFixed(0)} s simulated  ${(done * 100).toFixed(0).padStart(3)}%  ETA ${eta.toFixed(0)} s`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (p.nowMicros === p.endMicros) process.stderr.write(`${line}\n`);
    },
  });
  if (tty) process.stderr.write("\n");
  process.stdout.write(`${comparisonTable(results)}\n`);
  return results.some((r) => r.invariants.violations.length > 0) ? 3 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InputError) {
    process.stderr.write(`bytepath: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`bytepath: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 3;
  }
}

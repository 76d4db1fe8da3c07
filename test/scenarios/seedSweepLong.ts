// The library's seed sweep at full size: every architecture of every library scenario (or of those named), as the
// scenario file says — 100 MiB/s, full durations, real clients — over N seeds, each run checked as the vitest sweep
// checks its miniatures (test/scenarios/sweep.ts): no invariant violation, no acknowledged loss its configuration
// forbids. Progress goes to stderr, the findings to stdout; the exit code is 1 when any run broke something.
//
//   npx tsx test/scenarios/seedSweepLong.ts <seeds> [scenario ...] [--from <first seed>]
//   npx tsx test/scenarios/seedSweepLong.ts 5                       # every scenario, seeds 1–5
//   npx tsx test/scenarios/seedSweepLong.ts 20 zone-outage --from 100
//
// Cost: one seed of the whole library simulates about 400 architecture-minutes, 30–60 min of CPU on the reference
// machine; a seed of one scenario takes a few minutes. Runs are sequential (one core).

import { LIBRARY_NAMES, loadLibraryScenario } from "./miniature.ts";
import { describeFindings, sweepSeed } from "./sweep.ts";

function parseArgs(argv: string[]): { seeds: number; from: number; names: string[] } {
  const rest = [...argv];
  let from = 1;
  const at = rest.indexOf("--from");
  if (at >= 0) {
    from = Number(rest[at + 1]);
    rest.splice(at, 2);
  }
  const seeds = Number(rest.shift());
  if (!Number.isSafeInteger(seeds) || seeds < 1) throw new Error(`seeds: expected a whole number >= 1 (usage: seedSweepLong.ts <seeds> [scenario ...] [--from <seed>])`);
  if (!Number.isSafeInteger(from) || from < 0) throw new Error(`--from: expected a whole number >= 0, got ${from}`);
  for (const name of rest) if (!LIBRARY_NAMES.includes(name)) throw new Error(`no library scenario "${name}" (have ${LIBRARY_NAMES.join(", ")})`);
  return { seeds, from, names: rest.length > 0 ? rest : [...LIBRARY_NAMES] };
}

function main(): number {
  const { seeds, from, names } = parseArgs(process.argv.slice(2));
  const scenarios = names.map((name) => loadLibraryScenario(name));
  const total = seeds * scenarios.reduce((n, s) => n + s.architectures.length, 0);
  const started = Date.now();
  let done = 0;
  const problems: string[] = [];
  let known = 0;
  for (const scenario of scenarios) {
    for (let seed = from; seed < from + seeds; seed++) {
      sweepSeed(scenario, seed, (finding) => {
        done++;
        known += finding.known;
        const lines = describeFindings([finding]);
        problems.push(...lines);
        const elapsed = (Date.now() - started) / 1000;
        const eta = (elapsed / done) * (total - done);
        const verdict = lines.length === 0 ? "ok" : finding.problems.join("; ");
        process.stderr.write(`${scenario.name} seed ${seed} ${finding.architecture}: ${verdict}  (${done}/${total} runs, ${elapsed.toFixed(0)} s, ETA ${eta.toFixed(0)} s)\n`);
      });
    }
  }
  process.stdout.write(problems.length === 0 ? `all ${done} runs ok (${known} known-defect violations tolerated)\n` : `${problems.join("\n")}\n`);
  return problems.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`seedSweepLong: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

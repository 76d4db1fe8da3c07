// The vitest body of the library's seed sweep, shared by the two sweep files: each sweeps one half of the library
// (sweepHalves, balanced by cost) so vitest runs both halves at once, one per core.

import { expect, it } from "vitest";
import { evaluateThresholds } from "../../sim/thresholds/index.ts";
import { LIBRARY_NAMES, loadLibraryScenario } from "./miniature.ts";
import { describeFindings, sweepHalves, sweepMiniature, sweepSeed, SWEEP_SEEDS } from "./sweep.ts";

const MINIATURES = LIBRARY_NAMES.map((name) => ({ name, scenario: sweepMiniature(loadLibraryScenario(name)) }));

/** Registers one test per scenario of the half: SWEEP_SEEDS seeds, every architecture, failing seeds named. */
export function sweepHalf(half: 0 | 1): void {
  const names = sweepHalves(MINIATURES)[half];
  it.each(names)(`%s over ${SWEEP_SEEDS} seeds: no invariant violation, no loss its configuration forbids, every threshold judged`, (name) => {
    const scenario = MINIATURES.find((m) => m.name === name)!.scenario;
    const problems: string[] = [];
    for (let seed = 1; seed <= SWEEP_SEEDS; seed++) {
      const { findings, reports } = sweepSeed(scenario, seed);
      problems.push(...describeFindings(findings));
      if (seed === 1) {
        // Every threshold can be read on every run it applies to (a miniature's values are not judged here).
        const outcomes = evaluateThresholds(scenario, reports);
        const expected = scenario.thresholds.reduce((n, t) => n + (t.architectures?.length ?? scenario.architectures.length), 0);
        expect(outcomes.length).toBe(expected);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
}

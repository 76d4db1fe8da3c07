// The production-readiness scorecard: per architecture and decision area, blocked when a blocking threshold of the
// area failed, an accepted risk when only risk thresholds failed or none covers the area, and pass when thresholds
// cover it and all held — each cell with its reason and the thresholds that decided it.

import { InputError } from "../errors.ts";
import { DECISION_AREAS, type RunReport, type Scorecard, type ScorecardCell, type ThresholdOutcome } from "../report/reportTypes.ts";
import type { Scenario } from "../scenario/scenario.ts";

/** The scorecard of the runs' architectures (in run order) over every decision area, from the thresholds' outcomes. */
export function buildScorecard(scenario: Scenario, runs: RunReport[], outcomes: ThresholdOutcome[]): Scorecard {
  if (typeof scenario !== "object" || scenario === null || !Array.isArray(scenario.thresholds)) throw new InputError("scenario", scenario, "a Scenario from parseScenario");
  if (!Array.isArray(runs)) throw new InputError("runs", runs, "an array of RunReports");
  if (!Array.isArray(outcomes)) throw new InputError("outcomes", outcomes, "an array of ThresholdOutcomes (evaluateThresholds)");
  const architectures = [...new Set(runs.map((run) => run.architecture))];
  const cells: ScorecardCell[] = [];
  for (const architecture of architectures) {
    for (const area of DECISION_AREAS) {
      const covering = outcomes.flatMap((outcome, position) => (outcome.architecture === architecture && outcome.area === area ? [{ outcome, position }] : []));
      cells.push(cellOf(architecture, area, covering));
    }
  }
  return { architectures, areas: [...DECISION_AREAS], cells };
}

/** An outcome and its position in the outcomes list (ScenarioReport.thresholds), which evidence points to. */
type Placed = { outcome: ThresholdOutcome; position: number };

function cellOf(architecture: string, area: ScorecardCell["area"], covering: Placed[]): ScorecardCell {
  if (covering.length === 0) return { architecture, area, state: "accepted-risk", reason: "no threshold covers this area", evidence: [] };
  const blocking = covering.filter((c) => !c.outcome.pass && c.outcome.severity === "blocking");
  if (blocking.length > 0) return { architecture, area, state: "blocked", reason: `failed: ${listChecks(blocking)}`, evidence: positions(blocking) };
  const risks = covering.filter((c) => !c.outcome.pass);
  if (risks.length > 0) return { architecture, area, state: "accepted-risk", reason: `risk accepted: ${listChecks(risks)}`, evidence: positions(risks) };
  const count = covering.length === 1 ? "its 1 threshold" : `all ${covering.length} thresholds`;
  return { architecture, area, state: "pass", reason: `${count} held`, evidence: positions(covering) };
}

function listChecks(placed: Placed[]): string {
  return placed.map((c) => `"${c.outcome.check}"`).join(", ");
}

function positions(placed: Placed[]): number[] {
  return placed.map((c) => c.position);
}

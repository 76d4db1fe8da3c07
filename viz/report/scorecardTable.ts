// Chart 5: the production-readiness scorecard as a coloured table — one row per architecture, one column per
// decision area — each cell with its state, the reason, and the thresholds that decided it (measured, limit, margin).

import { select } from "d3";
import type { ScenarioReport, ScorecardCell, ThresholdOutcome } from "../../sim/report/reportTypes.ts";
import { appendLegend, appendNote, type PageContext } from "./chartFrame.ts";
import { checkUsesBinaryBytes, formatQuantity } from "./format.ts";

/** State colours, shared with the thresholds table's pass/fail marks. */
export const STATE_COLOURS: Record<string, string> = { pass: "#2da44e", "accepted-risk": "#d4a72c", blocked: "#cf222e" };
const STATE_LABELS: Record<string, string> = { pass: "pass", "accepted-risk": "accepted risk", blocked: "blocked" };

/** The outcomes a cell cites: its evidence are positions in the report's outcome list (ScenarioReport.thresholds). */
export function evidenceOf(cell: ScorecardCell, outcomes: readonly ThresholdOutcome[]): ThresholdOutcome[] {
  return (cell.evidence ?? []).map((position) => outcomes[position]).filter((o): o is ThresholdOutcome => o !== undefined);
}

/** One line of evidence: "#2 produce p99 < 50 ms during zone-outage: 5.14 s, limit 50 ms, margin −5.09 s". */
export function evidenceLine(o: ThresholdOutcome): string {
  const verdict = o.pass ? "held" : "failed";
  const binary = checkUsesBinaryBytes(o.check);
  return `#${o.index + 1} ${o.check}: ${verdict}, measured ${formatQuantity(o.measured, o.unit, binary)}, limit ${o.operator} ${formatQuantity(o.limit, o.unit, binary)}, margin ${formatQuantity(o.margin, o.unit, binary)}`;
}

/** Renders the scorecard table and its legend. */
export function renderScorecard(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const { scorecard } = report;
  if (!scorecard || scorecard.cells.length === 0) {
    appendNote(host, "The scorecard is empty: no architecture was judged.");
    return;
  }
  appendLegend(host, Object.keys(STATE_COLOURS).map((state) => ({ label: STATE_LABELS[state], colour: STATE_COLOURS[state] })));
  const table = select(host).append("table").attr("class", "scorecard").attr("data-chart", "scorecard");
  const head = table.append("thead").append("tr");
  head.append("th").text("");
  for (const area of scorecard.areas) head.append("th").attr("scope", "col").text(area);
  const body = table.append("tbody");
  for (const architecture of scorecard.architectures) {
    const tr = body.append("tr");
    tr.append("th").attr("scope", "row").append("span").attr("class", "arch-name").style("--arch-colour", page.colour(architecture)).text(architecture);
    for (const area of scorecard.areas) {
      const cell = scorecard.cells.find((c) => c.architecture === architecture && c.area === area);
      const td = tr.append("td");
      if (!cell) {
        td.attr("class", "state-missing").text("not judged");
        continue;
      }
      const evidence = evidenceOf(cell, report.thresholds ?? []);
      td.attr("class", `state state-${cell.state}`).attr("data-state", cell.state).style("--state-colour", STATE_COLOURS[cell.state] ?? "#6e7781");
      td.append("div").attr("class", "state-label").text(STATE_LABELS[cell.state] ?? cell.state);
      td.append("div").attr("class", "state-reason").text(cell.reason);
      const list = td.append("ul").attr("class", "evidence");
      for (const o of evidence) {
        const binary = checkUsesBinaryBytes(o.check);
        list.append("li").attr("class", o.pass ? "held" : "failed").text(`#${o.index + 1} ${o.pass ? "held" : "failed"}: ${formatQuantity(o.measured, o.unit, binary)} vs ${o.operator} ${formatQuantity(o.limit, o.unit, binary)}`);
      }
      td.on("mousemove", (event: MouseEvent) => page.tooltip.show(event, [`${architecture} · ${area}: ${STATE_LABELS[cell.state] ?? cell.state}`, cell.reason, ...evidence.map(evidenceLine)])).on("mouseleave", () => page.tooltip.hide());
    }
  }
}

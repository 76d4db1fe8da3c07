// A scenario report for a terminal: the architectures side by side (result figures and cost), each fault's
// recovery, every threshold with its measured value and margin, and the scorecard — fixed-width text, coloured by
// the style given.

import { checkUsesBinaryBytes, formatMeasure } from "../scorecard/scorecardMarkdown.ts";
import { METRIC_ROWS, recoveryRows, type ComparisonRow } from "./comparisonRows.ts";
import type { RunReport, ScenarioReport, ScorecardState, ThresholdOutcome } from "./reportTypes.ts";
import { PLAIN_STYLE, type Style } from "./style.ts";
import { textTable, type Cell } from "./textTable.ts";

const STATE_TEXT: Readonly<Record<ScorecardState, string>> = { pass: "pass", "accepted-risk": "accepted risk", blocked: "BLOCKED" };

/** The margin as "+12.3 ms" / "−4 ms" in the outcome's unit. */
export function formatMargin(margin: number | null, unit: string, binaryBytes = false): string {
  if (margin === null) return "no value";
  return `${margin >= 0 ? "+" : "−"}${formatMeasure(Math.abs(margin), unit, binaryBytes)}`;
}

/** An outcome's measured value, limit and margin as text, in the byte units its check was written in. */
export function outcomeFigures(o: ThresholdOutcome): { measured: string | null; limit: string; margin: string } {
  const binary = checkUsesBinaryBytes(o.check);
  return {
    measured: o.measured === null ? null : formatMeasure(o.measured, o.unit, binary),
    limit: `${o.operator} ${formatMeasure(o.limit, o.unit, binary)}`,
    margin: formatMargin(o.margin, o.unit, binary),
  };
}

/** An outcome's figures in words: "measured 62.1 ms, limit < 50 ms, margin −12.1 ms", or "no value (why), limit
 * < 50 ms" when the run could not measure it — the wording every text report uses. */
export function outcomeFiguresText(o: ThresholdOutcome): string {
  const f = outcomeFigures(o);
  if (f.measured === null) return `no value${o.note ? ` (${o.note})` : ""}, limit ${f.limit}`;
  return `measured ${f.measured}, limit ${f.limit}, margin ${f.margin}`;
}

/** One outcome in a sentence: "[kafka] produce p99 < 50 ms during zone-outage: measured 62.1 ms, limit < 50 ms,
 * margin −12.1 ms (blocking, write-path)", or "…: no value (why), limit < 50 ms (…)" when the run could not measure it. */
export function outcomeSentence(o: ThresholdOutcome): string {
  return `[${o.architecture}] ${o.check}: ${outcomeFiguresText(o)} (${o.severity}, ${o.area})`;
}

function rowsTable(runs: readonly RunReport[], rows: readonly ComparisonRow[]): string {
  return textTable(["", ...runs.map((r) => r.architecture)], rows.map((row) => [row.label, ...runs.map((r) => row.value(r))]));
}

function thresholdsTable(report: ScenarioReport, style: Style): string {
  const architectures = report.runs.map((r) => r.architecture);
  const indices = [...new Set(report.thresholds.map((o) => o.index))].sort((a, b) => a - b);
  const rows = indices.map((index) => {
    const first = report.thresholds.find((o) => o.index === index) as ThresholdOutcome;
    const cells: Cell[] = architectures.map((architecture) => {
      const o = report.thresholds.find((x) => x.index === index && x.architecture === architecture);
      if (o === undefined) return "n/a";
      const f = outcomeFigures(o);
      const value = f.measured ?? "no value";
      if (o.pass) return { text: `ok ${value}`, paint: style.good };
      // No value has no margin either: "FAIL no value", not "FAIL no value (no value)".
      const margin = f.measured === null ? "" : ` (${f.margin})`;
      return { text: `${o.severity === "risk" ? "risk" : "FAIL"} ${value}${margin}`, paint: o.severity === "risk" ? style.doubtful : style.bad };
    });
    return [`[${index}] ${first.check}`, ...cells];
  });
  return textTable(["threshold", ...architectures], rows);
}

function scorecardTable(report: ScenarioReport, style: Style): string {
  const { scorecard } = report;
  const paint: Record<ScorecardState, (s: string) => string> = { pass: style.good, "accepted-risk": style.doubtful, blocked: style.bad };
  const rows = scorecard.areas.map((area) => [
    area,
    ...scorecard.architectures.map((architecture): Cell => {
      const cell = scorecard.cells.find((c) => c.architecture === architecture && c.area === area);
      return cell === undefined ? "-" : { text: STATE_TEXT[cell.state], paint: paint[cell.state] };
    }),
  ]);
  return textTable(["decision area", ...scorecard.architectures], rows);
}

/** The whole report as text, sections separated by blank lines: the figures first (run), or the thresholds and
 * scorecard first (compare, where the verdict is the point). */
export function terminalReport(report: ScenarioReport, style: Style = PLAIN_STYLE, order: "figures-first" | "scorecard-first" = "figures-first"): string {
  const sections = [rowsTable(report.runs, METRIC_ROWS)];
  for (const fault of report.scenario.faults) {
    const length = fault.durationSeconds === null ? "" : ` for ${fault.durationSeconds} s`;
    sections.push(`${style.strong(`Recovery from ${fault.name}`)} (${fault.kind} at ${fault.atSeconds} s${length})\n${rowsTable(report.runs, recoveryRows(fault.index))}`);
  }
  if (report.thresholds.length === 0) {
    sections.push(`${style.strong("Thresholds")}: none in this scenario, so the scorecard judges nothing (add a thresholds: section).`);
  } else {
    const failed = report.thresholds.filter((o) => !o.pass).length;
    const summary = failed === 0 ? style.good(`all ${report.thresholds.length} hold`) : style.bad(`${failed} of ${report.thresholds.length} failed`);
    sections.push(`${style.strong("Thresholds")}: ${summary}\n${thresholdsTable(report, style)}`);
    sections.push(`${style.strong("Scorecard")}\n${scorecardTable(report, style)}`);
  }
  if (order === "scorecard-first") {
    const verdict = report.thresholds.length === 0 ? 1 : 2;
    sections.unshift(...sections.splice(sections.length - verdict, verdict).reverse());
  }
  return `${sections.join("\n\n")}\n`;
}

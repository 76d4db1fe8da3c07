// A scenario report as Markdown for a CI step summary: the verdict, the scorecard with every threshold's measured
// value and margin, the key figures side by side, each fault's recovery and the cost.

import { renderCostComparisonMarkdown } from "../cost/costMarkdown.ts";
import { scorecardMarkdown } from "../scorecard/scorecardMarkdown.ts";
import { METRIC_ROWS, recoveryRows, type ComparisonRow } from "./comparisonRows.ts";
import type { RunReport, ScenarioReport } from "./reportTypes.ts";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function rowsMarkdown(runs: readonly RunReport[], rows: readonly ComparisonRow[]): string {
  const header = `| | ${runs.map((r) => cell(r.architecture)).join(" | ")} |`;
  const rule = `|---|${runs.map(() => "---:|").join("")}`;
  return [header, rule, ...rows.map((row) => `| ${row.label} | ${runs.map((r) => cell(row.value(r))).join(" | ")} |`)].join("\n");
}

/** The verdict line: how many thresholds failed, and of which severity. */
export function verdict(report: ScenarioReport): string {
  const total = report.thresholds.length;
  if (total === 0) return "no thresholds";
  const failed = report.thresholds.filter((o) => !o.pass);
  if (failed.length === 0) return `all ${total} threshold checks hold`;
  const blocking = failed.filter((o) => o.severity === "blocking").length;
  return `${failed.length} of ${total} threshold checks failed (${blocking} blocking, ${failed.length - blocking} risk)`;
}

/** The report as Markdown. */
export function markdownReport(report: ScenarioReport): string {
  const s = report.scenario;
  const out = [
    `## bytepath ${cell(s.name)}: ${verdict(report)}`,
    "",
    `Seed ${s.seed} · scenario hash \`${s.hash}\` · ${s.simulatedSeconds} simulated s · ${report.runs.length} architectures`,
    "",
    "### Scorecard",
    "",
    scorecardMarkdown(report.scorecard, report.thresholds).trimEnd(),
    "",
    "### Key figures",
    "",
    rowsMarkdown(report.runs, METRIC_ROWS),
  ];
  for (const fault of s.faults) {
    const length = fault.durationSeconds === null ? "" : ` for ${fault.durationSeconds} s`;
    out.push("", `### Recovery from ${cell(fault.name)} (${fault.kind} at ${fault.atSeconds} s${length})`, "", rowsMarkdown(report.runs, recoveryRows(fault.index)));
  }
  out.push("", "### Cost", "", renderCostComparisonMarkdown(report.runs.map((r) => r.cost)).trimEnd());
  const incidents = report.runs.filter((r) => r.incidentCost !== null);
  if (incidents.length > 0) {
    out.push("", ...incidents.map((r) => `- ${cell(r.architecture)} incident cost: $${(Math.round((r.incidentCost?.usd ?? 0) * 100) / 100 + 0).toFixed(2)} (${cell(r.incidentCost?.statement ?? "")})`));
  }
  return `${out.join("\n")}\n`;
}

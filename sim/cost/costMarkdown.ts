// Cost reports as Markdown for people: one report's line items, totals by category and byte path, states and the
// stated extrapolation and assumptions; and several reports side by side by category.

import { BYTE_PATHS, COST_CATEGORIES, type BytePath, type CostCategory } from "./bytePaths.ts";
import { formatDuration, formatNumber, type CostReport } from "./costReport.ts";

const CATEGORY_LABELS: Record<CostCategory, string> = { compute: "Compute", storage: "Storage", s3Api: "S3 API", crossZone: "Cross-zone traffic" };
const PATH_LABELS: Record<BytePath, string> = { ingest: "ingest", retained: "retained", fanOut: "fan-out", recovery: "recovery", fixed: "fixed (provisioned)" };

/** "$12,899". */
export function usd(x: number): string {
  return `$${Math.round(x).toLocaleString("en-US")}`;
}

/** One report as Markdown. */
export function renderCostMarkdown(report: CostReport): string {
  const a = report.assumptions;
  const out: string[] = [
    `## Cost of ${report.architecture} (${report.kind}): ${usd(report.totals.usdPerMonth)} per month`,
    "",
    `Prices: ${report.book.provider} ${report.book.region}, GB = ${report.book.gigabyte === "GiB" ? "GiB (2^30 bytes)" : "10^9 bytes"}, ${report.book.month}. ` +
      `Extrapolation: ${report.extrapolation.statement}. Instances: ${a.instances}. Load carried: ${formatNumber(report.publishedBytesPerSecond / 2 ** 20)} MiB/s published. Retention ${formatDuration(a.retentionSeconds)} (${a.retentionFrom}).`,
    "",
    "| Line item | Category | Path | Quantity / month | $ / month |",
    "|---|---|---|---:|---:|",
    ...report.lines.map((l) => `| ${l.label} | ${CATEGORY_LABELS[l.category]} | ${PATH_LABELS[l.path]} | ${formatNumber(l.quantity)} ${l.unit} | ${usd(l.usdPerMonth)} |`),
    "",
    "| Category | $ / month |",
    "|---|---:|",
    ...COST_CATEGORIES.map((c) => `| ${CATEGORY_LABELS[c]} | ${usd(report.totals.byCategory[c])} |`),
    `| **Total** | **${usd(report.totals.usdPerMonth)}** |`,
    "",
    "| Byte path | $ / month |",
    "|---|---:|",
    ...BYTE_PATHS.map((p) => `| ${PATH_LABELS[p]} | ${usd(report.totals.byPath[p])} |`),
  ];
  if (report.states.length > 1) {
    out.push("", "| State | Simulated s | $ / month if it lasted | Extrapolation |", "|---|---|---:|---|");
    for (const s of report.states) out.push(`| ${s.name} | ${formatNumber(s.fromSeconds)}–${formatNumber(s.toSeconds)} | ${usd(s.totals.usdPerMonth)} | ${s.extrapolation.statement} |`);
  }
  out.push("", ...report.notes.map((n) => `- ${n}`), "");
  return out.join("\n");
}

/** Several reports side by side by category, one column each. */
export function renderCostComparisonMarkdown(reports: readonly CostReport[]): string {
  const header = `| | ${reports.map((r) => r.architecture).join(" | ")} |`;
  const rule = `|---|${reports.map(() => "---:").join("|")}|`;
  const rows = COST_CATEGORIES.map((c) => `| ${CATEGORY_LABELS[c]} | ${reports.map((r) => usd(r.totals.byCategory[c])).join(" | ")} |`);
  const total = `| **Total** | ${reports.map((r) => `**${usd(r.totals.usdPerMonth)}**`).join(" | ")} |`;
  const basis = reports.map((r) => `- ${r.architecture}: ${r.extrapolation.statement}; ${r.assumptions.instances}.`);
  return [header, rule, ...rows, total, "", ...basis, ""].join("\n");
}

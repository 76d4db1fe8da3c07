// A sweep report as text for people — a terminal table or Markdown for a CI step summary: per grid point, the key
// figures of each architecture as mean ± the 95 % interval's half-width over the seeds, and each threshold's pass
// rate. The JSON and CSV outputs carry every figure; these show the ones a reader compares first.

import { checkUsesBinaryBytes, formatMeasure } from "../scorecard/scorecardMarkdown.ts";
import { PLAIN_STYLE, type Style } from "../report/style.ts";
import { textTable, type Cell } from "../report/textTable.ts";
import type { MetricStats, SweepAggregate, SweepReport } from "./sweepReport.ts";

const KEY_METRICS = ["publishLatency99pct", "endToEndLatency99pct", "publishBytesRate", "crossZoneBytesPerProducedByte", "cost.usdPerMonth"];
const KEY_RECOVERY = ["recovery.timeToSloSeconds during ", "recovery.produceP99MaxMs during "];

/** Indices into report.metrics of the figures shown. */
function shownMetrics(report: SweepReport): number[] {
  return report.metrics.flatMap((m, i) => (KEY_METRICS.includes(m.name) || KEY_RECOVERY.some((p) => m.name.startsWith(p)) ? [i] : []));
}

/** "12.3 ms ± 0.41 ms" (mean ± half-width of the 95 % interval), the mean alone for one seed, "-" for none; bytes in
 * binary units (MiB/s) when binaryBytes, as run's figures show them, else decimal (MB/s). */
export function formatStats(stats: MetricStats, unit: string, binaryBytes: boolean): string {
  if (stats.mean === null) return "-";
  const mean = formatMeasure(stats.mean, unit, binaryBytes);
  if (stats.ciHigh === null) return mean;
  return `${mean} ± ${formatMeasure(stats.ciHigh - stats.mean, unit, binaryBytes)}`;
}

/** A threshold's measured figure over the seeds, in the byte units its check was written in (run's rule). */
export function formatThresholdStats(stats: MetricStats, unit: string, check: string): string {
  return formatStats(stats, unit, checkUsesBinaryBytes(check));
}

function pointTitle(report: SweepReport, point: number): string {
  const p = report.points[point];
  const values = report.vary.map((v, i) => `${v.path}=${p.values[i]}`);
  return `point ${point}${values.length > 0 ? `: ${values.join(", ")}` : ""}`;
}

function aggregateOf(report: SweepReport, point: number, architecture: string): SweepAggregate | undefined {
  return report.aggregates?.find((a) => a.point === point && a.architecture === architecture);
}

/** "1 seed", "3 seeds". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function passRate(passes: number, n: number): string {
  return `${passes}/${n} (${Math.round((100 * passes) / n)}%)`;
}

/** Rows of one point: label, then one cell per architecture. */
function pointRows(report: SweepReport, point: number, style: Style): Cell[][] {
  const rows: Cell[][] = shownMetrics(report).map((i) => {
    const m = report.metrics[i];
    return [`${m.name} (mean ± 95% CI)`, ...report.architectures.map((a) => {
      const stats = aggregateOf(report, point, a)?.metrics[i];
      // Binary byte units, as run's figures table shows throughput (MiB/s).
      return stats === undefined ? "-" : formatStats(stats, m.unit, true);
    })];
  });
  for (const t of report.thresholds) {
    rows.push([`[${t.index}] ${t.check}`, ...report.architectures.map((a): Cell => {
      const stats = aggregateOf(report, point, a)?.thresholds.find((x) => x.index === t.index);
      if (stats === undefined) return "n/a";
      const text = `pass ${passRate(stats.passes, stats.n)}`;
      return { text, paint: stats.passes === stats.n ? style.good : t.severity === "risk" ? style.doubtful : style.bad };
    })]);
  }
  return rows;
}

/** The sweep's headline: grid, seeds and how many runs failed a threshold. */
export function sweepSummary(report: SweepReport): string {
  const runs = report.rows.reduce((n, r) => n + r.runs.length, 0);
  const failing = report.rows.reduce((n, r) => n + r.runs.filter((run) => run.thresholds.some((t) => !t.pass)).length, 0);
  const thresholds = report.thresholds.length === 0 ? "no thresholds" : failing === 0 ? "every threshold held in every run" : `${failing} of ${runs} runs failed a threshold`;
  return `${report.scenario.name}: ${count(report.points.length, "grid point")} × ${count(report.seeds.count, "seed")} × ${count(report.architectures.length, "architecture")} = ${count(runs, "run")}; ${thresholds}`;
}

/** The sweep as terminal text. */
export function sweepTerminal(report: SweepReport, style: Style = PLAIN_STYLE): string {
  const sections = [style.strong(sweepSummary(report))];
  for (const point of report.points) sections.push(`${style.strong(pointTitle(report, point.index))}\n${textTable(["", ...report.architectures], pointRows(report, point.index, style))}`);
  return `${sections.join("\n\n")}\n`;
}

const mdCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The sweep as Markdown. */
export function sweepMarkdown(report: SweepReport): string {
  const out = [
    `## bytepath sweep ${mdCell(sweepSummary(report))}`,
    "",
    `Base seed ${report.scenario.seed} · scenario hash \`${report.scenario.hash}\` · seeds: ${mdCell(report.seeds.rule)}`,
  ];
  for (const point of report.points) {
    out.push("", `### ${mdCell(pointTitle(report, point.index))}`, "", `| | ${report.architectures.map(mdCell).join(" | ")} |`, `|---|${report.architectures.map(() => "---:|").join("")}`);
    for (const row of pointRows(report, point.index, PLAIN_STYLE)) out.push(`| ${row.map((c) => mdCell(typeof c === "string" ? c : c.text)).join(" | ")} |`);
  }
  return `${out.join("\n")}\n`;
}

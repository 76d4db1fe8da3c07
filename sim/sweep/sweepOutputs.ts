// A sweep report as CSV (one row per grid point × architecture × metric, with the statistics over seeds) and as
// JUnit XML (one case per grid point × threshold × architecture, failing unless it held on every seed).

import { csvLine } from "../report/csvReport.ts";
import { junitXml, type JunitCase, type JunitSuite } from "../report/junitXml.ts";
import { formatThresholdStats } from "./sweepText.ts";
import type { SweepReport } from "./sweepReport.ts";

/** The aggregates as CSV with a header row (empty for a shard, which has none). */
export function sweepCsv(report: SweepReport): string {
  const header = ["point", ...report.vary.map((v) => v.path), "architecture", "metric", "unit", "n", "mean", "sd", "ciLow", "ciHigh"];
  const lines = [csvLine(header)];
  for (const a of report.aggregates ?? []) {
    const values = report.points[a.point].values;
    a.metrics.forEach((m, i) => lines.push(csvLine([a.point, ...values, a.architecture, m.metric, report.metrics[i].unit, m.n, m.mean, m.sd, m.ciLow, m.ciHigh])));
    for (const t of a.thresholds) {
      const m = t.measured;
      lines.push(csvLine([a.point, ...values, a.architecture, `threshold[${t.index}] pass rate`, "ratio", t.n, t.passRate, null, null, null]));
      lines.push(csvLine([a.point, ...values, a.architecture, `threshold[${t.index}] measured`, report.thresholds.find((x) => x.index === t.index)?.unit ?? "", m.n, m.mean, m.sd, m.ciLow, m.ciHigh]));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The aggregates as JUnit XML: a suite per grid point. */
export function sweepJunit(report: SweepReport): string {
  const suites: JunitSuite[] = report.points.map((point) => ({
    name: `${report.scenario.name} point ${point.index}${point.values.length > 0 ? ` (${report.vary.map((v, i) => `${v.path}=${point.values[i]}`).join(", ")})` : ""}`,
    properties: [
      ["scenarioHash", point.hash],
      ["seeds", report.seeds.values.join(" ")],
    ],
    cases: report.thresholds.flatMap((t) =>
      report.architectures.flatMap((architecture): JunitCase[] => {
        const stats = report.aggregates?.find((a) => a.point === point.index && a.architecture === architecture)?.thresholds.find((x) => x.index === t.index);
        if (stats === undefined) return [];
        const failedSeeds = report.rows
          .filter((r) => r.point === point.index)
          .flatMap((r) => (r.runs.find((run) => run.architecture === architecture)?.thresholds.some((o) => o.index === t.index && !o.pass) ? [r.seed] : []));
        const text = `passed on ${stats.passes} of ${stats.n} seeds; measured ${formatThresholdStats(stats.measured, t.unit, t.check)} (mean ± 95% CI)`;
        const name = `[${t.index}] ${t.check} · ${architecture}`;
        const classname = `bytepath.${report.scenario.name}.point${point.index}.${architecture}`;
        if (stats.passes === stats.n) return [{ classname, name, output: text }];
        return [{ classname, name, failure: { message: text, type: t.severity, details: `${text}\nfailing seeds: ${failedSeeds.join(", ")}` } }];
      }),
    ),
  }));
  return junitXml(`bytepath sweep ${report.scenario.name}`, suites);
}

// The --html output (Node only): the self-contained HTML report of viz/report, loaded only when asked for, so the
// other commands never load d3 or esbuild.

import type { ScenarioReport } from "../report/reportTypes.ts";

/** The report as one HTML page. */
export async function renderHtml(report: ScenarioReport): Promise<string> {
  const [{ renderHtmlReport }, { loadReportAssets }] = await Promise.all([import("../../viz/report/renderHtmlReport.ts"), import("../../viz/report/loadReportAssets.ts")]);
  return renderHtmlReport(report, await loadReportAssets());
}

// Chart 6: every threshold as written in the scenario and how it was judged on each architecture: the metric and
// scope it resolved to, measured value, limit, margin and verdict, with the judge's note.

import { select } from "d3";
import type { ScenarioReport, ThresholdOutcome } from "../../sim/report/reportTypes.ts";
import { appendNote, type PageContext } from "./chartFrame.ts";
import { checkUsesBinaryBytes, formatQuantity } from "./format.ts";

/** Renders the thresholds table: one group of rows per threshold, one row per architecture. */
export function renderThresholds(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const outcomes = report.thresholds ?? [];
  if (outcomes.length === 0) {
    appendNote(host, "This scenario sets no thresholds, so every decision area is an accepted risk until one covers it.");
    return;
  }
  const order = (o: ThresholdOutcome) => page.architectures.indexOf(o.architecture);
  const groups = new Map<number, ThresholdOutcome[]>();
  for (const o of outcomes) groups.set(o.index, [...(groups.get(o.index) ?? []), o]);
  const table = select(host).append("table").attr("class", "thresholds").attr("data-chart", "thresholds");
  const head = table.append("thead").append("tr");
  for (const title of ["#", "Check", "Area", "Severity", "Architecture", "Measured", "Limit", "Margin", "Verdict", "Note"]) head.append("th").attr("scope", "col").text(title);
  const body = table.append("tbody");
  for (const [index, rows] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    rows.sort((a, b) => order(a) - order(b));
    rows.forEach((o, i) => {
      const tr = body.append("tr").attr("class", i === 0 ? "group-start" : null);
      if (i === 0) {
        tr.append("td").attr("rowspan", rows.length).attr("class", "index").text(String(index + 1));
        const check = tr.append("td").attr("rowspan", rows.length).attr("class", "check");
        check.append("div").text(o.check);
        check.append("div").attr("class", "resolved").text(`${o.metric}, ${o.scope}`);
        tr.append("td").attr("rowspan", rows.length).text(o.area);
        tr.append("td").attr("rowspan", rows.length).text(o.severity);
      }
      tr.append("td").append("span").attr("class", "arch-name").style("--arch-colour", page.colour(o.architecture)).text(o.architecture);
      const binary = checkUsesBinaryBytes(o.check);
      // The terminal's and Markdown's word for a figure the run could not measure; the note says why.
      tr.append("td").attr("class", "number").text(o.measured === null ? "no value" : formatQuantity(o.measured, o.unit, binary));
      tr.append("td").attr("class", "number").text(`${o.operator} ${formatQuantity(o.limit, o.unit, binary)}`);
      tr.append("td").attr("class", "number").text(formatQuantity(o.margin, o.unit, binary));
      const verdict = o.pass ? "pass" : o.severity === "risk" ? "fail (risk)" : "fail";
      tr.append("td").append("span").attr("class", `verdict verdict-${o.pass ? "pass" : o.severity === "risk" ? "risk" : "fail"}`).text(verdict);
      tr.append("td").attr("class", "note-cell").text(o.note ?? "");
    });
  }
}

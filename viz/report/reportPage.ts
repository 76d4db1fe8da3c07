// The report page's script (bundled with d3 into the HTML file): reads the embedded ScenarioReport and draws each
// section. It never throws: a section that fails shows its error in place and is listed, one per line, in
// document.body.dataset.errors; once every section has been drawn body.dataset.ready is "true" ("false" if any failed).

import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import type { PageContext } from "./chartFrame.ts";
import { renderCostCharts } from "./costChart.ts";
import { renderCrossZoneCharts } from "./crossZoneChart.ts";
import { renderGlance } from "./glanceTable.ts";
import { renderLatencyCharts } from "./latencyChart.ts";
import { CHARTS_ELEMENT_ID, DATA_ELEMENT_ID, NAV_ELEMENT_ID } from "./pageIds.ts";
import { architecturePalette } from "./palette.ts";
import { renderRecoveryCharts } from "./recoveryChart.ts";
import { renderScorecard } from "./scorecardTable.ts";
import { renderThresholds } from "./thresholdsTable.ts";
import { createTooltip } from "./tooltip.ts";

interface Section {
  id: string;
  title: string;
  /** How to read the section, in a sentence. */
  lead: string;
  render(host: HTMLElement, report: ScenarioReport, page: PageContext): void;
}

const SECTIONS: Section[] = [
  { id: "glance", title: "At a glance", lead: "Whole-run figures over the measured time (warm-up excluded).", render: renderGlance },
  { id: "scorecard", title: "Production-readiness scorecard", lead: "Per decision area: blocked when a blocking threshold failed, accepted risk when only risk thresholds failed or none covers the area, pass when every covering threshold held.", render: renderScorecard },
  { id: "latency", title: "Latency over time", lead: "The p99 of each interval; gaps are intervals in which nothing was acknowledged (or consumed). Shaded: fault windows. Numbered markers: the narrative's steps.", render: renderLatencyCharts },
  { id: "cross-zone", title: "Cross-zone bytes", lead: "Bytes that crossed an availability-zone boundary, which clouds bill per GB in each direction.", render: renderCrossZoneCharts },
  { id: "recovery", title: "Recovery", lead: "Each bar runs from the fault's start to the milestone; an outlined bar means it did not happen before the fault's window ended.", render: renderRecoveryCharts },
  { id: "cost", title: "Cost", lead: "A month at the rates measured over the run, priced with the scenario's price book.", render: renderCostCharts },
  { id: "thresholds", title: "Thresholds", lead: "Every threshold as written, the metric and scope it resolved to, and its verdict on each architecture.", render: renderThresholds },
];

function message(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Reads and sanity-checks the embedded report. */
function readReport(doc: Document): ScenarioReport {
  const text = doc.getElementById(DATA_ELEMENT_ID)?.textContent;
  if (!text) throw new Error(`no report data: the page has no #${DATA_ELEMENT_ID} element`);
  const report = JSON.parse(text) as ScenarioReport;
  if (report?.schemaVersion !== 1 || !report.scenario || !Array.isArray(report.runs)) throw new Error("report data: expected a ScenarioReport with schemaVersion 1, a scenario and runs");
  return report;
}

function pageContext(report: ScenarioReport, doc: Document): PageContext {
  const architectures: string[] = [];
  for (const name of [...report.runs.map((r) => r.architecture), ...(report.scorecard?.architectures ?? [])]) if (!architectures.includes(name)) architectures.push(name);
  return { architectures, colour: architecturePalette(architectures), tooltip: createTooltip(doc) };
}

function errorBox(doc: Document, text: string): HTMLElement {
  const box = doc.createElement("p");
  box.className = "chart-error";
  box.textContent = text;
  return box;
}

function draw(doc: Document): void {
  const errors: string[] = [];
  const record = (where: string, error: unknown) => {
    errors.push(`${where}: ${message(error)}`);
    doc.body.dataset.errors = errors.join("\n");
  };
  // Tooltips run after the page is drawn; their failures are recorded the same way.
  window.addEventListener("error", (event) => record("page", event.error ?? event.message));
  const main = doc.getElementById(CHARTS_ELEMENT_ID) ?? doc.body.appendChild(doc.createElement("main"));
  let report: ScenarioReport;
  try {
    report = readReport(doc);
  } catch (error) {
    record("data", error);
    main.appendChild(errorBox(doc, `The report could not be read. ${message(error)}`));
    doc.body.dataset.ready = "false";
    return;
  }
  const page = pageContext(report, doc);
  const nav = doc.getElementById(NAV_ELEMENT_ID);
  for (const section of SECTIONS) {
    const element = main.appendChild(doc.createElement("section"));
    element.id = section.id;
    element.appendChild(doc.createElement("h2")).textContent = section.title;
    const lead = element.appendChild(doc.createElement("p"));
    lead.className = "lead";
    lead.textContent = section.lead;
    const body = element.appendChild(doc.createElement("div"));
    body.className = "section-body";
    if (nav) {
      const link = nav.appendChild(doc.createElement("a"));
      link.href = `#${section.id}`;
      link.textContent = section.title;
    }
    try {
      section.render(body, report, page);
    } catch (error) {
      record(section.id, error);
      body.replaceChildren(errorBox(doc, `This section could not be drawn. ${message(error)}`));
    }
  }
  doc.body.dataset.ready = errors.length === 0 ? "true" : "false";
}

try {
  draw(document);
} catch (error) {
  // Only a failure outside every section lands here (e.g. no body); say so where a reader and a test will look.
  document.body.dataset.errors = `page: ${message(error)}`;
  document.body.dataset.ready = "false";
}

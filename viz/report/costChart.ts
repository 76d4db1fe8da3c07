// Chart 4: what each architecture would cost a month, split two ways — by bill category (compute, storage, S3
// requests, cross-zone transfer) and by byte path (ingest, retained, fan-out, recovery, fixed) — with how the
// simulated interval became a month, the sizing assumptions, what the faults added, and the cost model's notes.

import { select } from "d3";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { appendHeading, appendNote, type PageContext } from "./chartFrame.ts";
import { formatSeconds, formatUsd } from "./format.ts";
import { partPalette } from "./palette.ts";
import { stackedBars } from "./stackedBars.ts";

const LABELS: Record<string, string> = {
  compute: "Compute",
  storage: "Storage",
  s3Api: "S3 requests",
  crossZone: "Cross-zone transfer",
  ingest: "Ingest",
  retained: "Retained",
  fanOut: "Fan-out",
  recovery: "Recovery",
  fixed: "Fixed",
};

/** Keys of a record over every run, in first-seen order. */
function keysOf(records: readonly Record<string, number>[]): string[] {
  const keys: string[] = [];
  for (const record of records) for (const key of Object.keys(record ?? {})) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** Renders the two breakdowns and the statements under them. */
export function renderCostCharts(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const runs = report.runs.filter((run) => run.cost);
  if (runs.length === 0) {
    appendNote(host, "No run carries a cost report.");
    return;
  }
  const month = runs[0].cost.book.month;
  for (const split of ["byCategory", "byPath"] as const) {
    const keys = keysOf(runs.map((run) => run.cost.totals[split]));
    stackedBars(host, page, {
      chart: split === "byCategory" ? "cost-by-category" : "cost-by-path",
      title: split === "byCategory" ? `$ per ${month}, by bill category` : `$ per ${month}, by byte path`,
      keys,
      keyLabel: (key) => LABELS[key] ?? key,
      keyColour: partPalette(keys),
      format: formatUsd,
      unitSize: 1,
      tickFormat: (usd) => `$${Math.round(usd).toLocaleString("en-US")}`,
      axisLabel: `US dollars per ${month}`,
      rows: runs.map((run) => ({ label: run.architecture, colour: page.colour(run.architecture), values: run.cost.totals[split] })),
    });
  }
  appendHeading(host, "How these figures were made");
  const list = select(host).append("ul").attr("class", "statements");
  for (const run of runs) {
    const { cost } = run;
    const item = list.append("li");
    item.append("span").attr("class", "arch-name").style("--arch-colour", page.colour(run.architecture)).text(run.architecture);
    const parts = [
      `${formatUsd(cost.totals.usdPerMonth)} per ${cost.book.month} on ${cost.book.provider} ${cost.book.region}: ${cost.extrapolation.statement}.`,
      `Sized for ${cost.assumptions.instances}, retention ${formatSeconds(cost.assumptions.retentionSeconds)} (from ${cost.assumptions.retentionFrom}), local retention ${formatSeconds(cost.assumptions.localRetentionSeconds)}.`,
      run.incidentCost ? `The faults cost ${formatUsd(run.incidentCost.usd)} over the run: ${run.incidentCost.statement}.` : "",
    ];
    item.append("span").text(` ${parts.filter((p) => p !== "").join(" ")}`);
  }
  notes(host, report);
}

// The cost model's notes, each once, naming the architectures it applies to when not all of them.
function notes(host: HTMLElement, report: ScenarioReport): void {
  const byNote = new Map<string, string[]>();
  for (const run of report.runs) for (const note of run.cost?.notes ?? []) byNote.set(note, [...(byNote.get(note) ?? []), run.architecture]);
  if (byNote.size === 0) return;
  appendHeading(host, "Notes from the cost model");
  const list = select(host).append("ul").attr("class", "notes");
  for (const [note, architectures] of byNote) {
    const item = list.append("li").text(note);
    if (architectures.length < report.runs.length) item.append("span").attr("class", "applies-to").text(` (${architectures.join(", ")})`);
  }
}

// The scorecard and the thresholds' evidence as markdown: a table of architectures × decision areas with each cell's
// state, then every outcome with its metric, measured value, limit and margin in the metric's unit.

import { InputError } from "../errors.ts";
import type { Scorecard, ScorecardState, ThresholdOutcome } from "../report/reportTypes.ts";

const STATE_TEXT: Readonly<Record<ScorecardState, string>> = { pass: "pass", "accepted-risk": "accepted risk", blocked: "**blocked**" };

/** The scorecard table followed by the evidence list. */
export function scorecardMarkdown(scorecard: Scorecard, outcomes: ThresholdOutcome[]): string {
  if (typeof scorecard !== "object" || scorecard === null || !Array.isArray(scorecard.cells)) throw new InputError("scorecard", scorecard, "a Scorecard (buildScorecard)");
  if (!Array.isArray(outcomes)) throw new InputError("outcomes", outcomes, "an array of ThresholdOutcomes");
  const lines = [`| architecture | ${scorecard.areas.join(" | ")} |`, `|---|${scorecard.areas.map(() => "---|").join("")}`];
  for (const architecture of scorecard.architectures) {
    const states = scorecard.areas.map((area) => {
      const cell = scorecard.cells.find((c) => c.architecture === architecture && c.area === area);
      return cell ? STATE_TEXT[cell.state] : "—";
    });
    lines.push(`| ${cell(architecture)} | ${states.join(" | ")} |`);
  }
  const uncovered = scorecard.areas.filter((area) => scorecard.cells.some((c) => c.area === area && c.evidence.length === 0 && c.state === "accepted-risk"));
  if (uncovered.length > 0) lines.push("", `Accepted risk by default (no threshold covers it): ${uncovered.join(", ")}.`);
  return `${lines.join("\n")}\n\n${thresholdsMarkdown(outcomes)}`;
}

/** Every outcome, one line each: state, architecture, the check, measured, limit and margin. */
export function thresholdsMarkdown(outcomes: ThresholdOutcome[]): string {
  if (!Array.isArray(outcomes)) throw new InputError("outcomes", outcomes, "an array of ThresholdOutcomes");
  if (outcomes.length === 0) return "No thresholds.\n";
  const lines = ["| | architecture | area | check | metric | measured | limit | margin | note |", "|---|---|---|---|---|---|---|---|---|"];
  for (const o of outcomes) {
    const state = o.pass ? "pass" : o.severity === "risk" ? "risk" : "**fail**";
    const binary = checkUsesBinaryBytes(o.check);
    // "no value" is the terminal's word for a figure the run could not measure; the note column says why, and a
    // value that is not there has no margin either.
    const margin = o.margin === null ? "-" : `${o.margin >= 0 ? "+" : "−"}${formatMeasure(Math.abs(o.margin), o.unit, binary)}`;
    lines.push(`| ${state} | ${cell(o.architecture)} | ${o.area} | ${cell(o.check)} | ${cell(o.metric)} | ${o.measured === null ? "no value" : formatMeasure(o.measured, o.unit, binary)} | ${o.operator} ${formatMeasure(o.limit, o.unit, binary)} | ${margin} | ${cell(o.note ?? "")} |`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Whether a threshold's check writes its limit in binary byte units ("98 MiB/s", "2 GiB"): its figures are then shown
 * in binary units too, so a limit reads back as written and the measured value compares at a glance.
 */
export function checkUsesBinaryBytes(check: string): boolean {
  return BINARY_BYTES.test(check);
}

const BINARY_BYTES = /\d\s*[KMGTP]iB\b/i;

/** A value in a metric's display unit, as a person reads it; bytes in binary units (MiB, GiB) when binaryBytes. */
export function formatMeasure(value: number, unit: string, binaryBytes = false): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case "bytes":
      return scaledBytes(value, binaryBytes ? BINARY : DECIMAL);
    case "B/s":
      return `${scaledBytes(value, binaryBytes ? BINARY : DECIMAL)}/s`;
    case "USD/month":
      return `$${round(value, 2).toLocaleString("en-US")}/month`;
    case "USD":
      return `$${round(value, 2).toLocaleString("en-US")}`;
    case "count":
    case "ratio":
      return String(round(value, 4));
    default:
      return `${round(value, 4)}${unit.startsWith("/") ? "" : " "}${unit}`;
  }
}

// Decimal units by default, as limits are usually written ("2 TB") and as transfer is billed.
const DECIMAL: Array<[string, number]> = [["PB", 1e15], ["TB", 1e12], ["GB", 1e9], ["MB", 1e6], ["kB", 1e3]];
const BINARY: Array<[string, number]> = [["PiB", 2 ** 50], ["TiB", 2 ** 40], ["GiB", 2 ** 30], ["MiB", 2 ** 20], ["KiB", 2 ** 10]];

function scaledBytes(bytes: number, units: Array<[string, number]>): string {
  const unit = units.find(([, size]) => bytes >= size);
  return unit ? `${Number((bytes / unit[1]).toPrecision(4))} ${unit[0]}` : `${round(bytes, 4)} B`;
}

function round(value: number, significant: number): number {
  return Math.abs(value) >= 10 ** significant ? Math.round(value) : Number(value.toPrecision(significant));
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

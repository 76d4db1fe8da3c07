// A scenario report as JUnit XML: one suite per architecture, one test case per threshold that applies to it; a
// failed threshold is a failure carrying the measured value, the limit and the margin.

import { junitXml, type JunitSuite } from "./junitXml.ts";
import type { ScenarioReport, ThresholdOutcome } from "./reportTypes.ts";
import { outcomeFiguresText } from "./terminalReport.ts";

// The terminal's words; a measured outcome's note (which the terminal leaves out) follows its figures.
function outcomeText(o: ThresholdOutcome): string {
  const text = outcomeFiguresText(o);
  return o.measured !== null && o.note ? `${text} (${o.note})` : text;
}

/** The report as JUnit XML. */
export function junitReport(report: ScenarioReport): string {
  const s = report.scenario;
  const suites: JunitSuite[] = report.runs.map((run) => ({
    name: `${s.name} / ${run.architecture}`,
    properties: [
      ["seed", String(run.seed)],
      ["scenarioHash", s.hash],
      ["kind", run.kind],
    ],
    cases: report.thresholds
      .filter((o) => o.architecture === run.architecture)
      .map((o) => {
        const text = outcomeText(o);
        const details = `${o.check}\nmetric ${o.metric}, scope ${o.scope}, area ${o.area}, severity ${o.severity}\n${text}`;
        return {
          classname: `bytepath.${s.name}.${run.architecture}`,
          name: `[${o.index}] ${o.check}`,
          ...(o.pass ? { output: text } : { failure: { message: text, type: o.severity, details } }),
        };
      }),
  }));
  return junitXml(`bytepath ${s.name}`, suites);
}

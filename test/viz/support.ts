// Scenario reports for the HTML report's tests, made the way the CLI makes them (scenario text -> runs -> report),
// and a headless Chromium that opens a file and returns the DOM its scripts left behind.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { buildScenarioReport, sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { parseScenario, scenarioToRunConfigs } from "../../sim/scenario/index.ts";

const WORKLOAD = `
seed: 7
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload:
  topics: 1
  partitionsPerTopic: 12
  messageSize: 1 KiB
  producerRate: 20 MiB/s
  producersPerTopic: 3
  subscriptionsPerTopic: 1
  consumerPerSubscription: 3
  testDuration: 20 s
  warmupDuration: 0 s
sampleInterval: 1 s
`;

/** Two architectures, a named zone outage, thresholds in four areas (one a risk) and a two-step narrative. */
export const OUTAGE_SCENARIO = `
name: tiny-outage
description: "Kafka and diskless through a 5 s zone outage; text a page must not execute: </script><!-- <b>&amp;"
${WORKLOAD}
architectures:
  - kind: kafka
  - kind: diskless
faults:
  - name: zone-outage
    kind: zoneOutage
    at: 8 s
    duration: 5 s
    zone: 0
thresholds:
  - check: produce p99 < 50 ms during zone-outage
    area: write-path
  - check: time to SLO < 5 min during zone-outage
    area: operations
  - check: acked records lost <= 0 during zone-outage
    area: storage-independence
  - check: cross-zone bytes per produced byte < 1
    area: network-path
    severity: risk
narrative:
  - at: 0 s
    title: Steady state
    text: Watch the produce p99 and the cross-zone bytes.
    watch: [produce p99, cross-zone bytes per produced byte]
  - at: 8 s
    title: The zone goes dark
    text: Kafka elects new leaders; diskless agents in the other zones take over.
    watch: [produce errors]
`;

/** One architecture, no faults, thresholds or narrative: the parts a report must do without. */
export const BARE_SCENARIO = `
name: tiny-bare
description: One architecture and nothing else.
${WORKLOAD}
architectures:
  - kind: kafka
`;

/** Parses a scenario, runs every architecture to its report and gathers the scenario report. */
export function scenarioReportOf(text: string, source = "test.yaml"): ScenarioReport {
  const scenario = parseScenario(text, source, {});
  const options = sessionOptionsFor(scenario);
  const runs = scenarioToRunConfigs(scenario).map((config, i) => runToReport(config, options[i]));
  return buildScenarioReport(scenario, runs);
}

/** The Chromium binary (CHROMIUM_PATH, else /usr/bin/chromium), or undefined when it is not installed. */
export function findChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return existsSync(path) ? path : undefined;
}

const run = promisify(execFile);

/** Flags for a headless Chromium on a machine with no network: without the background services' flags it keeps
 * trying to reach Google's hosts. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Opens an HTML file in headless Chromium (fresh profile, no network services) and returns the DOM after its
 * scripts ran. */
export async function dumpDom(chromium: string, file: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), "bytepath-chromium-"));
  try {
    const { stdout } = await run(
      chromium,
      [
        "--headless",
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${profile}`,
        "--virtual-time-budget=5000",
        "--dump-dom",
        pathToFileURL(file).href,
      ],
      { timeout: 45_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The attributes of the dumped DOM's <body>. */
export function bodyAttributes(dom: string): Record<string, string> {
  const tag = /<body\b([^>]*)>/.exec(dom)?.[1] ?? "";
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** Every chart SVG of the dumped DOM by its data-chart name, with its markup. */
export function chartsIn(dom: string): Map<string, string> {
  const charts = new Map<string, string>();
  for (const m of dom.matchAll(/<svg\b([^>]*)>([\s\S]*?)<\/svg>/g)) {
    const name = /data-chart="([^"]+)"/.exec(m[1])?.[1];
    if (name && /class="chart"/.test(m[1])) charts.set(name, m[2]);
  }
  return charts;
}

/** How many times pattern occurs in text. */
export function countOf(text: string, pattern: RegExp): number {
  return [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`))].length;
}

/** The markup of a page section (<section id="...">) of the dumped DOM. */
export function sectionOf(dom: string, id: string): string {
  return new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(dom)?.[1] ?? "";
}

// Golden outputs of `bytepath run` on the small scenario with one threshold tightened until it fails: the JSON
// report and the Markdown summary must match test/cli/golden/ byte for byte. The simulator is deterministic, so
// they change only when the model or a renderer does; regenerate them on purpose with
//   UPDATE_GOLDEN=1 npx vitest run test/cli/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { bytepath, removeScenarioDirs, scenarioDir } from "./cliHarness.ts";

const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

afterAll(removeScenarioDirs);

describe("bytepath run outputs", () => {
  it("match the golden JSON and Markdown, exit 1 naming the failed threshold, and agree with each other", async () => {
    const dir = scenarioDir();
    const r = await bytepath(["run", "small.yaml", "--set", "thresholds[0].check=produce p99 < 5 ms", "--json", "report.json", "--markdown", "summary.md", "--junit", "--csv", "series.csv"], dir);
    expect(r.code).toBe(1);
    const json = readFileSync(join(dir, "report.json"), "utf8");
    const markdown = readFileSync(join(dir, "summary.md"), "utf8");
    golden("small.report.json", json);
    golden("small.summary.md", markdown);

    const report = JSON.parse(json) as ScenarioReport;
    const failed = report.thresholds.filter((o) => !o.pass);
    expect(failed.length).toBeGreaterThan(0);
    // stderr names every failed outcome, with its measured value and margin; nothing else fails.
    const named = r.stderr.split("\n").filter((l) => l.startsWith("bytepath: threshold failed: "));
    expect(named).toHaveLength(failed.length);
    for (const o of failed) expect(named.some((l) => l.includes(`[${o.architecture}] ${o.check}: measured `) && l.includes(", margin −"))).toBe(true);
    // JUnit went to stdout (the only output without a file), with one failure per failed outcome.
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(r.stdout.match(/<failure /g)).toHaveLength(failed.length);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(report.thresholds.length);
    // The CSV has a row per architecture × interval of the runs in the JSON.
    const csv = readFileSync(join(dir, "series.csv"), "utf8").trimEnd().split("\n");
    expect(csv.length - 1).toBeGreaterThanOrEqual(report.runs.reduce((n, run) => n + run.result.intervals.series.publishedBytes.length, 0));
    expect(report.scenario.source).toBe("small.yaml");
    expect(markdown).toContain(`scenario hash \`${report.scenario.hash}\``);
  }, 60_000);
});

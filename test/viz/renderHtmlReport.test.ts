import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { loadReportAssets } from "../../viz/report/loadReportAssets.ts";
import { DATA_ELEMENT_ID } from "../../viz/report/pageIds.ts";
import { renderHtmlReport, scriptSafeCode, scriptSafeJson } from "../../viz/report/renderHtmlReport.ts";
import { smallRunConfig } from "../support/runs.ts";
import { inputErrorOf } from "../faults/support.ts";

const HOSTILE = `</script><script>document.title="owned"</script><!-- <img src=x onerror=alert(1)> & \u2028`;

// One short real run, and a scenario header full of text that would break out of a script or an element.
function hostileReport(): ScenarioReport {
  const run = runToReport(smallRunConfig({ workload: { testDurationMicros: 2_000_000 } }));
  return {
    schemaVersion: 1,
    scenario: { name: `name ${HOSTILE}`, description: `description ${HOSTILE}`, source: "inline.yaml", hash: "0123456789abcdef", seed: 1, simulatedSeconds: 2, faults: [], narrative: [{ atSeconds: 0, title: `title ${HOSTILE}`, text: `text ${HOSTILE}`, watch: [HOSTILE] }] },
    runs: [{ ...run, architecture: `kafka ${HOSTILE}` }],
    thresholds: [],
    scorecard: { architectures: [run.architecture], areas: ["write-path"], cells: [{ architecture: run.architecture, area: "write-path", state: "accepted-risk", reason: "no threshold covers this area", evidence: [] }] },
  };
}

const report = hostileReport();
const assets = await loadReportAssets();
const html = renderHtmlReport(report, assets);

describe("renderHtmlReport", () => {
  it("embeds the report as JSON that parses back to the same report", () => {
    const data = new RegExp(`<script type="application/json" id="${DATA_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html)?.[1];
    expect(data).toBeDefined();
    expect(JSON.parse(data!)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("lets no text end a script or an element early: the page holds exactly its own two scripts and no comment", () => {
    expect(countOf(html, /<\/script/gi)).toBe(2);
    expect(countOf(html, /<script/gi)).toBe(2);
    expect(html).not.toContain("<!--");
    expect(html).not.toContain("<img");
    expect(html).toContain("name &#60;/script&#62;&#60;script&#62;document.title=&#34;owned&#34;");
  });

  it("loads nothing over the network: no external script, stylesheet, image, font or import", () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
  });

  it("is the size of its data and its script plus a few kilobytes of page", () => {
    const data = scriptSafeJson(report).length;
    expect(assets.script.length).toBeLessThan(200_000);
    expect(html.length).toBeGreaterThan(data + assets.script.length);
    expect(html.length).toBeLessThan(data + assets.script.length + 20_000);
  });

  it("renders the same bytes for the same report", () => {
    expect(renderHtmlReport(structuredClone(report), assets)).toBe(html);
  });

  it("builds the page script once per process", async () => {
    expect(await loadReportAssets()).toBe(assets);
  });

  it("rejects what is not a report or a script, naming the field", () => {
    expect(inputErrorOf(() => renderHtmlReport(null as unknown as ScenarioReport, assets)).field).toBe("report");
    expect(inputErrorOf(() => renderHtmlReport({ ...report, runs: undefined } as unknown as ScenarioReport, assets)).field).toBe("report.runs");
    expect(inputErrorOf(() => renderHtmlReport({ ...report, scenario: null } as unknown as ScenarioReport, assets)).field).toBe("report.scenario");
    expect(inputErrorOf(() => renderHtmlReport(report, { script: "" })).field).toBe("assets.script");
  });
});

describe("scriptSafeJson and scriptSafeCode", () => {
  it("write values JavaScript reads back unchanged, without '</script' or '<!--' in the text", () => {
    const value = { a: HOSTILE, b: ["<!--", "-->", "</SCRIPT >", "&amp;"] };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(json)).toEqual(value);
    // Strings, a template and regular expressions (matched against the text they were written to match).
    const code = String.raw`[ "a</script>b", '<!--c', ` + "`</Script${1}`" + String.raw`, /a<\/script>/.test("a</script>"), /x<!--/u.test("x<!--"), /<\/scRipt/i.test("</script") ]`;
    const safe = scriptSafeCode(code);
    expect(safe).not.toMatch(/<\/script|<!--/i);
    expect(new Function(`return ${safe}`)()).toEqual(new Function(`return ${code}`)());
  });
});

function countOf(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

describe("the page script's sources", () => {
  it("take only types from sim/, so the bundle carries no simulator code", () => {
    const folder = new URL("../../viz/report/", import.meta.url);
    // The two Node-side files run in the CLI, where sim/ is already loaded.
    const nodeSide = new Set(["renderHtmlReport.ts", "loadReportAssets.ts"]);
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts") && !nodeSide.has(f))) {
      const text = readFileSync(new URL(file, folder), "utf8");
      for (const line of text.split("\n").filter((l) => /from\s+["'][./]*\/sim\//.test(l))) expect(`${file}: ${line}`).toMatch(/^[\w.]+: import type /);
    }
  });
});

import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { DECISION_AREAS } from "../../sim/report/reportTypes.ts";
import { parseScenario } from "../../sim/scenario/index.ts";
import { buildScorecard } from "../../sim/scorecard/scorecard.ts";
import { checkUsesBinaryBytes, formatMeasure, scorecardMarkdown, thresholdsMarkdown } from "../../sim/scorecard/scorecardMarkdown.ts";
import { outcomeSentence } from "../../sim/report/terminalReport.ts";
import { checkUsesBinaryBytes as vizUsesBinary, formatQuantity } from "../../viz/report/format.ts";
import { evaluateThresholds } from "../../sim/thresholds/evaluateThresholds.ts";
import { FAKE_SCENARIO, fakeRun } from "../thresholds/fakeRun.ts";

// On the fake runs: produce p99 is 30 ms over the run and 80 ms at worst in the outage; cost is $1,900/month.
const scenario = parseScenario(`${FAKE_SCENARIO}thresholds:
  - { check: produce p99 < 50 ms, area: write-path }
  - { check: produce p99 < 50 ms during zone-outage, area: write-path }
  - { check: produce p99 < 50 ms during zone-outage, area: read-path, severity: risk }
  - { check: produce p99 < 100 ms during zone-outage, area: read-path, severity: risk }
  - { check: cost < $2000/month, area: operations }
  - { check: cost < $1000/month, area: network-path, severity: risk, architectures: [kafka] }
  - { check: produce p99 < 10 ms, area: network-path, architectures: [kafka] }
`, "fake.yaml");
const runs = [fakeRun("kafka"), fakeRun("diskless")];
const outcomes = evaluateThresholds(scenario, runs);
const card = buildScorecard(scenario, runs, outcomes);
const cellOf = (architecture: string, area: string) => card.cells.find((c) => c.architecture === architecture && c.area === area);

describe("buildScorecard", () => {
  it("has a cell for every architecture of the runs and every decision area, in order", () => {
    expect(card.architectures).toEqual(["kafka", "diskless"]);
    expect(card.areas).toEqual([...DECISION_AREAS]);
    expect(card.cells.map((c) => `${c.architecture}/${c.area}`)).toEqual(["kafka", "diskless"].flatMap((a) => DECISION_AREAS.map((area) => `${a}/${area}`)));
  });

  it("blocks an area where a blocking threshold failed, with that outcome as evidence", () => {
    const cell = cellOf("kafka", "write-path");
    expect(cell?.state).toBe("blocked");
    expect(cell?.evidence.map((i) => outcomes[i])).toEqual([outcomes.find((o) => o.index === 1 && o.architecture === "kafka")]);
    expect(cell?.reason).toBe(`failed: "produce p99 < 50 ms during zone-outage"`);
  });

  it("blocks an area where a blocking threshold failed even when a risk one failed too", () => {
    const cell = cellOf("kafka", "network-path");
    expect(cell?.state).toBe("blocked");
    expect(cell?.evidence.map((i) => outcomes[i].index)).toEqual([6]);
  });

  it("accepts the risk where only risk thresholds failed", () => {
    const cell = cellOf("diskless", "read-path");
    expect(cell?.state).toBe("accepted-risk");
    expect(cell?.evidence.map((i) => [outcomes[i].index, outcomes[i].architecture])).toEqual([[2, "diskless"]]);
    expect(cell?.reason).toBe(`risk accepted: "produce p99 < 50 ms during zone-outage"`);
  });

  it("accepts the risk, saying so, where no threshold covers the area", () => {
    expect(cellOf("kafka", "storage-independence")).toEqual({ architecture: "kafka", area: "storage-independence", state: "accepted-risk", reason: "no threshold covers this area", evidence: [] });
    // The network-path thresholds name kafka only.
    expect(cellOf("diskless", "network-path")).toMatchObject({ state: "accepted-risk", reason: "no threshold covers this area", evidence: [] });
  });

  it("passes an area its thresholds cover when all held, with every covering outcome as evidence", () => {
    const cell = cellOf("diskless", "operations");
    expect(cell).toMatchObject({ state: "pass", reason: "its 1 threshold held" });
    expect(cell?.evidence.map((i) => [outcomes[i].index, outcomes[i].architecture, outcomes[i].pass])).toEqual([[4, "diskless", true]]);
  });

  it("refuses arguments that are not a scenario, runs and outcomes", () => {
    expect(() => buildScorecard(null as never, runs, outcomes)).toThrow(InputError);
    expect(() => buildScorecard(scenario, {} as never, outcomes)).toThrow("runs: expected an array of RunReports");
    expect(() => buildScorecard(scenario, runs, undefined as never)).toThrow(InputError);
  });
});

describe("scorecardMarkdown", () => {
  const text = scorecardMarkdown(card, outcomes);

  it("shows a table of architectures × areas with each cell's state", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe(`| architecture | ${DECISION_AREAS.join(" | ")} |`);
    expect(lines[2]).toBe("| kafka | **blocked** | accepted risk | accepted risk | **blocked** | pass |");
    expect(lines[3]).toBe("| diskless | **blocked** | accepted risk | accepted risk | accepted risk | pass |");
    expect(text).toContain("Accepted risk by default (no threshold covers it): storage-independence, network-path.");
  });

  it("lists every outcome with its metric, measured value, limit and signed margin", () => {
    expect(text).toContain("| **fail** | kafka | write-path | produce p99 < 50 ms during zone-outage | publishLatency99pct | 80 ms | < 50 ms | −30 ms | worst p99 of the window's 3 intervals (10 s each) |");
    expect(text).toContain("| pass | diskless | operations | cost < $2000/month | cost.usdPerMonth | $1,900/month | < $2,000/month | +$100/month |  |");
    expect(text).toContain("| risk | kafka | network-path | cost < $1000/month | cost.usdPerMonth | $1,900/month | < $1,000/month | −$900/month |  |");
    expect(text.split("\n").filter((l) => /^\| (pass|risk|\*\*fail\*\*) \|/.test(l))).toHaveLength(outcomes.length);
  });

  it("formats each unit as people write it", () => {
    expect(formatMeasure(2e12, "bytes")).toBe("2 TB");
    expect(formatMeasure(1.25e8, "B/s")).toBe("125 MB/s");
    expect(formatMeasure(12.5, "s")).toBe("12.5 s");
    expect(formatMeasure(5000, "/s")).toBe("5000/s");
    expect(formatMeasure(0.125, "ratio")).toBe("0.125");
    expect(thresholdsMarkdown([])).toBe("No thresholds.\n");
  });

  it("shows byte figures in the units the check was written in: binary for MiB/GiB limits, decimal otherwise", () => {
    expect(checkUsesBinaryBytes("publish throughput >= 98 MiB/s")).toBe(true);
    expect(checkUsesBinaryBytes("stored in S3 < 2GiB")).toBe(true);
    expect(checkUsesBinaryBytes("stored in S3 < 2 TB")).toBe(false);
    expect(checkUsesBinaryBytes("produce p99 < 50 ms")).toBe(false);
    // 98 MiB/s read back as written, not as 102.8 MB/s.
    expect(formatMeasure(98 * 2 ** 20, "B/s", true)).toBe("98 MiB/s");
    expect(formatMeasure(1.5 * 2 ** 40, "bytes", true)).toBe("1.5 TiB");
    expect(formatMeasure(512, "bytes", true)).toBe("512 B");
    const outcome = { ...outcomes[0], check: "publish throughput >= 98 MiB/s", unit: "B/s", operator: ">=" as const, limit: 98 * 2 ** 20, measured: 99 * 2 ** 20, margin: 2 ** 20, pass: true };
    expect(outcomeSentence(outcome)).toContain("measured 99 MiB/s, limit >= 98 MiB/s, margin +1 MiB/s");
    expect(thresholdsMarkdown([outcome])).toContain("| 99 MiB/s | >= 98 MiB/s | +1 MiB/s |");
  });

  it("follows the same rule in the HTML report as in the text reports", () => {
    for (const check of ["x >= 98 MiB/s", "x < 2 TB", "x < 5 kib", "x < 3 GB/s", "x < 50 ms", "x < 1.5TiB"]) {
      expect(vizUsesBinary(check), check).toBe(checkUsesBinaryBytes(check));
    }
    expect(formatQuantity(1.25e8, "B/s", false)).toBe("125 MB/s");
    expect(formatQuantity(98 * 2 ** 20, "B/s", true)).toBe("98 MiB/s");
  });
});

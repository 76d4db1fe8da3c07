import { describe, expect, it } from "vitest";
import { finishSweep } from "../../sim/sweep/aggregateSweep.ts";
import type { SweepDefinition, SweepRow } from "../../sim/sweep/sweepReport.ts";
import { formatThresholdStats, sweepMarkdown, sweepTerminal } from "../../sim/sweep/sweepText.ts";
import { sweepJunit } from "../../sim/sweep/sweepOutputs.ts";

const MiB = 2 ** 20;

/** One point × two seeds × one architecture: throughput of 20 and 22 MiB/s, judged by a limit written in MiB/s and
 * one written in MB/s. */
function report() {
  const definition: SweepDefinition = {
    schemaVersion: 1,
    kind: "sweep",
    scenario: { name: "t", source: "t.yaml", hash: "0".repeat(16), seed: 1 },
    architectures: ["kafka"],
    vary: [],
    seeds: { count: 2, rule: "test", values: [1, 2] },
    points: [{ index: 0, values: [], hash: "0".repeat(16) }],
    metrics: [{ name: "publishBytesRate", unit: "B/s", description: "bytes acknowledged per second" }],
    thresholds: [
      { index: 0, check: "publish throughput >= 98 MiB/s", area: "operations", severity: "blocking", unit: "B/s" },
      { index: 1, check: "publish throughput >= 100 MB/s", area: "operations", severity: "blocking", unit: "B/s" },
    ],
  };
  const rows: SweepRow[] = [20, 22].map((mib, seedIndex) => {
    const v = mib * MiB;
    return {
      point: 0,
      seedIndex,
      seed: 1 + seedIndex,
      runs: [{ architecture: "kafka", stoppedBy: "end", invariantViolations: 0, metrics: [v], thresholds: [0, 1].map((index) => ({ index, pass: false, measured: v, margin: -1 })) }],
    };
  });
  return finishSweep(definition, rows, null);
}

describe("the sweep's text", () => {
  it("shows byte rates in binary units (MiB/s), as run does, in the terminal and in Markdown", () => {
    const sweep = report();
    const terminal = sweepTerminal(sweep);
    expect(terminal).toMatch(/^publishBytesRate \(mean ± 95% CI\) +21 MiB\/s ± 12\.71 MiB\/s$/m);
    expect(sweepMarkdown(sweep)).toContain("| publishBytesRate (mean ± 95% CI) | 21 MiB/s ± 12.71 MiB/s |");
  });

  it("writes a threshold's measured figure in the byte units its check was written in", () => {
    const sweep = report();
    const [binary, decimal] = sweep.aggregates![0].thresholds;
    expect(formatThresholdStats(binary.measured, "B/s", sweep.thresholds[0].check)).toBe("21 MiB/s ± 12.71 MiB/s");
    expect(formatThresholdStats(decimal.measured, "B/s", sweep.thresholds[1].check)).toBe("22.02 MB/s ± 13.32 MB/s");
    expect(sweepJunit(sweep)).toContain("measured 21 MiB/s ± 12.71 MiB/s (mean ± 95% CI)");
  });
});

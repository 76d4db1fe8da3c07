// `bytepath sweep` and `bytepath merge` as CI runs them: the same sweep on one worker, on two, and as two shards
// merged must be the same bytes (child processes; see cliHarness.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SweepReportSchema } from "../../sim/sweep/sweepReport.ts";
import { bytepath, removeScenarioDirs, scenarioDir } from "./cliHarness.ts";

const SWEEP = ["sweep", "small.yaml", "--arch", "diskless", "--vary", "workload.producerRate=1MiB/s,2MiB/s", "--seeds", "2", "--minutes", "0.15", "--quiet"];

afterAll(removeScenarioDirs);

describe("bytepath sweep", () => {
  it("gives the same bytes on two workers as on one, and merged shards give the same bytes again", async () => {
    const dir = scenarioDir();
    const [one, two] = await Promise.all([bytepath([...SWEEP, "--workers", "1", "--json", "one.json"], dir), bytepath([...SWEEP, "--workers", "2", "--json", "two.json"], dir)]);
    expect([one.code, two.code]).toEqual([0, 0]);
    const whole = readFileSync(join(dir, "one.json"), "utf8");
    expect(readFileSync(join(dir, "two.json"), "utf8")).toBe(whole);

    const shards = await Promise.all([1, 2].map((i) => bytepath([...SWEEP, "--workers", "1", "--shard", `${i}/2`], dir)));
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    const merged = await bytepath(["merge", "sweep-shard-2-of-2.json", "sweep-shard-1-of-2.json", "--json", "--quiet"], dir);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole);

    const report = SweepReportSchema.parse(JSON.parse(whole));
    // 2 points × 2 seeds, seeds 11 and 12 (the scenario's seed + i); the grid reached the runs.
    expect(report.rows.map((r) => [r.point, r.seed])).toEqual([[0, 11], [0, 12], [1, 11], [1, 12]]);
    const rate = report.metrics.findIndex((m) => m.name === "publishBytesRate");
    const means = report.aggregates!.map((a) => a.metrics[rate].mean!);
    expect(means[1] / means[0]).toBeCloseTo(2, 1);
    const shard1 = SweepReportSchema.parse(JSON.parse(readFileSync(join(dir, "sweep-shard-1-of-2.json"), "utf8")));
    expect(shard1.rows.map((r) => [r.point, r.seedIndex])).toEqual([[0, 0], [1, 0]]);
    expect(shard1.aggregates).toBe(null);
  }, 90_000);
});

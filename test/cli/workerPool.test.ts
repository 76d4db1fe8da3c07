import { describe, expect, it } from "vitest";
import { JobFailure, WorkerPool, type JobProgress } from "../../sim/cli/workerPool.ts";
import { defaultComparison } from "../../sim/model/defaultScenario.ts";
import { runToReport } from "../../sim/report/runSession.ts";

describe("worker pool", () => {
  it("returns, in job order, the reports the same runs give in this thread", async () => {
    const configs = defaultComparison(3, 1_000_000).runs.slice(0, 3);
    const seen: JobProgress[] = [];
    const pool = new WorkerPool(2);
    try {
      const reports = await pool.run(configs.map((config) => ({ config, options: {} })), { sliceMicros: 300_000, onProgress: (p) => seen.push(p) });
      expect(JSON.stringify(reports)).toBe(JSON.stringify(configs.map((c) => runToReport(c))));
    } finally {
      await pool.close();
    }
    // Each job advanced slice by slice to its end.
    for (const job of [0, 1, 2]) {
      const times = seen.filter((p) => p.job === job).map((p) => p.nowMicros);
      expect(times).toEqual([300_000, 600_000, 900_000, 1_000_000]);
    }
  });

  it("rejects with the failing job's index and its error's name and message", async () => {
    const [good] = defaultComparison(3, 500_000).runs;
    const bad = { ...good, seed: -1 };
    const pool = new WorkerPool(1);
    try {
      const failure = await pool.run([{ config: good, options: {} }, { config: bad, options: {} }]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(JobFailure);
      expect((failure as JobFailure).job).toBe(1);
      expect((failure as JobFailure).error).toMatchObject({ name: "InputError", message: expect.stringMatching(/^seed: expected a whole number/) });
    } finally {
      await pool.close();
    }
  });
});

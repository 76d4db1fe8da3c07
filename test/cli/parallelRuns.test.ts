import { describe, expect, it } from "vitest";
import { runInParallel } from "../../sim/cli/parallelRuns.ts";
import { runComparison } from "../../sim/model/comparison.ts";
import { defaultComparison } from "../../sim/model/defaultScenario.ts";

describe("runs on worker threads", () => {
  it("give results identical to running them one after another in this thread", async () => {
    const configs = defaultComparison(3, 2_000_000).runs.slice(0, 3);
    const parallel = await runInParallel(configs, { workers: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(runComparison(configs)));
  });
});

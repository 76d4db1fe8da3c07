import { describe, expect, it } from "vitest";
import { createRun } from "../../sim/model/run.ts";
import { RunResultSchema } from "../../sim/model/result.ts";
import { runToEnd, smallRunConfig } from "../support/runs.ts";

const json = (value: unknown) => JSON.stringify(value);

describe("a run", () => {
  it("gives the identical result for the same scenario and seed", () => {
    expect(json(runToEnd({ seed: 7 }).result())).toBe(json(runToEnd({ seed: 7 }).result()));
  });

  it("gives a different result for a different seed", () => {
    expect(json(runToEnd({ seed: 7 }).result())).not.toBe(json(runToEnd({ seed: 8 }).result()));
  });

  it("gives the same result run whole or in a thousand slices", () => {
    const whole = runToEnd({ seed: 3 });
    const sliced = createRun(smallRunConfig({ seed: 3 }));
    const step = Math.ceil(sliced.endMicros / 1000);
    while (!sliced.done) sliced.advance(sliced.world.engine.nowMicros + step);
    sliced.sampler.sample();
    expect(json(sliced.result())).toBe(json(whole.result()));
  });

  it("produces a result that matches its published schema", () => {
    const result = runToEnd({ architecture: { kind: "kafka-tiered" } }).result();
    expect(RunResultSchema.safeParse(result).success).toBe(true);
    expect(result.publishLatency99pct).toBeGreaterThan(0);
  });

  it("reports an exhausted event budget instead of running past it", () => {
    const run = createRun({ ...smallRunConfig(), eventBudget: 10_000 });
    const step = run.advance(run.endMicros);
    expect(step.stoppedBy).toBe("eventBudget");
    expect(run.world.engine.eventsTotal).toBe(10_000);
  });
});

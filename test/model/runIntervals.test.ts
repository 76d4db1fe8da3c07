import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { INTERVALS_MAX } from "../../sim/metrics/intervalSeries.ts";
import { createRun } from "../../sim/model/run.ts";
import { smallRunConfig } from "../support/runs.ts";

describe("a run's sample interval", () => {
  it("is refused when the run is built, not when its clock reaches the last interval its series can hold", () => {
    // 5 s at 1 µs would need 5,000,001 intervals (its end included); the series hold 2^22 = 4,194,304.
    let error: unknown;
    try {
      createRun(smallRunConfig({ intervalMicros: 1 }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`intervalMicros: expected at least 2 µs for a run of 5000000 µs (a run's series hold at most ${INTERVALS_MAX} intervals) (got 1)`);
    expect(createRun(smallRunConfig({ intervalMicros: 2 })).endMicros).toBe(5_000_000);
    // The last whole run the series can hold at 1 µs ends one µs before interval INTERVALS_MAX begins.
    expect(createRun(smallRunConfig({ intervalMicros: 1, workload: { testDurationMicros: INTERVALS_MAX - 1 } })).endMicros).toBe(INTERVALS_MAX - 1);
    expect(() => createRun(smallRunConfig({ intervalMicros: 1, workload: { testDurationMicros: INTERVALS_MAX } }))).toThrow(/^intervalMicros: expected at least 2 µs/);
  });
});

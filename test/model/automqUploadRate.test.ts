import { describe, expect, it } from "vitest";
import type { AutomqBroker } from "../../sim/model/automqBroker.ts";
import { AutomqUploadRate } from "../../sim/model/automqUploadRate.ts";

const MiB = 1024 * 1024;
const SECOND = 1_000_000;

function broker(epoch = 0): AutomqBroker {
  return { index: 0, epoch } as AutomqBroker;
}

describe("AutoMQ threshold-upload rate", () => {
  it("is the block's size over its age, or over 20 s for an older block, and never below the highest seen", () => {
    const pace = new AutomqUploadRate(1);
    const b = broker();
    pace.opened(b, 0);
    // 500 MiB gathered in 30 s: the 20 s window gives 25 MiB/s, above the 16.7 MiB/s it filled at.
    expect(pace.rate(b, 500 * MiB, 30 * SECOND)).toBeCloseTo(25 * MiB, 6);
    pace.opened(b, 30 * SECOND);
    // 40 MiB in 4 s would be 10 MiB/s, but the broker has written faster before.
    expect(pace.rate(b, 40 * MiB, 34 * SECOND)).toBeCloseTo(25 * MiB, 6);
    pace.opened(b, 34 * SECOND);
    expect(pace.rate(b, 120 * MiB, 38 * SECOND)).toBeCloseTo(30 * MiB, 6);
  });

  it("does not limit a block younger than 100 ms, and forgets its rates when the broker restarts", () => {
    const pace = new AutomqUploadRate(1);
    const b = broker();
    pace.opened(b, 5 * SECOND);
    expect(pace.rate(b, 64 * MiB, 5 * SECOND + 100_000)).toBe(Number.POSITIVE_INFINITY);
    expect(pace.rate(b, 64 * MiB, 9 * SECOND)).toBeCloseTo(16 * MiB, 6);
    // After a restart 8 MiB over the 8 s since the block opened is 1 MiB/s: the 16 MiB/s of the past life is gone.
    const restarted = broker(2);
    expect(pace.rate(restarted, 8 * MiB, 13 * SECOND)).toBeCloseTo(1 * MiB, 6);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../sim/scenario/didYouMean.ts";

describe("editDistance", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["prodcerRate", "producerRate", 1],
    ["acsk", "acks", 1],
    ["", "abc", 3],
    ["same", "same", 0],
  ])("counts %s → %s as %i edits", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it("is zero exactly for equal strings, symmetric, and never above the longer length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 100);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a, 100)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it("stops at the cap without changing answers below it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 6 }), (a, b, cap) => {
        const full = editDistance(a, b, 100);
        expect(editDistance(a, b, cap)).toBe(Math.min(full, cap + 1));
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});

describe("didYouMean", () => {
  const fields = ["producerRate", "producersPerTopic", "partitionsPerTopic", "messageSize", "testDuration", "zones"];

  it("suggests the field a typo was aiming at", () => {
    expect(didYouMean("prodcerRate", fields)).toBe("producerRate");
    expect(didYouMean("producerrate", fields)).toBe("producerRate");
    expect(didYouMean("zonez", fields)).toBe("zones");
    expect(didYouMean("testDuraton", fields)).toBe("testDuration");
  });

  it("suggests nothing for a name that is not a near miss", () => {
    expect(didYouMean("base", ["name", "seed"])).toBeUndefined();
    expect(didYouMean("payloadFile", fields)).toBeUndefined();
    expect(didYouMean("x".repeat(100), fields)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { lnFraction32 } from "../sim/logFraction32.ts";

const TWO_POW_32 = 4294967296;
const EPSILON = Number.EPSILON;

/** Relative error of lnFraction32(m) against Math.log, in units of 2^-52 (about one ulp, never less). */
function ulpsOff(m: number): number {
  const reference = Math.log(m / TWO_POW_32);
  const got = lnFraction32(m);
  if (reference === 0) return got === 0 ? 0 : Infinity;
  return Math.abs(got - reference) / (Math.abs(reference) * EPSILON);
}

/** Whole numbers spread over [1, 2^32]: every power of two and its neighbours, both ends, and a fixed LCG walk. */
function samples(): number[] {
  const values: number[] = [];
  for (let e = 0; e <= 32; e++) values.push(2 ** e, 2 ** e - 1, 2 ** e + 1);
  for (let m = 1; m <= 2000; m++) values.push(m, TWO_POW_32 - m + 1);
  let x = 12345;
  for (let i = 0; i < 50_000; i++) {
    x = (x * 48271) % 2147483647;
    values.push(1 + (x % (TWO_POW_32 - 1)), 1 + ((x * 2) % (TWO_POW_32 - 1)));
  }
  return values.filter((m) => m >= 1 && m <= TWO_POW_32);
}

describe("lnFraction32", () => {
  it("matches Math.log to a relative error below 4 × 2^-52 across the whole range", () => {
    let worst = 0;
    let worstAt = 0;
    for (const m of samples()) {
      const off = ulpsOff(m);
      if (off > worst) [worst, worstAt] = [off, m];
    }
    expect(worst, `worst at m = ${worstAt}`).toBeLessThan(4);
  });

  it("is exactly 0 at m = 2^32 and within two ulps of -k ln 2 at powers of two", () => {
    expect(lnFraction32(TWO_POW_32)).toBe(-0);
    for (let k = 1; k <= 32; k++) {
      expect(Math.abs(lnFraction32(2 ** (32 - k)) + k * Math.LN2)).toBeLessThanOrEqual(2 * k * Math.LN2 * EPSILON);
    }
  });

  it("never decreases as m grows, including across its table intervals and where the series takes over", () => {
    // Every interval edge (g = 1/2 + i/512 at each binary exponent) and the switch at 1 - 2^-8, with neighbours.
    let decreases = 0;
    for (let e = 8; e < 32; e++) {
      for (let i = 0; i <= 256; i++) {
        const edge = Math.round(2 ** e * (1 + i / 256));
        for (let m = edge - 3; m < edge + 3; m++) {
          if (m >= 1 && m + 1 <= TWO_POW_32 && lnFraction32(m + 1) < lnFraction32(m)) decreases++;
        }
      }
    }
    expect(decreases).toBe(0);
  });
});

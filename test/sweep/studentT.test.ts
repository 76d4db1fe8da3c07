import { describe, expect, it } from "vitest";
import { incompleteBeta, logGamma, studentTCdf, studentTQuantile } from "../../sim/sweep/studentT.ts";

describe("Student's t distribution", () => {
  it("matches the closed-form quantiles for 1 and 2 degrees of freedom", () => {
    // df = 1 is the Cauchy distribution: t = tan(π(p − ½)); df = 2: t = (2p − 1) / √(2p(1 − p)).
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it("matches published two-sided 95% critical values", () => {
    // NIST/SEMATECH e-Handbook of Statistical Methods, table 1.4.2.3 (upper 0.025 critical values).
    const table: Array<[number, number]> = [
      [3, 3.182],
      [4, 2.776],
      [5, 2.571],
      [9, 2.262],
      [10, 2.228],
      [20, 2.086],
      [30, 2.042],
      [100, 1.984],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it("approaches the normal quantile 1.959964 as the degrees of freedom grow", () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it("is symmetric, and its CDF inverts its quantile", () => {
    for (const df of [1, 2.5, 7, 40]) {
      for (const p of [0.01, 0.3, 0.5, 0.8, 0.999]) {
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-studentTQuantile(p, df), 9);
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 11);
      }
    }
  });

  it("rests on a log-gamma and an incomplete beta that match their closed forms", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // I_x(1, 1) = x and I_x(a, 1) = x^a.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
  });

  it("rejects probabilities outside (0, 1) and degrees of freedom <= 0, naming the argument", () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/^p: expected a probability/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/^df: expected degrees of freedom > 0/);
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(/^t: /);
  });
});

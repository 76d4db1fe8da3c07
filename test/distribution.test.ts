import { describe, expect, it } from "vitest";
import {
  createSampler,
  distributionMean,
  distributionQuantile,
  scaleDistribution,
  validateDistribution,
  type DistributionSpec,
} from "../sim/distribution.ts";
import { InputError } from "../sim/errors.ts";
import { createRng } from "../sim/random.ts";

const SAMPLES = 100_000;
// Five standard errors: a correct sampler fails a given check with probability below 1e-6, and the seeds are fixed.
const Z = 5;

function draw(spec: DistributionSpec, seed: number, n = SAMPLES): Float64Array {
  const sample = createSampler(spec, createRng(seed).fork("distribution-test"));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample();
  return out;
}

function meanAndStdError(xs: Float64Array): { mean: number; stdError: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { mean, stdError: Math.sqrt(squares / (xs.length - 1) / xs.length) };
}

function fractionAtMost(xs: Float64Array, bound: number): number {
  let n = 0;
  for (const x of xs) if (x <= bound) n++;
  return n / xs.length;
}

// Continuous distributions with finite variance, so the sample mean obeys the central limit theorem.
const continuous: Array<[string, DistributionSpec]> = [
  ["uniform", { kind: "uniform", min: 200, max: 1_000 }],
  ["exponential", { kind: "exponential", mean: 5_000 }],
  ["normal", { kind: "normal", mean: 1_000, stddev: 100 }],
  ["normal truncated on both sides", { kind: "normal", mean: 1_000, stddev: 400, min: 500, max: 1_200 }],
  ["normal truncated above the mean", { kind: "normal", mean: 0, stddev: 1, min: 2 }],
  ["normal truncated to a narrow window", { kind: "normal", mean: 100, stddev: 10, min: 101, max: 103 }],
  ["lognormal", { kind: "lognormal", median: 800, sigma: 0.6 }],
  ["pareto with shape 3", { kind: "pareto", scale: 100, shape: 3 }],
  ["boundedPareto with shape 1.2", { kind: "boundedPareto", min: 1_000, max: 1_000_000, shape: 1.2 }],
  ["boundedPareto with shape 1", { kind: "boundedPareto", min: 10, max: 1_000, shape: 1 }],
  ["empirical", { kind: "empirical", quantiles: [[0, 800], [0.5, 1_000], [0.9, 2_000], [0.99, 8_000], [1, 20_000]] }],
];

describe("createSampler", () => {
  it.each(continuous)("%s: the sample mean matches the closed-form mean within 5 standard errors", (_, spec) => {
    const { mean, stdError } = meanAndStdError(draw(spec, 11));
    expect(Math.abs(mean - distributionMean(spec))).toBeLessThan(Z * stdError);
  });

  it.each(continuous)("%s: the closed-form quantiles cut the sample at p within 5 binomial standard errors", (_, spec) => {
    const xs = draw(spec, 12);
    for (const p of [0.05, 0.25, 0.5, 0.9, 0.99]) {
      const bound = Z * Math.sqrt((p * (1 - p)) / xs.length);
      expect(Math.abs(fractionAtMost(xs, distributionQuantile(spec, p)) - p)).toBeLessThan(bound);
    }
  });

  it("pareto with infinite variance (shape 1.5) still matches its quantiles", () => {
    const spec: DistributionSpec = { kind: "pareto", scale: 1_000, shape: 1.5 };
    const xs = draw(spec, 13);
    for (const p of [0.5, 0.9, 0.999]) {
      expect(Math.abs(fractionAtMost(xs, distributionQuantile(spec, p)) - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / xs.length));
    }
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps every truncated normal draw inside [min, max]", () => {
    const spec: DistributionSpec = { kind: "normal", mean: 1_000, stddev: 400, min: 900, max: 950 };
    const xs = draw(spec, 14, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(900);
    expect(Math.max(...xs)).toBeLessThanOrEqual(950);
  });

  it("samples a window far out in a tail exactly instead of clamping to its bound", () => {
    // P(10 ≤ Z ≤ 11) ≈ 7.6e-24, so resampling could never land inside; the draws must still follow the
    // truncated law, whose mean 10 + φ(10)/Q(10) ≈ 10.098 is well inside the window.
    const spec: DistributionSpec = { kind: "normal", mean: 0, stddev: 1, min: 10, max: 11 };
    const xs = draw(spec, 15, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...xs)).toBeLessThanOrEqual(11);
    const { mean, stdError } = meanAndStdError(xs);
    expect(distributionMean(spec)).toBeCloseTo(10.098, 3);
    expect(Math.abs(mean - distributionMean(spec))).toBeLessThan(Z * stdError);
  });

  it("returns the value of a deterministic distribution every time", () => {
    expect(draw({ kind: "deterministic", value: 250 }, 16, 100).every((x) => x === 250)).toBe(true);
  });

  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const spec: DistributionSpec = { kind: "lognormal", median: 800, sigma: 0.5 };
    expect(Array.from(draw(spec, 7, 50))).toEqual(Array.from(draw(spec, 7, 50)));
    expect(Array.from(draw(spec, 7, 50))).not.toEqual(Array.from(draw(spec, 8, 50)));
  });

  it("rejects a spec with an error naming the caller's field", () => {
    const rng = createRng(1);
    expect(() => createSampler({ kind: "lognormal", median: 800, sigma: -1 }, rng, "s3.putLatency")).toThrow(
      /^s3\.putLatency\.sigma: expected a number >= 0 \(got -1\)$/,
    );
  });
});

describe("distributionMean and distributionQuantile", () => {
  it("agree with published closed forms", () => {
    // Φ⁻¹(0.975) = 1.959963984540054; exponential median = mean·ln 2; lognormal mean = median·e^{σ²/2}.
    expect(distributionQuantile({ kind: "normal", mean: 10, stddev: 2 }, 0.975)).toBeCloseTo(10 + 2 * 1.959963984540054, 12);
    expect(distributionQuantile({ kind: "exponential", mean: 100 }, 0.5)).toBeCloseTo(100 * Math.LN2, 12);
    expect(distributionMean({ kind: "lognormal", median: 1, sigma: 1 })).toBeCloseTo(Math.exp(0.5), 14);
    expect(distributionMean({ kind: "pareto", scale: 2, shape: 3 })).toBeCloseTo(3, 14);
    expect(distributionMean({ kind: "pareto", scale: 2, shape: 1 })).toBe(Infinity);
    // Half-normal: E[Z | Z ≥ 0] = √(2/π).
    expect(distributionMean({ kind: "normal", mean: 0, stddev: 1, min: 0 })).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
  });

  it("gives a bounded Pareto mean continuous across shape 1", () => {
    const at = (shape: number) => distributionMean({ kind: "boundedPareto", min: 10, max: 1_000, shape });
    expect(at(1 + 1e-6)).toBeCloseTo(at(1), 3);
    expect(at(1 - 1e-6)).toBeCloseTo(at(1), 3);
  });

  it("interpolates an empirical table exactly at its knots and linearly between them", () => {
    const quantiles: Array<[number, number]> = [[0, 800], [0.5, 1_000], [0.9, 2_000], [0.9, 2_500], [1, 20_000]];
    const spec: DistributionSpec = { kind: "empirical", quantiles };
    for (const [p, value] of [[0, 800], [0.5, 1_000], [1, 20_000]]) expect(distributionQuantile(spec, p)).toBe(value);
    expect(distributionQuantile(spec, 0.7)).toBeCloseTo(1_500, 9);
    expect(distributionMean(spec)).toBeCloseTo(0.5 * 900 + 0.4 * 1_500 + 0.1 * 11_250, 9);
  });

  it("returns infinite quantiles at the open ends of unbounded distributions", () => {
    expect(distributionQuantile({ kind: "exponential", mean: 1 }, 1)).toBe(Infinity);
    expect(distributionQuantile({ kind: "normal", mean: 0, stddev: 1 }, 0)).toBe(-Infinity);
    expect(distributionQuantile({ kind: "boundedPareto", min: 1, max: 8, shape: 2 }, 1)).toBe(8);
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => distributionQuantile({ kind: "exponential", mean: 1 }, 1.5)).toThrow(InputError);
    expect(() => distributionQuantile({ kind: "exponential", mean: 1 }, Number.NaN)).toThrow(/^p: expected a probability/);
  });
});

describe("scaleDistribution", () => {
  const scalable: Array<[string, DistributionSpec]> = [
    ["deterministic", { kind: "deterministic", value: 7 }],
    ...continuous,
  ];

  it.each(scalable)("%s: scaling by 3 multiplies the mean and every quantile by 3", (_, spec) => {
    const scaled = scaleDistribution(spec, 3);
    expect(distributionMean(scaled)).toBeCloseTo(3 * distributionMean(spec), 6);
    for (const p of [0.1, 0.5, 0.9]) {
      const expected = 3 * distributionQuantile(spec, p);
      expect(Math.abs(distributionQuantile(scaled, p) - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-9);
    }
  });

  it("rejects a factor that is not a positive finite number", () => {
    expect(() => scaleDistribution({ kind: "exponential", mean: 1 }, 0)).toThrow(/^factor: expected a finite number > 0/);
    expect(() => scaleDistribution({ kind: "exponential", mean: 1 }, Infinity)).toThrow(InputError);
  });
});

describe("validateDistribution", () => {
  it("lists the known kinds when the kind is unknown", () => {
    expect(() => validateDistribution({ kind: "gamma", shape: 2 }, "s3.putLatency")).toThrow(
      /^s3\.putLatency\.kind: expected one of "deterministic", "uniform", "exponential", "normal", "lognormal", "pareto", "boundedPareto", "empirical" \(got "gamma"\)$/,
    );
  });

  it.each([
    ["not an object", 5, /^d: expected a distribution object/],
    ["a missing field", { kind: "exponential" }, /^d\.mean: expected a finite number \(got undefined\)$/],
    ["a misspelt field", { kind: "normal", mean: 1, stdev: 2 }, /^d\.stdev: expected only the fields of a normal distribution: mean, stddev, min, max/],
    ["a string number", { kind: "exponential", mean: "5" }, /^d\.mean: expected a finite number \(got "5"\)$/],
    ["a zero mean", { kind: "exponential", mean: 0 }, /^d\.mean: expected a number > 0 \(got 0\)$/],
    ["uniform max below min", { kind: "uniform", min: 5, max: 4 }, /^d\.max: expected a number >= 5 \(got 4\)$/],
    ["normal max below min", { kind: "normal", mean: 0, stddev: 1, min: 2, max: 1 }, /^d\.max: expected a number >= 2/],
    ["bounded Pareto max equal to min", { kind: "boundedPareto", min: 5, max: 5, shape: 1 }, /^d\.max: expected a number > 5/],
    ["an empirical table not starting at 0", { kind: "empirical", quantiles: [[0.1, 1], [1, 2]] }, /^d\.quantiles\[0\]\[0\]: expected p = 0/],
    ["an empirical table not ending at 1", { kind: "empirical", quantiles: [[0, 1], [0.9, 2]] }, /^d\.quantiles\[1\]\[0\]: expected p = 1/],
    ["decreasing empirical values", { kind: "empirical", quantiles: [[0, 5], [1, 2]] }, /^d\.quantiles\[1\]\[1\]: expected a value >= 5/],
    ["decreasing empirical p", { kind: "empirical", quantiles: [[0, 1], [0.6, 2], [0.5, 3], [1, 4]] }, /^d\.quantiles\[2\]\[0\]: expected p >= 0\.6/],
    ["a malformed empirical row", { kind: "empirical", quantiles: [[0, 1], [1]] }, /^d\.quantiles\[1\]: expected a \[p, value\] pair/],
    ["an empirical table of one row", { kind: "empirical", quantiles: [[0, 1]] }, /^d\.quantiles: expected a table like/],
  ])("rejects %s with an InputError naming the field", (_, spec, message) => {
    expect(() => validateDistribution(spec, "d")).toThrow(InputError);
    expect(() => validateDistribution(spec, "d")).toThrow(message);
  });

  it("returns a copy that later edits to the input do not change", () => {
    const input = { kind: "empirical", quantiles: [[0, 1], [1, 2]] };
    const spec = validateDistribution(input, "d");
    input.quantiles[1][1] = 99;
    expect(distributionQuantile(spec, 1)).toBe(2);
  });
});

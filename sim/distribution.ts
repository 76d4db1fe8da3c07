// Probability distributions for model inputs (latencies, sizes, think times): a sampler driven by a passed-in Rng,
// and closed-form means and quantiles to test and reason with. Values are unit-agnostic numbers; callers use µs
// for latencies and round samples themselves. Specs and their validation live in distributionSpec.ts.

import { InputError } from "./errors.ts";
import type { Rng } from "./random.ts";
import { validateDistribution, type DistributionSpec } from "./distributionSpec.ts";
import { normalCdf, normalPdf, normalQuantile, normalUpperTail } from "./standardNormal.ts";

export {
  DISTRIBUTION_KINDS,
  EMPIRICAL_KNOTS_MAX,
  describeDistribution,
  validateDistribution,
  type DistributionSpec,
} from "./distributionSpec.ts";

/** Draws one value per call, in the spec's unit. */
export type Sampler = () => number;

/** Draws before a truncated normal gives up resampling and clamps to the nearer bound. */
export const NORMAL_RESAMPLE_TRIES = 64;
/** Below this probability mass inside [min, max], a truncated normal samples by inverse CDF instead of resampling. */
const RESAMPLE_MASS_MIN = 0.25;

/** Validates spec and returns a sampler drawing from rng; field names the spec in errors (default "distribution"). */
export function createSampler(spec: DistributionSpec, rng: Rng, field = "distribution"): Sampler {
  const s = validateDistribution(spec, field);
  if (typeof rng !== "object" || rng === null || typeof rng.next !== "function") {
    throw new InputError("rng", rng, "an Rng from createRng(seed).fork(label)");
  }
  switch (s.kind) {
    case "deterministic": {
      const value = s.value;
      return () => value;
    }
    case "uniform": {
      const { min } = s;
      const width = s.max - s.min;
      return () => min + width * rng.next();
    }
    case "exponential": {
      const { mean } = s;
      return () => rng.exponential(mean);
    }
    case "normal":
      return normalSampler(s, rng);
    case "lognormal": {
      const { median, sigma } = s;
      return () => median * Math.exp(sigma * rng.normal());
    }
    case "pareto": {
      const { scale } = s;
      const exponent = -1 / s.shape;
      // 1 - u lies in (0, 1], so the power is finite.
      return () => scale * Math.pow(1 - rng.next(), exponent);
    }
    case "boundedPareto": {
      const inverse = boundedParetoInverse(s);
      return () => inverse(rng.next());
    }
    case "empirical": {
      const ps = Float64Array.from(s.quantiles, (row) => row[0]);
      const values = Float64Array.from(s.quantiles, (row) => row[1]);
      return () => empiricalQuantile(ps, values, rng.next());
    }
  }
}

function normalSampler(s: NormalSpec, rng: Rng): Sampler {
  const { mean, stddev } = s;
  const min = s.min ?? -Infinity;
  const max = s.max ?? Infinity;
  if (min === -Infinity && max === Infinity) return () => mean + stddev * rng.normal();
  const { mass } = truncation(s);
  // Resampling is cheapest while most draws land in range: at mass ≥ 1/4 all tries fail with probability
  // below 1e-8. A narrow or far-tail window would clamp often instead, so there we invert the CDF, which is exact.
  if (stddev === 0 || mass < RESAMPLE_MASS_MIN) {
    const inverse = truncatedNormalInverse(s);
    return () => inverse(rng.next());
  }
  return () => {
    let x = 0;
    for (let attempt = 0; attempt < NORMAL_RESAMPLE_TRIES; attempt++) {
      x = mean + stddev * rng.normal();
      if (x >= min && x <= max) return x;
    }
    return x < min ? min : max;
  };
}

/** Expected value in closed form: Infinity for a Pareto with shape ≤ 1; empirical tables by the trapezoid rule,
 * which is exact for their piecewise-linear inverse CDF. */
export function distributionMean(spec: DistributionSpec): number {
  const s = validateDistribution(spec, "distribution");
  switch (s.kind) {
    case "deterministic":
      return s.value;
    case "uniform":
      return (s.min + s.max) / 2;
    case "exponential":
      return s.mean;
    case "normal":
      return truncatedNormalMean(s);
    case "lognormal":
      return s.median * Math.exp((s.sigma * s.sigma) / 2);
    case "pareto":
      return s.shape > 1 ? (s.shape * s.scale) / (s.shape - 1) : Infinity;
    case "boundedPareto":
      return boundedParetoMean(s);
    case "empirical": {
      let sum = 0;
      const q = s.quantiles;
      for (let i = 1; i < q.length; i++) sum += ((q[i][0] - q[i - 1][0]) * (q[i][1] + q[i - 1][1])) / 2;
      return sum;
    }
  }
}

/** The value below which a fraction p (0 to 1) of draws fall, in closed form; ±Infinity at the ends of
 * unbounded distributions. */
export function distributionQuantile(spec: DistributionSpec, p: number): number {
  const s = validateDistribution(spec, "distribution");
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new InputError("p", p, "a probability between 0 and 1");
  switch (s.kind) {
    case "deterministic":
      return s.value;
    case "uniform":
      return s.min + p * (s.max - s.min);
    case "exponential":
      return -s.mean * Math.log1p(-p);
    case "normal":
      return truncatedNormalQuantile(s, p);
    case "lognormal":
      return s.median * Math.exp(s.sigma * normalQuantile(p));
    case "pareto":
      return s.scale * Math.pow(1 - p, -1 / s.shape);
    case "boundedPareto":
      return boundedParetoInverse(s)(p);
    case "empirical":
      return empiricalQuantile(s.quantiles.map((row) => row[0]), s.quantiles.map((row) => row[1]), p);
  }
}

/** The same distribution with every value (not shape parameters) multiplied by factor > 0, e.g. for brownouts. */
export function scaleDistribution(spec: DistributionSpec, factor: number): DistributionSpec {
  const s = validateDistribution(spec, "distribution");
  if (typeof factor !== "number" || !Number.isFinite(factor) || factor <= 0) {
    throw new InputError("factor", factor, "a finite number > 0");
  }
  switch (s.kind) {
    case "deterministic":
      return { kind: "deterministic", value: s.value * factor };
    case "uniform":
      return { kind: "uniform", min: s.min * factor, max: s.max * factor };
    case "exponential":
      return { kind: "exponential", mean: s.mean * factor };
    case "normal": {
      const scaled: DistributionSpec = { kind: "normal", mean: s.mean * factor, stddev: s.stddev * factor };
      if (s.min !== undefined) scaled.min = s.min * factor;
      if (s.max !== undefined) scaled.max = s.max * factor;
      return scaled;
    }
    case "lognormal":
      return { kind: "lognormal", median: s.median * factor, sigma: s.sigma };
    case "pareto":
      return { kind: "pareto", scale: s.scale * factor, shape: s.shape };
    case "boundedPareto":
      return { kind: "boundedPareto", min: s.min * factor, max: s.max * factor, shape: s.shape };
    case "empirical":
      return { kind: "empirical", quantiles: s.quantiles.map(([p, v]) => [p, v * factor]) };
  }
}

type NormalSpec = Extract<DistributionSpec, { kind: "normal" }>;

/** Standardized truncation bounds and the probability mass between them, computed in the tail where it is exact. */
function truncation(s: NormalSpec): { alpha: number; beta: number; mass: number; upper: boolean } {
  const alpha = ((s.min ?? -Infinity) - s.mean) / s.stddev;
  const beta = ((s.max ?? Infinity) - s.mean) / s.stddev;
  // When the whole window lies above the mean, Φ(β) − Φ(α) cancels; Q(α) − Q(β) does not.
  const upper = alpha > 0;
  const mass = upper ? normalUpperTail(alpha) - normalUpperTail(beta) : normalCdf(beta) - normalCdf(alpha);
  return { alpha, beta, mass, upper };
}

function clampTo(s: NormalSpec, x: number): number {
  return Math.min(s.max ?? Infinity, Math.max(s.min ?? -Infinity, x));
}

function truncatedNormalMean(s: NormalSpec): number {
  if (s.stddev === 0) return clampTo(s, s.mean);
  const { alpha, beta, mass } = truncation(s);
  // With (almost) no mass in range, the sampler clamps nearly every draw, so the clamped mean is the true one.
  if (!(mass > 1e-300)) return clampTo(s, s.mean);
  const densityAlpha = alpha === -Infinity ? 0 : normalPdf(alpha);
  const densityBeta = beta === Infinity ? 0 : normalPdf(beta);
  return clampTo(s, s.mean + (s.stddev * (densityAlpha - densityBeta)) / mass);
}

function truncatedNormalQuantile(s: NormalSpec, p: number): number {
  return truncatedNormalInverse(s)(p);
}

/** The inverse CDF of a truncated normal with its bounds' tail probabilities computed once, for sampling. */
function truncatedNormalInverse(s: NormalSpec): (p: number) => number {
  const { mean, stddev } = s;
  const { alpha, mass, upper } = truncation(s);
  if (stddev === 0 || !(mass > 1e-300)) {
    const fixed = clampTo(s, mean);
    return () => fixed;
  }
  if (upper) {
    const tailAlpha = normalUpperTail(alpha);
    return (p) => clampTo(s, mean - stddev * normalQuantile(tailAlpha - p * mass));
  }
  const lowAlpha = alpha === -Infinity ? 0 : normalCdf(alpha);
  return (p) => clampTo(s, mean + stddev * normalQuantile(lowAlpha + p * mass));
}

type BoundedParetoSpec = Extract<DistributionSpec, { kind: "boundedPareto" }>;

/** Inverse of F(x) = (1 − (L/x)^a) / (1 − (L/H)^a) on [L, H], with the constant part computed once. */
function boundedParetoInverse(s: BoundedParetoSpec): (p: number) => number {
  const { min, max } = s;
  const spread = 1 - Math.pow(min / max, s.shape);
  const exponent = -1 / s.shape;
  return (p) => Math.min(max, Math.max(min, min * Math.pow(1 - p * spread, exponent)));
}

function boundedParetoMean(s: BoundedParetoSpec): number {
  const { min: low, max: high, shape: a } = s;
  const norm = 1 - Math.pow(low / high, a);
  // At a = 1 the general form is 0/0; its limit is L·ln(H/L) / (1 − L/H).
  if (Math.abs(a - 1) < 1e-9) return (low * Math.log(high / low)) / norm;
  return ((a * Math.pow(low, a)) / norm) * ((Math.pow(high, 1 - a) - Math.pow(low, 1 - a)) / (1 - a));
}

/** Piecewise-linear inverse CDF through the knots; exact at every knot. Allocation-free (binary search). */
function empiricalQuantile(ps: ArrayLike<number>, values: ArrayLike<number>, p: number): number {
  const last = ps.length - 1;
  if (p >= 1) return values[last];
  // Largest i with ps[i] ≤ p; ps[last] = 1 > p, so i < last and the segment (i, i+1) has positive width.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ps[mid] <= p) lo = mid;
    else hi = mid;
  }
  const width = ps[lo + 1] - ps[lo];
  return values[lo] + ((p - ps[lo]) / width) * (values[lo + 1] - values[lo]);
}

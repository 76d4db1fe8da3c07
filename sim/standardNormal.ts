// The standard normal distribution's density, CDF and inverse CDF, accurate to about 1e-14 relative in both tails.
// Used by the closed forms in distribution.ts (normal, truncated normal, lognormal); samplers draw via Rng.normal().

const SQRT2 = Math.SQRT2;
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
// Below this the everywhere-convergent erf series is accurate; above it the erfc continued fraction converges fast.
const SERIES_LIMIT = 2.5;
const SERIES_TERMS_MAX = 200;
const FRACTION_DEPTH = 120;

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Standard normal CDF Φ(x) = P(Z ≤ x); accurate relative to the smaller tail. */
export function normalCdf(x: number): number {
  if (x !== x) return x;
  // Computing the lower tail directly (never as 1 - something small) keeps precision for x far below 0.
  return x < 0 ? 0.5 * erfc(-x / SQRT2) : 1 - 0.5 * erfc(x / SQRT2);
}

/** Upper tail Q(x) = P(Z > x) = Φ(-x), accurate for large x where 1 - Φ(x) would cancel. */
export function normalUpperTail(x: number): number {
  return normalCdf(-x);
}

/** Inverse standard normal CDF: the z with Φ(z) = p; -Infinity at 0 and Infinity at 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const lowerTail = p < 0.5 ? p : 1 - p;
  // A rational starting point (error below 5e-4), then Halley steps on the lower tail, where Φ is exact-ish.
  const t = Math.sqrt(-2 * Math.log(lowerTail));
  let z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let step = 0; step < 6; step++) {
    const density = normalPdf(z);
    if (density === 0) break;
    const error = (normalCdf(z) - lowerTail) / density;
    const next = z - error / (1 + (z * error) / 2);
    if (next === z) break;
    z = next;
  }
  return p < 0.5 ? z : -z;
}

/** Complementary error function for z ≥ 0. */
function erfc(z: number): number {
  if (z === Infinity) return 0;
  if (z < SERIES_LIMIT) return 1 - erfSeries(z);
  // erfc(z) = e^{-z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))), evaluated from a fixed depth backwards.
  let tail = z;
  for (let k = FRACTION_DEPTH; k >= 1; k--) tail = z + k / 2 / tail;
  return (Math.exp(-z * z) * INV_SQRT_PI) / tail;
}

/** erf(z) = 2/√π · e^{-z²} · Σ 2^n z^(2n+1) / (1·3·…·(2n+1)); every term is positive, so nothing cancels. */
function erfSeries(z: number): number {
  const twoZSquared = 2 * z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < SERIES_TERMS_MAX; n++) {
    term *= twoZSquared / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return 2 * INV_SQRT_PI * Math.exp(-z * z) * sum;
}

// Natural logarithms of 32-bit fractions m / 2^32, built from IEEE adds, multiplies and divides only. The random
// streams draw every exponential through it: it stays inside JIT code where Math.log calls out to C (measured
// about 1.5x faster in V8), and, unlike Math.log, which the spec lets engines approximate, it is the same everywhere.

// 256 table intervals split [1/2, 1) so that the residual ratio t below stays under 2^-9. Fractions within 2^-8
// of 1 take a direct series instead. The hot function spells these as literals (512, 0.00390625 = 2^-8,
// 2.3283064365386963e-10 = 2^-32) because V8 reloads and rechecks module constants on every call.
const TABLE_SIZE = 256;

// 2^-e for e = 0..32, exact powers of two.
const POW2_NEGATIVE = new Float64Array(33);
// Interval centres c_j = 1/2 + (j + 1/2) / 512, their reciprocals and their logarithms.
const CENTRE = new Float64Array(TABLE_SIZE);
const CENTRE_RECIPROCAL = new Float64Array(TABLE_SIZE);
const CENTRE_LN = new Float64Array(TABLE_SIZE);

POW2_NEGATIVE[0] = 1;
for (let e = 1; e <= 32; e++) POW2_NEGATIVE[e] = POW2_NEGATIVE[e - 1] * 0.5;
for (let j = 0; j < TABLE_SIZE; j++) {
  const centre = 0.5 + (j + 0.5) / (2 * TABLE_SIZE);
  CENTRE[j] = centre;
  CENTRE_RECIPROCAL[j] = 1 / centre;
  CENTRE_LN[j] = lnBySeries(centre);
}

/** ln(x) for x in [1/2, 1) by ln x = 2 atanh((x-1)/(x+1)); slow but correct to an ulp or two, for the table. */
function lnBySeries(x: number): number {
  const s = (x - 1) / (x + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  // |s| is at most 1/3, so terms fall at least 9x per step; 40 steps reach far below one ulp.
  for (let n = 0; n < 40; n++) {
    sum += term / (2 * n + 1);
    term *= s2;
  }
  return 2 * sum;
}

/**
 * ln(m / 2^32) for a whole number m from 1 to 2^32, to a relative error below 1e-15 (a few ulps). Writing
 * m / 2^32 = 2^(e-31) g with g in [1/2, 1), the result is (e - 31) ln 2 + ln c_j + ln(1 + t): c_j is the table
 * centre nearest g, and t = (g - c_j) / c_j is below 2^-9, so five series terms leave an error under 1e-17. The
 * terms are grouped (Estrin's scheme) to shorten the chain of dependent multiplies, which bounds its speed.
 */
export function lnFraction32(m: number): number {
  // Within 2^-8 of 1, ln(1 - v) = -(v + v^2/2 + ... + v^7/7) directly, keeping full relative precision near 0.
  const v = (4294967296 - m) * 2.3283064365386963e-10;
  if (v < 0.00390625) return -v * (1 + v * (0.5 + v * (1 / 3 + v * (0.25 + v * (0.2 + v * (1 / 6 + v / 7))))));
  const e = 31 - Math.clz32(m);
  const g = m * POW2_NEGATIVE[e + 1];
  const j = ((g - 0.5) * 512) | 0;
  const t = (g - CENTRE[j]) * CENTRE_RECIPROCAL[j];
  const t2 = t * t;
  // ln(1 + t) = t - t^2/2 + t^3 (1/3 - t/4 + t^2/5) + O(t^6).
  const lnOnePlusT = t - 0.5 * t2 + t2 * t * (1 / 3 - 0.25 * t + 0.2 * t2);
  return (e - 31) * Math.LN2 + (CENTRE_LN[j] + lnOnePlusT);
}

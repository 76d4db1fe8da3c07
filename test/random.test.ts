import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { InputError } from "../sim/errors.ts";
import { createRng, type Rng } from "../sim/random.ts";

function draws(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.next());
}

function fieldOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).field;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** Sample mean and variance. */
function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe("createRng", () => {
  it("gives the same stream for the same seed", () => {
    expect(draws(createRng(7), 1000)).toEqual(draws(createRng(7), 1000));
  });

  it("gives different streams for different seeds", () => {
    const a = draws(createRng(7), 100);
    const b = draws(createRng(8), 100);
    expect(a.filter((value, i) => value === b[i]).length).toBeLessThan(2);
  });

  it("draws exactly seedrandom's alea stream for the stream's key", () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
      const rng = createRng(seed).fork("broker-0").fork("disk");
      const reference = seedrandom.alea(`${seed}/broker-0/disk`);
      expect(rng.key).toBe(`${seed}/broker-0/disk`);
      expect(draws(rng, 5000)).toEqual(Array.from({ length: 5000 }, () => reference()));
    }
  });

  it("forks by label: a fork's draws do not depend on which other forks exist or in what order they were made", () => {
    const alone = createRng(3).fork("s3");
    const root = createRng(3);
    const other = root.fork("producer-0");
    other.next();
    root.next();
    root.fork("producer-1").next();
    const crowded = root.fork("s3");
    expect(draws(crowded, 500)).toEqual(draws(alone, 500));
  });

  it("forking does not consume or shift the parent's draws", () => {
    const plain = createRng(9);
    const forking = createRng(9);
    const expected = draws(plain, 10);
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      forking.fork(`child-${i}`).next();
      seen.push(forking.next());
    }
    expect(seen).toEqual(expected);
  });

  it("gives different labels different streams", () => {
    const root = createRng(1);
    const a = draws(root.fork("a"), 100);
    const b = draws(root.fork("b"), 100);
    expect(a.filter((value, i) => value === b[i]).length).toBeLessThan(2);
  });

  it("rejects seeds that are not 32-bit unsigned integers, naming the seed", () => {
    for (const seed of [-1, 1.5, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY, "42" as unknown as number]) {
      expect(fieldOf(() => createRng(seed))).toBe("seed");
    }
  });
});

describe("Rng", () => {
  it("draws uniforms in [0, 1)", () => {
    const values = draws(createRng(4), 100_000);
    expect(values.every((u) => u >= 0 && u < 1)).toBe(true);
    // Var(U) = 1/12; the sample mean's sd is sqrt(1/12/n) ≈ 0.0009, so 5 sd is a bound a broken generator misses.
    expect(Math.abs(moments(values).mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / values.length));
  });

  it("draws int(min, maxExclusive) from every value of the range and nothing outside it, evenly", () => {
    const rng = createRng(5);
    const counts = new Map<number, number>();
    const n = 70_000;
    for (let i = 0; i < n; i++) {
      const value = rng.int(-3, 4);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    // Each count is Binomial(n, 1/7): mean 10000, sd sqrt(n p (1-p)) ≈ 92.6.
    const sd = Math.sqrt(n * (1 / 7) * (6 / 7));
    for (const count of counts.values()) expect(Math.abs(count - n / 7)).toBeLessThan(5 * sd);
  });

  it("returns true from chance(p) with frequency p, and exactly never or always at 0 and 1", () => {
    const rng = createRng(6);
    const n = 100_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (rng.chance(0.3)) hits++;
    expect(Math.abs(hits - 0.3 * n)).toBeLessThan(5 * Math.sqrt(n * 0.3 * 0.7));
    let wrong = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0) || !rng.chance(1)) wrong++;
    expect(wrong).toBe(0);
  });

  it("draws exponentials with the requested mean and a variance of mean squared", () => {
    const rng = createRng(8);
    const mean = 250;
    const n = 200_000;
    const values = Array.from({ length: n }, () => rng.exponential(mean));
    const sample = moments(values);
    expect(values.every((x) => x >= 0)).toBe(true);
    // sd of the sample mean is mean / sqrt(n) ≈ 0.56; of the sample variance about mean² sqrt(8 / n).
    expect(Math.abs(sample.mean - mean)).toBeLessThan((5 * mean) / Math.sqrt(n));
    expect(Math.abs(sample.variance - mean * mean)).toBeLessThan(5 * mean * mean * Math.sqrt(8 / n));
  });

  it("draws exponentials whose distribution passes a Kolmogorov–Smirnov test against 1 - e^(-x/mean)", () => {
    const rng = createRng(14);
    const n = 50_000;
    const sorted = Float64Array.from({ length: n }, () => rng.exponential(2)).sort();
    let d = 0;
    sorted.forEach((x, i) => {
      const cdf = 1 - Math.exp(-x / 2);
      d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
    });
    // The 1% critical value of D for large n is 1.63 / sqrt(n), about 0.0073 here.
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it("draws whole-µs exponentials whose mean stays unbiased by the rounding", () => {
    const rng = createRng(10);
    const meanMicros = 3;
    const n = 200_000;
    const values = Array.from({ length: n }, () => rng.exponentialMicros(meanMicros));
    expect(values.every(Number.isSafeInteger)).toBe(true);
    // Rounding to nearest shifts an Exp(3) mean by under 0.03 µs; rounding up would add about 0.5 µs.
    const rounded = moments(values).mean;
    expect(Math.abs(rounded - meanMicros)).toBeLessThan(0.03 + (5 * Math.sqrt(meanMicros * meanMicros + 1 / 12)) / Math.sqrt(n));
  });

  it("draws standard normals with mean 0 and variance 1", () => {
    const rng = createRng(12);
    const n = 200_000;
    const sample = moments(Array.from({ length: n }, () => rng.normal()));
    expect(Math.abs(sample.mean)).toBeLessThan(5 / Math.sqrt(n));
    // Var of the sample variance of N(0,1) is 2 / (n - 1).
    expect(Math.abs(sample.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it("rejects bad arguments with an InputError naming them", () => {
    const rng = createRng(1);
    for (const [min, max] of [[3, 3], [4, 1], [0.5, 3], [0, Number.NaN], [0, Number.POSITIVE_INFINITY]]) {
      expect(fieldOf(() => rng.int(min, max))).toBe("int range");
    }
    for (const p of [-0.1, 1.1, Number.NaN]) expect(fieldOf(() => rng.chance(p))).toBe("chance p");
    for (const mean of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(fieldOf(() => rng.exponential(mean))).toBe("exponential mean");
      expect(fieldOf(() => rng.exponentialMicros(mean))).toBe("exponential mean");
    }
    expect(fieldOf(() => rng.fork(""))).toBe("fork label");
  });
});

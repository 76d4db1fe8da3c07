import { describe, expect, it } from "vitest";
import { OffsetTimeIndex } from "../../sim/model/offsetTimeIndex.ts";

describe("OffsetTimeIndex", () => {
  it("interpolates send times inside an append and keeps range ends on the append they belong to", () => {
    const index = new OffsetTimeIndex();
    index.append(100, 0, 10);
    index.append(200, 50, 60);
    expect(index.timeAt(0)).toBe(0);
    expect(index.timeAt(50)).toBe(5);
    expect(index.timeAt(150)).toBe(55);
    // The exclusive end of the first append belongs to it, not to the later one.
    expect(index.timeBefore(100)).toBe(10);
    expect(index.timeAt(100)).toBe(50);
    expect(index.timeBefore(200)).toBe(60);
  });

  it("finds the first offset meant to be sent at or after a time", () => {
    const index = new OffsetTimeIndex();
    for (let i = 1; i <= 10; i++) index.append(i * 100, (i - 1) * 1000, i * 1000);
    expect(index.offsetAtTime(0)).toBe(0);
    expect(index.offsetAtTime(4500)).toBe(400);
    expect(index.offsetAtTime(99_999)).toBe(1000);
  });

  it("forgets a truncated tail so later appends at the same offsets are indexed again", () => {
    const index = new OffsetTimeIndex();
    index.append(100, 0, 10);
    index.append(200, 20, 30);
    index.truncateTo(150);
    expect(index.endOffset).toBe(150);
    index.append(250, 100, 110);
    expect(index.timeBefore(250)).toBe(110);
    expect(index.timeAt(120)).toBeCloseTo(24, 6);
  });

  it("keeps bounded memory by coarsening old entries without losing the time range they span", () => {
    const index = new OffsetTimeIndex();
    const appends = 100_000;
    for (let i = 1; i <= appends; i++) index.append(i, i, i + 0.5);
    expect(index.endOffset).toBe(appends);
    // Old offsets keep a time within their merged entry's span; recent ones stay exact.
    expect(index.timeBefore(appends)).toBe(appends + 0.5);
    const old = index.timeAt(10);
    expect(old).toBeGreaterThanOrEqual(1);
    expect(old).toBeLessThanOrEqual(appends / 2);
    for (let offset = 0; offset < appends; offset += 997) expect(index.timeAt(offset)).toBeLessThanOrEqual(index.timeAt(offset + 997));
  });
});

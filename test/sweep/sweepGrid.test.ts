import { describe, expect, it } from "vitest";
import { checkVaryEntries, gridPoints, parseShard, parseVary, shardRows, sweepSeed } from "../../sim/sweep/sweepGrid.ts";

describe("sweep grid", () => {
  it("splits a --vary list at top-level commas only and reads each value as YAML", () => {
    const entry = parseVary("workload.producerRate=50MiB/s, 100MiB/s,[1, 2],{a: 1, b: 2},'x,y'");
    expect(entry.path).toBe("workload.producerRate");
    expect(entry.texts).toEqual(["50MiB/s", "100MiB/s", "[1, 2]", "{a: 1, b: 2}", "'x,y'"]);
    expect(entry.overrides.map((o) => o.value)).toEqual(["50MiB/s", "100MiB/s", [1, 2], { a: 1, b: 2 }, "x,y"]);
    expect(parseVary("architectures[1].replicationFactor=2,3").overrides.map((o) => o.value)).toEqual([2, 3]);
  });

  it("rejects a --vary without values, with an empty or repeated value, or with a malformed path", () => {
    expect(() => parseVary("workload.producerRate")).toThrow(/^--vary: expected path=v1,v2/);
    expect(() => parseVary("workload.producerRate=1,,2")).toThrow(/none empty/);
    expect(() => parseVary("workload.producerRate=1,1")).toThrow(/distinct values/);
    expect(() => parseVary("workload..x=1")).toThrow(/a field name expected/);
    expect(() => checkVaryEntries([parseVary("seed=1,2"), parseVary("seed=3")])).toThrow(/each path varied once/);
  });

  it("multiplies entries out with the first varying slowest, one point per combination", () => {
    const points = gridPoints([parseVary("a=1,2"), parseVary("b=x,y,z")]);
    expect(points).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    expect(gridPoints([])).toEqual([[]]);
  });

  it("derives seed i as the base seed plus i, wrapping at 2^32", () => {
    expect([0, 1, 2].map((i) => sweepSeed(7, i))).toEqual([7, 8, 9]);
    expect(sweepSeed(2 ** 32 - 1, 2)).toBe(1);
    expect(() => sweepSeed(-1, 0)).toThrow(/^seed: /);
  });

  it("gives shards that are disjoint, round-robin, and together exactly every row", () => {
    for (const [points, seeds, count] of [[3, 4, 5], [1, 1, 3], [7, 2, 2]]) {
      const shards = Array.from({ length: count }, (_, i) => shardRows(points, seeds, { index: i + 1, count }));
      const all = shards.flat().sort((a, b) => a - b);
      expect(all).toEqual(shardRows(points, seeds, null));
      shards.forEach((rows, i) => rows.forEach((r) => expect(r % count).toBe(i)));
    }
  });

  it("parses i/n shards from 1 and rejects the rest", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1"]) expect(() => parseShard(bad)).toThrow(/^--shard: expected i\/n/);
  });
});

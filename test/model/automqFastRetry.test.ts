import { describe, expect, it } from "vitest";
import type { AutomqArchitecture } from "../../sim/model/automq.ts";
import { AutomqFastRetry } from "../../sim/model/automqFastRetry.ts";
import type { Run } from "../../sim/model/run.ts";
import { FlowClass } from "../../sim/network/index.ts";
import { MiB, smallRun } from "../support/runs.ts";

const KiB = 1024;
const FIRST_BYTE_MICROS = 20_000;
const SIZE = 64 * KiB;

/** A quiet S3-WAL run whose store answers every PUT 20 ms after the request (plus the body), a fast-retry client
 * of broker 0, and the answers it delivers: [a, at µs]. */
function probe(): { run: Run; arch: AutomqArchitecture; retry: AutomqFastRetry; answers: [number, number][]; put: (id: number, plain?: boolean) => void } {
  const run = smallRun({
    architecture: { kind: "automq", automq: { walKind: "s3", objectStore: { putFirstByteMicros: { kind: "deterministic", value: FIRST_BYTE_MICROS } } } },
    workload: { produceBytesPerSecond: 1 * MiB, testDurationMicros: 10_000_000 },
  });
  const arch = run.arch as AutomqArchitecture;
  const engine = run.world.engine;
  const answers: [number, number][] = [];
  const target = engine.register("test.answers", { receive: (_kind: number, a: number) => answers.push([a, engine.nowMicros]) });
  const retry = new AutomqFastRetry(arch, "test");
  const host = arch.brokers[0].host;
  // A plain PUT goes to the store directly, as it would without fast retry.
  const put = (id: number, plain = false) => plain
    ? arch.store.put(host, SIZE, arch.nextPrefix(), FlowClass.wal, target, 1, id, 0, undefined, 2)
    : retry.put(0, host, SIZE, FlowClass.wal, target, 1, id, 0, 2);
  return { run, arch, retry, answers, put };
}

// 200 PUTs 4 ms apart from now (a NIC-friendly 16 MB/s), all answered by 1 s: the history fast retry decides from.
function warm(run: Run, put: (id: number) => void): void {
  const from = run.world.engine.nowMicros;
  for (let i = 0; i < 200; i++) {
    run.advance(from + i * 4_000);
    put(i);
  }
  run.advance(from + 1_000_000);
}

// Makes every attempt that starts at exactly `at` take 50 times its first-byte latency (1 s instead of 20 ms).
function slowAt(arch: AutomqArchitecture, at: number): void {
  arch.store.addImpairment({ startMicros: at, endMicros: at + 1, latencyFactor: 50 });
}

describe("AutoMQ fast retry of S3 WAL PUTs", () => {
  it("learns the p99 of its PUTs per size bucket and interpolates between buckets as S3LatencyCalculator does", () => {
    const { run, retry, answers, put } = probe();
    // With nothing seen yet there is no fast retry, however long the PUT takes.
    put(-1);
    run.advance(500_000);
    expect(answers.length).toBe(1);
    expect(retry.duplicates).toBe(0);
    warm(run, put);
    expect(answers.length).toBe(201);
    const p99 = retry.p99Micros(0, SIZE);
    // 20 ms to the answer plus 64 KiB at 93 MB/s (0.7 ms) and the network.
    expect(p99).toBeGreaterThan(FIRST_BYTE_MICROS);
    expect(p99).toBeLessThan(FIRST_BYTE_MICROS + 5_000);
    // 40 KiB sits halfway between the 16 KiB bucket (nothing seen: 0) and the 64 KiB one.
    expect(retry.p99Micros(0, 40 * KiB)).toBeCloseTo(p99 / 2, 6);
    expect(retry.p99Micros(1, SIZE)).toBe(0);
  });

  it("sends a slow PUT again after that p99 and answers with the first copy; a plain PUT waits for the slow one", () => {
    const { run, arch, retry, answers, put } = probe();
    warm(run, put);
    const p99 = retry.p99Micros(0, SIZE);
    // Copies sent so far: the warm-up PUTs slower than the p99 of those before them.
    const copies = retry.duplicates;
    const extra = retry.extraBytes;
    slowAt(arch, 1_000_000);
    put(1000);
    run.advance(3_000_000);
    const hedged = answers.filter(([a]) => a === 1000);
    expect(hedged.length).toBe(1);
    // Answered by the copy sent after p99: p99 plus one normal PUT, not the slow attempt's second.
    expect(hedged[0][1] - 1_000_000).toBeLessThan(p99 + FIRST_BYTE_MICROS + 5_000);
    expect(retry.duplicates).toBe(copies + 1);
    // The slow original answered later: its copy overwrote the same object and was dropped.
    expect(retry.extraBytes).toBe(extra + SIZE);
    slowAt(arch, 3_000_000);
    put(1001, true);
    run.advance(5_000_000);
    const plain = answers.filter(([a]) => a === 1001);
    expect(plain[0][1] - 3_000_000).toBeGreaterThanOrEqual(50 * FIRST_BYTE_MICROS);
    expect(retry.duplicates).toBe(copies + 1);
  });

  it("keeps at most five copies in flight per client", () => {
    const { run, arch, retry, answers, put } = probe();
    warm(run, put);
    const copies = retry.duplicates;
    slowAt(arch, 1_000_000);
    for (let i = 0; i < 8; i++) put(2000 + i);
    run.advance(3_000_000);
    expect(retry.duplicates).toBe(copies + 5);
    const times = answers.filter(([a]) => a >= 2000).map(([, at]) => at - 1_000_000).sort((x, y) => x - y);
    expect(times.length).toBe(8);
    // Five answered by their copies within a few tens of ms, three by their slow originals after a second.
    expect(times[4]).toBeLessThan(100_000);
    expect(times[5]).toBeGreaterThanOrEqual(50 * FIRST_BYTE_MICROS);
  });
});

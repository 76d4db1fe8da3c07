// Outcomes of the library's heavy-replay scenario, on its miniature: 4 MiB/s on 6 partitions, the clock ×0.1
// (subscription 1 reset to earliest at 36 s, the run cut at 60 s). Each design's cache is scaled to hold the same
// share of the history at the replay as at full size: Kafka's page cache 9 GiB of 17.6 GiB written per broker,
// AutoMQ's log and block caches 2 GiB and 1 GiB of 5.9 GiB, the diskless agents' chunk caches a tenth of memory.

import { describe, expect, it } from "vitest";
import type { RunConfig } from "../../sim/model/run.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, publishedPerInterval, reportOf, sum, withKnobs } from "./outcomes.ts";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const RATE = 4 * MiB;
const SCENARIO = miniature(loadLibraryScenario("heavy-replay"), { timeScale: 0.1, testDurationMicros: 60e6, produceBytesPerSecond: RATE, partitionsPerTopic: 6 });
const AT = SCENARIO.faults[0].at / 1e6;
// Share of all produced bytes one broker writes: Kafka 3 replicas over 6 brokers; AutoMQ leads 1 partition of 6.
const KAFKA_SHARE = 3 / 6;
const AUTOMQ_SHARE = 1 / 6;
/** A cache that holds `fullBytes` of `fullWrittenBytes` at full size (100 MiB/s, replay at 360 s), shrunk to hold the
 * same share of what one broker has written at the miniature's replay. */
const scaled = (fullBytes: number, share: number) => Math.round((fullBytes / (100 * MiB * share * 360)) * RATE * share * AT);
const PAGE_CACHE = scaled(9 * GiB, KAFKA_SHARE);
const KNOBS: Record<string, Record<string, number>> = {
  // The page cache is memory less heap less 1 GiB (r6i.xlarge: 32 GiB).
  kafka: { heapBytes: 32 * GiB - GiB - PAGE_CACHE },
  "automq-s3-wal": { walCacheBytes: scaled(2 * GiB, AUTOMQ_SHARE), blockCacheBytes: scaled(GiB, AUTOMQ_SHARE) },
  diskless: { agentCacheMemoryRatio: (0.1 * RATE * AT) / (100 * MiB * 360) },
};

function run(name: string, replay = true): RunReport {
  const config: RunConfig = withKnobs(configOf(SCENARIO, name), KNOBS[name]);
  return reportOf(SCENARIO, replay ? config : { ...config, faults: undefined });
}
const getBytes = (report: RunReport) => report.result.bytes["s3-get"]?.objectStore ?? 0;

describe("scenario heavy-replay (miniature)", () => {
  it("reads classic Kafka's replay from its disks: at least what has left the page cache, and nothing from S3", () => {
    const report = run("kafka");
    const replayed = sum(publishedPerInterval(report, 0, AT));
    const written = replayed * KAFKA_SHARE;
    const figures = report.result.architectureFigures;
    // The page cache keeps the newest PAGE_CACHE bytes each broker wrote (its leaders' and followers' alike): every
    // replayed byte older than that misses it and is read from the volume.
    expect(figures.diskReadBytes).toBeGreaterThanOrEqual(replayed * (1 - PAGE_CACHE / written));
    expect(figures.diskReadBytes).toBeLessThanOrEqual(replayed * 1.05);
    expect(figures.pageCacheHitRatio).toBeLessThan(1);
    expect(getBytes(report)).toBe(0);
    const [m] = report.recovery;
    expect(m.lagMaxBytes).toBeGreaterThanOrEqual(replayed * 0.99);
    expect(m.lagBackToBaselineSeconds).not.toBeNull();
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("reads AutoMQ's replay from S3: its GETs grow, by at least the replayed bytes its caches do not hold", () => {
    const replay = run("automq-s3-wal");
    const quiet = run("automq-s3-wal", false);
    const replayed = sum(publishedPerInterval(replay, 0, AT));
    const caches = 6 * (KNOBS["automq-s3-wal"].walCacheBytes + KNOBS["automq-s3-wal"].blockCacheBytes);
    expect(getBytes(replay) - getBytes(quiet)).toBeGreaterThanOrEqual(replayed - caches);
    expect(replay.result.architectureFigures.s3GetRequests).toBeGreaterThan(quiet.result.architectureFigures.s3GetRequests);
    expect(replay.recovery[0].lagBackToBaselineSeconds).not.toBeNull();
    expect(replay.result.invariants.violations).toEqual([]);
  });

  it("reads the diskless replay from S3 once per zone: each zone's agents GET whole chunks for their own consumer", () => {
    const replay = run("diskless");
    const quiet = run("diskless", false);
    const replayed = sum(publishedPerInterval(replay, 0, AT));
    // A chunk holds every partition's records of its batch, and each of the three zones' consumers reads a third of
    // the partitions through its own zone's cache: every zone GETs every chunk (A4.1: "1 GET request per 4MiB of
    // data, per zone"), so the replay costs about 3 × its bytes in GETs.
    const extra = getBytes(replay) - getBytes(quiet);
    expect(extra / (3 * replayed)).toBeGreaterThan(0.9);
    expect(extra / (3 * replayed)).toBeLessThan(1.1);
    expect(replay.result.architectureFigures.s3GetRequests).toBeGreaterThan(quiet.result.architectureFigures.s3GetRequests);
    expect(replay.result.invariants.violations).toEqual([]);
  });
});

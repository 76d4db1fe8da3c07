// AutoMQ's published monthly cost table (architectures.md B0: AutoMQ vs Apache Kafka at 1 GiB/s produce + 1 GiB/s
// consume, 256 partitions, 3 zones, rack-aware consumers) reproduced line by line from simulated usage: short runs
// of the real kafka and automq models, priced by the cost model. Assumptions (also in scenarios/models/cost.md):
//  - Prices: the committed AWS us-east-1 book with GiB and a 30-day month (the table reproduces only so, B0).
//  - Workload: the benchmark's automq-perf-test command — 1 KiB records, 20 producers, one group of 20 consumers,
//    batch.size 1 MiB, linger.ms 100, buffer.memory 64 MiB, max.request.size 32 MiB; consumers set client.rack.
//  - Retention: 3 days, inferred from AutoMQ's storage line ($5,961 = 3 days × 1 GiB/s × $0.023/GiB-month).
//  - AutoMQ: 6 × m7g.4xlarge ("3 servers and 3 brokers"), OSS defaults (S3 WAL, router_channel local writes) with
//    the zone router on (the benchmark's clients send client.id automq_az=...). The model routes as ZeroZone V2 does:
//    the leader's WAL holds link records into the proxy's channel object, not the data; the page does not say which
//    AutoMQ version ran (cost.md).
//  - Kafka: 39 × m7g.4xlarge (13 per zone) — BACK-SOLVED from the published $18,447 (38.7 instance-months); RF 3,
//    KIP-392 follower fetching; gp3 log volumes with 12.5% headroom — BACK-SOLVED from $69,984 (874,800 GiB-month
//    = 3 days × 3 replicas × 1 GiB/s × 1.125).
//  - AutoMQ's cross-zone line is its snapshot-read polls: each broker polls every leader it proxies for about once per
//    cross-zone round trip (REQUEST_INTERVAL_MS = 1), 12 subscriptions, with 52 B of TCP/IP headers per message
//    (ASSUMPTION: transfer metered at the IP layer). Simulated: $116 of the published $128 (−9%), a stated gap.

import { describe, expect, it } from "vitest";
import { costOfRun, meterRun, overridePriceBook, type CostReport, type PriceBook } from "../../sim/cost/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun } from "../../sim/model/run.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { automqConventionsBook, awsBook } from "./books.ts";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const DAY_MICROS = 86_400_000_000;
const RETENTION_MICROS = 3 * DAY_MICROS;

/** The published table, $ per month ([V] https://www.automq.com/docs/automq/benchmarks/automq-vs-apache-kafka-benchmarks-and-cost). */
const PUBLISHED = {
  automq: { compute: 2_859, storage: 5_961, s3Api: 3_952, crossZone: 128, total: 12_899 },
  kafka: { compute: 18_447, storage: 69_984, s3Api: 0, crossZone: 138_240, total: 226_671 },
} as const;

type Line = keyof (typeof PUBLISHED)["kafka"];

function run(architecture: ArchitectureSpec, brokersPerZone: number, warmupMicros: number, testMicros: number) {
  const workload = createWorkload({
    produceBytesPerSecond: 1 * GiB,
    messageBytes: 1024,
    partitionsPerTopic: 256,
    producersPerTopic: 20,
    subscriptionsPerTopic: 1,
    consumerPerSubscription: 20,
    warmupDurationMicros: warmupMicros,
    testDurationMicros: testMicros,
    producer: { batchBytes: 1 * MiB, lingerMicros: 100_000, bufferBytes: 64 * MiB, maxRequestBytes: 32 * MiB },
    consumer: { clientRack: true },
  });
  return createRun({ seed: 1, workload, cluster: { zones: 3, brokersPerZone, instance: INSTANCE_TYPES["m7g.4xlarge"] }, architecture, intervalMicros: 1_000_000 });
}

let usages: { kafka: ReturnType<typeof meterRun>; automq: ReturnType<typeof meterRun> } | undefined;

// Kafka settles within a second; AutoMQ's uploads (500 MiB per broker, every ~3 s at 171 MiB/s) need a longer window.
function measured() {
  usages ??= {
    kafka: meterRun(run({ kind: "kafka", kafka: { followerFetching: true, retentionMicros: RETENTION_MICROS } }, 13, 1_000_000, 2_000_000)),
    automq: meterRun(run({ kind: "automq", automq: { zoneRouter: true, walKind: "s3" } }, 2, 5_000_000, 15_000_000)),
  };
  return usages;
}

function priced(book: PriceBook): { kafka: CostReport; automq: CostReport } {
  const u = measured();
  return {
    kafka: costOfRun(u.kafka, book, { volumeHeadroomRatio: 0.125 }),
    automq: costOfRun(u.automq, book, { retentionMicros: RETENTION_MICROS }),
  };
}

function line(report: CostReport, name: Line): number {
  return name === "total" ? report.totals.usdPerMonth : report.totals.byCategory[name];
}

function within(simulated: number, published: number, ratio: number): boolean {
  return Math.abs(simulated - published) <= ratio * published;
}

describe("AutoMQ's B0 cost table from simulated usage", () => {
  it("reproduces Kafka's compute, storage, cross-zone and total within 5%, with no S3 API cost", () => {
    const { kafka } = priced(automqConventionsBook());
    for (const name of ["compute", "storage", "crossZone", "total"] as const) {
      expect(within(line(kafka, name), PUBLISHED.kafka[name], 0.05), `${name}: ${line(kafka, name)} vs ${PUBLISHED.kafka[name]}`).toBe(true);
    }
    expect(line(kafka, "s3Api")).toBe(0);
    // The cross-zone dollars are measured bytes: producers' 2/3 and two follower copies, no consumer bytes (KIP-392).
    const byFlow = Object.fromEntries(kafka.lines.filter((l) => l.category === "crossZone").map((l) => [l.id, l.quantity]));
    expect(Object.keys(byFlow).sort()).toEqual(["crossZone.produce", "crossZone.replication"]);
    expect(byFlow["crossZone.replication"] / byFlow["crossZone.produce"]).toBeCloseTo(3, 1);
  });

  it("reproduces AutoMQ's compute, storage and total within 5%", () => {
    const { automq } = priced(automqConventionsBook());
    for (const name of ["compute", "storage", "total"] as const) {
      expect(within(line(automq, name), PUBLISHED.automq[name], 0.05), `${name}: ${line(automq, name)} vs ${PUBLISHED.automq[name]}`).toBe(true);
    }
    // Its storage is S3 only: growth at about the produced rate, kept 3 days; no log volumes, no WAL volumes.
    expect(automq.lines.filter((l) => l.category === "storage").map((l) => l.id)).toEqual(["storage.automq.s3"]);
  });

  it("leaves a gap on AutoMQ's S3 API line: with ZeroZone V2's link records the line falls below the published one", () => {
    const { automq } = priced(automqConventionsBook());
    const api = line(automq, "s3Api");
    const sum = (part: string) => automq.lines.filter((l) => l.id.includes(part)).reduce((s, l) => s + l.usdPerMonth, 0);
    // PUT-class: channel objects, the leaders' link-record WAL objects (closed by the 250 ms interval, not by 8 MiB of
    // data) and stream-object uploads; GET-class: leaders' range GETs of channel objects and snapshot-read loads.
    expect(sum(".put.") + sum(".get.")).toBeCloseTo(api, 6);
    expect(sum(".get.")).toBeGreaterThan(0);
    // Before V2 the leader rewrote the data into its WAL, about 60 PUT/s more: the line was 8% above the published
    // figure; with V2 it is 8-15% below it over seeds 1-3 (cost.md). The published line lies between the two versions.
    expect(within(api, PUBLISHED.automq.s3Api, 0.05), `S3 API ${api}`).toBe(false);
    expect(api).toBeLessThan(PUBLISHED.automq.s3Api);
    expect(api).toBeGreaterThan(0.85 * PUBLISHED.automq.s3Api);
  });

  it("leaves a gap on AutoMQ's cross-zone line: its snapshot-read polls and router RPCs come to about 90% of the published $128", () => {
    const { automq, kafka } = priced(automqConventionsBook());
    // No data bytes cross zones: only the snapshot-read polls and their patches (control) and the router's RPCs (proxy).
    const byFlow = Object.fromEntries(automq.lines.filter((l) => l.category === "crossZone").map((l) => [l.id, l.usdPerMonth]));
    expect(Object.keys(byFlow).sort()).toEqual(["crossZone.control", "crossZone.proxy"]);
    const crossZone = line(automq, "crossZone");
    expect(byFlow["crossZone.control"] / crossZone).toBeGreaterThan(0.9);
    // The mechanism explains most of the line but not all of it (cost.md: poll rate, header bytes, KRaft traffic).
    expect(within(crossZone, PUBLISHED.automq.crossZone, 0.05), `cross-zone ${crossZone}`).toBe(false);
    expect(crossZone).toBeGreaterThan(0.85 * PUBLISHED.automq.crossZone);
    expect(crossZone).toBeLessThan(PUBLISHED.automq.crossZone);
    expect(crossZone / line(kafka, "crossZone")).toBeLessThan(1e-3);
  });

  it("reproduces only with GiB and a 30-day month: AWS's own GB and 730 hours put Kafka's cross-zone line 9% higher", () => {
    const aws = priced(awsBook()).kafka;
    const ratio = line(aws, "crossZone") / PUBLISHED.kafka.crossZone;
    expect(ratio).toBeCloseTo((GiB / 1e9) * (730 / 720), 2);
    expect(within(line(aws, "crossZone"), PUBLISHED.kafka.crossZone, 0.05)).toBe(false);
    // Either convention alone is not enough either.
    const gibOnly = priced(overridePriceBook(awsBook(), { gigabyte: "GiB" })).kafka;
    expect(line(gibOnly, "crossZone") / PUBLISHED.kafka.crossZone).toBeCloseTo(730 / 720, 2);
  });
});

import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics, type Fault } from "../../sim/faults/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import type { Run } from "../../sim/model/run.ts";
import { smallRun } from "../support/runs.ts";
import { meanLatency } from "./support.ts";

const S = 1_000_000;
const MS = 1_000;

// A 30 s run with one fault from 10 s to 20 s; latencies are compared before, inside (after its first second) and
// after it (from 2 s past its end).
function withFault(architecture: ArchitectureSpec, fault: Fault): Run {
  const run = smallRun({ architecture, workload: { testDurationMicros: 30 * S } });
  applyFaults(run, [fault]);
  run.advance(run.endMicros);
  return run;
}

const phases = (run: Run, field: "p50" | "p99") => ({
  before: meanLatency(run, field, 0, 10 * S),
  inside: meanLatency(run, field, 11 * S, 20 * S),
  after: meanLatency(run, field, 22 * S, 30 * S),
});

describe("brownouts", () => {
  const s3Brownout: Fault = { kind: "s3Brownout", at: 10 * S, duration: 10 * S, latencyFactor: 5 };

  it.each([
    ["diskless", { kind: "diskless" }],
    ["automq with the S3 WAL", { kind: "automq" }],
  ] as const)("raises %s produce p99 only inside an S3 brownout", (_name, architecture) => {
    const run = withFault(architecture, s3Brownout);
    const p99 = phases(run, "p99");
    const p50 = phases(run, "p50");
    expect(p99.inside).toBeGreaterThan(1.4 * p99.before);
    expect(p99.after).toBeLessThan(1.2 * p99.before);
    // Every acknowledgement waits for one PUT, whose median first byte goes from 30 ms to 150 ms.
    expect(p50.inside - p50.before).toBeGreaterThan(100 * MS);
    expect(Math.abs(p50.after - p50.before)).toBeLessThan(0.1 * p50.before);
    expect(run.result().invariants.violations).toEqual([]);
  });

  it("leaves AutoMQ with an EBS WAL unaffected by an S3 brownout: S3 is off its acknowledgement path", () => {
    const p50 = phases(withFault({ kind: "automq", automq: { walKind: "ebs" } }, s3Brownout), "p50");
    expect(Math.abs(p50.inside - p50.before)).toBeLessThan(0.1 * p50.before);
  });

  it("reports when the p99 is back under the SLO after an S3 brownout", () => {
    const run = smallRun({ architecture: { kind: "diskless" }, workload: { testDurationMicros: 30 * S } });
    const faults = applyFaults(run, [s3Brownout]);
    run.advance(run.endMicros);
    // An SLO well above the normal p99 and well below the brownout's: breached inside the window only.
    const slo = 1.5 * meanLatency(run, "p99", 0, 10 * S);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: slo });
    expect(m.produceP99MaxMicros!).toBeGreaterThan(slo);
    expect(m.produceP99BackUnderSloMicros).not.toBeNull();
    expect(m.produceP99BackUnderSloMicros!).toBeLessThanOrEqual(10 * S + 2 * S);
    expect(m.produceErrors).toBe(0);
    expect(m.recoveryBytes).toBe(0);
  });

  it("adds at least one follower round trip of added latency to acks=all produce in a zone brownout", () => {
    const added = 10 * MS;
    const p50 = phases(withFault({ kind: "kafka" }, { kind: "zoneBrownout", at: 10 * S, duration: 10 * S, zone: 0, addedLatencyMicros: added }), "p50");
    // Every partition has a replica in zone 0 (RF=3 over 3 zones): its high watermark waits for a fetch response and
    // the next fetch across the slowed path.
    expect(p50.inside - p50.before).toBeGreaterThan(2 * added);
    expect(Math.abs(p50.after - p50.before)).toBeLessThan(2 * MS);
  });

  it("adds an EBS degradation's latency to AutoMQ's EBS WAL acknowledgements", () => {
    const added = 20 * MS;
    const p50 = phases(withFault({ kind: "automq", automq: { walKind: "ebs" } }, { kind: "ebsDegradation", at: 10 * S, duration: 10 * S, addedLatencyMicros: added }), "p50");
    expect(p50.inside - p50.before).toBeGreaterThan(added);
    expect(Math.abs(p50.after - p50.before)).toBeLessThan(2 * MS);
  });

  it("slows diskless acknowledgements by the control plane's extra commit latency", () => {
    const factor = 20;
    const p50 = phases(withFault({ kind: "diskless" }, { kind: "controlPlaneSlowdown", at: 10 * S, duration: 10 * S, factor }), "p50");
    // One commit per acknowledgement, median 6 ms nominal (DISKLESS_DEFAULTS.commitLatencyMicros): (20 - 1) × 6 ms.
    expect(p50.inside - p50.before).toBeGreaterThan((factor - 1) * 6 * MS * 0.9);
    expect(Math.abs(p50.after - p50.before)).toBeLessThan(0.1 * p50.before);
  });
});

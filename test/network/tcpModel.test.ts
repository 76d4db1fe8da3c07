import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  TCP_MSS_BYTES,
  TCP_RTO_MIN_MICROS,
  mathisBytesPerSecond,
  powInteger,
  retransmitProbability,
  retransmitTimeoutMicros,
  segmentsFor,
} from "../../sim/network/tcpModel.ts";

describe("tcpModel", () => {
  it("counts MSS-sized segments, at least one per message", () => {
    expect([segmentsFor(0), segmentsFor(1), segmentsFor(TCP_MSS_BYTES), segmentsFor(TCP_MSS_BYTES + 1)]).toEqual([1, 1, 1, 2]);
  });

  it("gives the chance of losing at least one of n segments as 1 − (1 − p)^n", () => {
    expect(retransmitProbability(1000, 0.01)).toBeCloseTo(0.01, 12);
    // 100 segments at 1 %: 1 − 0.99^100 = 0.633967658726770...
    expect(retransmitProbability(100 * TCP_MSS_BYTES, 0.01)).toBeCloseTo(0.63396765872677, 12);
    expect(retransmitProbability(10 * TCP_MSS_BYTES, 0)).toBe(0);
  });

  it("raises to whole powers like Math.pow, up to rounding", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 100_000 }), (base, n) => {
        expect(powInteger(base, n)).toBeCloseTo(base ** n, 9);
      }),
    );
  });

  it("floors the retransmission timeout at Linux's 200 ms and uses 3 · RTT above it (RFC 6298 first sample)", () => {
    expect(retransmitTimeoutMicros(1000)).toBe(TCP_RTO_MIN_MICROS);
    expect(retransmitTimeoutMicros(100_000)).toBe(300_000);
  });

  it("caps a lossy flow at MSS / (RTT · sqrt(2p/3))", () => {
    // 1 % loss over a 1 ms round trip: 1448 / (0.001 · sqrt(0.02 / 3)) = 17,734,305.7 bytes/s.
    expect(mathisBytesPerSecond(1000, 0.01)).toBeCloseTo(17_734_305.7, 0);
    expect(mathisBytesPerSecond(1000, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(mathisBytesPerSecond(0, 0.01)).toBe(Number.POSITIVE_INFINITY);
  });
});

// What packet loss does to a TCP transfer, in closed form: the chance that at least one segment is lost (each loss
// costing one retransmission timeout) and the Mathis et al. throughput ceiling of a lossy flow. Only integer
// powers and square roots are used, which IEEE 754 rounds exactly, so results are identical in every JS engine.

import type { Micros } from "../units.ts";

/** TCP payload per segment, in bytes: 1500-byte Ethernet MTU − 20 (IP) − 20 (TCP) − 12 (timestamps option). */
export const TCP_MSS_BYTES = 1448;

/** Linux's floor on the retransmission timeout, in µs: include/net/tcp.h `#define TCP_RTO_MIN ((unsigned)(HZ/5))`. */
export const TCP_RTO_MIN_MICROS: Micros = 200_000;

/** Segments needed for `bytes`; a zero-byte message is still one packet on the wire. */
export function segmentsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / TCP_MSS_BYTES));
}

/** Probability that a transfer of `bytes` loses at least one segment when each is lost with `lossRatio`. */
export function retransmitProbability(bytes: number, lossRatio: number): number {
  if (lossRatio <= 0) return 0;
  if (lossRatio >= 1) return 1;
  return 1 - powInteger(1 - lossRatio, segmentsFor(bytes));
}

/**
 * Retransmission timeout for a path with round trip rttMicros, in whole µs. RFC 6298 section 2.2 sets, after the
 * first sample R, SRTT = R and RTTVAR = R/2, so RTO = SRTT + 4·RTTVAR = 3R; Linux then floors it at TCP_RTO_MIN.
 */
export function retransmitTimeoutMicros(rttMicros: number): Micros {
  return Math.max(TCP_RTO_MIN_MICROS, Math.ceil(3 * rttMicros));
}

/**
 * Steady-state throughput ceiling of one TCP flow with loss, in bytes/s: MSS / (RTT · sqrt(2p/3)) — Mathis,
 * Semke, Mahdavi, Ott, "The Macroscopic Behavior of the TCP Congestion Avoidance Algorithm", CCR 27(3), 1997.
 * Infinite when there is no loss or no round trip (a host talking to itself).
 */
export function mathisBytesPerSecond(rttMicros: number, lossRatio: number): number {
  if (lossRatio <= 0 || rttMicros <= 0) return Number.POSITIVE_INFINITY;
  return TCP_MSS_BYTES / ((rttMicros / 1e6) * Math.sqrt((2 * lossRatio) / 3));
}

/** base^exponent for a whole exponent >= 0, by repeated squaring (exact IEEE multiplies, unlike Math.pow). */
export function powInteger(base: number, exponent: number): number {
  let result = 1;
  let square = base;
  let rest = exponent;
  while (rest > 0) {
    if (rest % 2 === 1) result *= square;
    square *= square;
    rest = Math.floor(rest / 2);
  }
  return result;
}

// The network's shape and defaults as plain data, validated once: zones, one-way latencies, the accounting
// interval, and each host's NIC. Latency defaults come from published us-east-1 ping measurements.

import { InputError, requireFinite, requireNonNegativeInteger, requirePositive } from "../errors.ts";
import type { Micros } from "../units.ts";
import { REGIONAL_ZONE } from "./flowClass.ts";

/** One host's NIC. Bandwidths in bytes/s; zone in 0..zones-1, or -1 for a regional service (object store). */
export interface HostSpec {
  name: string;
  zone: number;
  egressBytesPerSecond: number;
  ingressBytesPerSecond: number;
}

/** Shape and defaults of the network; latencies are one-way, in µs. */
export interface NetworkConfig {
  zones: number;
  sameZoneLatencyMicros?: Micros;
  crossZoneLatencyMicros?: Micros;
  /** Width of the per-interval byte buckets, in µs. */
  intervalMicros?: Micros;
  /** Capacity of the cross-zone path between two zones, each direction, in bytes/s, before any bandwidthFactor;
   * by default the most the hosts could push across it (min of the source zone's egress, target zone's ingress). */
  zonePairBytesPerSecond?: number;
}

/** A NetworkConfig with every default filled in. */
export type ResolvedNetworkConfig = Required<Omit<NetworkConfig, "zonePairBytesPerSecond">> &
  Pick<NetworkConfig, "zonePairBytesPerSecond">;

/** One-way same-zone latency, in µs [D]: half the midpoint of same-AZ ping averages 0.259–0.410 ms RTT in
 * us-east-1 (orensol.com 2009, architectures.md B3). */
export const SAME_ZONE_LATENCY_MICROS_DEFAULT: Micros = 167;
/** One-way cross-zone latency, in µs [D]: half the midpoint of cross-AZ ping averages 0.937–1.126 ms RTT in
 * us-east-1 (orensol.com 2009, architectures.md B3). */
export const CROSS_ZONE_LATENCY_MICROS_DEFAULT: Micros = 516;
/** Default width of the per-interval byte buckets: one simulated second, in µs. */
export const NETWORK_INTERVAL_MICROS_DEFAULT: Micros = 1_000_000;

/** Checks a config and fills in defaults; throws InputError naming the bad field. */
export function resolveNetworkConfig(config: NetworkConfig): ResolvedNetworkConfig {
  if (typeof config !== "object" || config === null) throw new InputError("config", config, "a NetworkConfig object");
  const zones = requirePositive("zones", config.zones);
  if (!Number.isInteger(zones)) throw new InputError("zones", zones, "a whole number > 0");
  const sameZone = config.sameZoneLatencyMicros ?? SAME_ZONE_LATENCY_MICROS_DEFAULT;
  const crossZone = config.crossZoneLatencyMicros ?? CROSS_ZONE_LATENCY_MICROS_DEFAULT;
  const intervalMicros = requireNonNegativeInteger("intervalMicros", config.intervalMicros ?? NETWORK_INTERVAL_MICROS_DEFAULT);
  if (intervalMicros === 0) throw new InputError("intervalMicros", 0, "a whole number of µs > 0");
  const pair = config.zonePairBytesPerSecond;
  return {
    zones,
    sameZoneLatencyMicros: requireNonNegativeInteger("sameZoneLatencyMicros", sameZone),
    crossZoneLatencyMicros: requireNonNegativeInteger("crossZoneLatencyMicros", crossZone),
    intervalMicros,
    zonePairBytesPerSecond: pair === undefined ? undefined : requirePositive("zonePairBytesPerSecond", pair),
  };
}

/** Checks a host against the zones and the names already taken; throws InputError naming the bad field. */
export function validateHostSpec(spec: HostSpec, zones: number, namesTaken: readonly string[]): HostSpec {
  if (typeof spec !== "object" || spec === null) throw new InputError("host", spec, "a HostSpec object");
  if (typeof spec.name !== "string" || spec.name.length === 0) throw new InputError("host.name", spec.name, "a non-empty string");
  if (namesTaken.includes(spec.name)) throw new InputError("host.name", spec.name, "a name not used by another host");
  requireFinite("host.zone", spec.zone);
  if (!Number.isInteger(spec.zone) || spec.zone < REGIONAL_ZONE || spec.zone >= zones) {
    throw new InputError("host.zone", spec.zone, `a zone from 0 to ${zones - 1}, or -1 for a regional service`);
  }
  requirePositive("host.egressBytesPerSecond", spec.egressBytesPerSecond);
  requirePositive("host.ingressBytesPerSecond", spec.ingressBytesPerSecond);
  return spec;
}

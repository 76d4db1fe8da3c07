// The network's public surface: hosts, zones and links that move tagged bytes, and the impairments that degrade them.

export { FlowClass, FLOW_CLASS_NAMES, Locality, LOCALITY_NAMES, REGIONAL_ZONE, localityOf } from "./flowClass.ts";
export type { FlowClassId, LocalityId } from "./flowClass.ts";
export type { Impairment, ImpairmentScope } from "./impairment.ts";
export { Network } from "./network.ts";
export {
  SAME_ZONE_LATENCY_MICROS_DEFAULT,
  CROSS_ZONE_LATENCY_MICROS_DEFAULT,
  NETWORK_INTERVAL_MICROS_DEFAULT,
} from "./networkConfig.ts";
export type { HostSpec, NetworkConfig } from "./networkConfig.ts";
export { PsLink } from "./psLink.ts";
export { TCP_MSS_BYTES, TCP_RTO_MIN_MICROS, mathisBytesPerSecond, retransmitProbability, retransmitTimeoutMicros } from "./tcpModel.ts";

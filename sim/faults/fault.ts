// The fault and event catalogue as plain data. Every fault names its kind and when it begins (`at`, µs of simulated
// time); faults that last have a `duration` (µs). applyFaults validates a list of them and plays it on a built run.

/** Every broker and agent host of a zone, the clients there and every link touching the zone go down; the
 * architecture's brokers in the zone crash (volumes kept) and restart when the zone comes back. Producers there stop
 * with their machines (no records offered, what they held unsent dies with them); consumers there resume from their
 * positions when the zone returns. */
export interface ZoneOutageFault {
  kind: "zoneOutage";
  at: number;
  duration: number;
  zone: number;
}

/** Cross-zone paths of a zone (to every other zone, or only to `toZone`) get slower, lossy or narrower. */
export interface ZoneBrownoutFault {
  kind: "zoneBrownout";
  at: number;
  duration: number;
  zone: number;
  toZone?: number;
  /** Extra one-way latency, µs. */
  addedLatencyMicros?: number;
  /** Probability each TCP segment is lost, in [0, 1). */
  lossRatio?: number;
  /** Capacity multiplier on the affected paths (> 0). */
  bandwidthFactor?: number;
}

/** Brokers' hosts are cut off the network while their processes keep running. The KRaft controller is not on the
 * simulated network, so it keeps seeing them: this is a data-plane partition (clients and replication). */
export interface NetworkPartitionFault {
  kind: "networkPartition";
  at: number;
  duration: number;
  brokers: number[];
}

/** A broker (or agent) process dies; with a duration it restarts after it. volumeLost: its disk is gone too. */
export interface BrokerCrashFault {
  kind: "brokerCrash";
  at: number;
  duration?: number;
  broker: number;
  volumeLost?: boolean;
}

/** A broker is lost with its volume and a replacement with an empty disk starts `duration` later. */
export interface BrokerReplacementFault {
  kind: "brokerReplacement";
  at: number;
  duration: number;
  broker: number;
}

/** New brokers join at `at` and take an even share of the partitions through the architecture's own reassignment;
 * until then they are held out of the layout (present but holding nothing). */
export interface ScaleOutFault {
  kind: "scaleOut";
  at: number;
  brokers: number[];
}

/** Brokers leave at `at`: their partitions move to the others through the architecture's own reassignment. */
export interface ScaleInFault {
  kind: "scaleIn";
  at: number;
  brokers: number[];
}

/** The architecture's object stores answer slower (first-byte latency × latencyFactor) and refuse a ratio of
 * requests with 500/503. stores picks the regional (standard), the zonal Express buckets, or all. */
export interface S3BrownoutFault {
  kind: "s3Brownout";
  at: number;
  duration: number;
  latencyFactor?: number;
  errorRatio?: number;
  stores?: "all" | "standard" | "express";
}

/** The S3 Express One Zone bucket(s) of a zone stop answering. */
export interface S3ExpressZoneLossFault {
  kind: "s3ExpressZoneLoss";
  at: number;
  duration: number;
  zone: number;
}

/** Block volumes (a broker's, or every broker's without `broker`) lose throughput and IOPS and gain latency. */
export interface EbsDegradationFault {
  kind: "ebsDegradation";
  at: number;
  duration: number;
  broker?: number;
  /** Multiplier on throughput, in (0, 1]. */
  throughputFactor?: number;
  /** Multiplier on IOPS, in (0, 1]. */
  iopsFactor?: number;
  /** Latency added to every request, µs. */
  addedLatencyMicros?: number;
}

/** A consumer group (subscription) is reset to the log start or to a time (µs; negative reaches preloaded history)
 * and reads everything again. OMB's backlog mode is workload.consumerBacklogBytes, not a fault. */
export interface ReplayFault {
  kind: "replay";
  at: number;
  subscription: number;
  to: "earliest" | number;
}

/** Traffic grows linearly from fromFactor (default 1) to toFactor times the workload's rate over duration, and
 * stays there. */
export interface TrafficRampFault {
  kind: "trafficRamp";
  at: number;
  duration: number;
  toFactor: number;
  fromFactor?: number;
}

/** Traffic is `factor` times the workload's rate for duration. */
export interface TrafficSpikeFault {
  kind: "trafficSpike";
  at: number;
  duration: number;
  factor: number;
}

/** Diskless control-plane commits take `factor` times longer for duration (a degraded metadata store). */
export interface ControlPlaneSlowdownFault {
  kind: "controlPlaneSlowdown";
  at: number;
  duration: number;
  factor: number;
}

/** Any fault of the catalogue. */
export type Fault =
  | ZoneOutageFault
  | ZoneBrownoutFault
  | NetworkPartitionFault
  | BrokerCrashFault
  | BrokerReplacementFault
  | ScaleOutFault
  | ScaleInFault
  | S3BrownoutFault
  | S3ExpressZoneLossFault
  | EbsDegradationFault
  | ReplayFault
  | TrafficRampFault
  | TrafficSpikeFault
  | ControlPlaneSlowdownFault;

/** A fault's kind name. */
export type FaultKind = Fault["kind"];

/** End of a fault's direct effect, µs: at + duration, or at for faults without a duration. */
export function faultEndMicros(fault: Fault): number {
  return "duration" in fault && fault.duration !== undefined ? fault.at + fault.duration : fault.at;
}

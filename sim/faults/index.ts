// The fault library's public surface: the fault catalogue as plain data, applyFaults to play a list on a built run,
// and recoveryMetrics to read how each fault played out.

export type {
  BrokerCrashFault, BrokerReplacementFault, ControlPlaneSlowdownFault, EbsDegradationFault, Fault, FaultKind, NetworkPartitionFault,
  ReplayFault, S3BrownoutFault, S3ExpressZoneLossFault, ScaleInFault, ScaleOutFault, TrafficRampFault, TrafficSpikeFault,
  ZoneBrownoutFault, ZoneOutageFault,
} from "./fault.ts";
export { faultEndMicros } from "./fault.ts";
export { applyFaults } from "./applyFaults.ts";
export { FaultRun, type ApplyFaultsOptions } from "./faultRun.ts";
export { faultTargets, type FaultTargets, type StoreTarget, type TargetModel } from "./faultTargets.ts";
export { DETECTION_PREFIXES, recoveryMetrics, type FaultRecovery, type RecoveryOptions } from "./recoveryMetrics.ts";
export { FAULT_FIELDS, FAULT_KINDS, validateFaults, type FaultFields, type FaultShape } from "./validateFaults.ts";

// Which faults an architecture can take. A fault aimed at something the architecture lacks (an object store, a block
// volume, a separate control plane) leaves it unaffected — one timeline serves a whole comparison, where the design
// without the part is the control — and the timeline says so; a fault needing an ability it lacks (crashing,
// scaling) is refused up front with an InputError naming the architecture.

import { InputError } from "../errors.ts";
import type { BlockVolume } from "../storage/blockVolume.ts";
import type { Fault } from "./fault.ts";
import type { FaultTargets, StoreTarget } from "./faultTargets.ts";
import type { Scaler } from "./scaler.ts";

/** The object stores an S3 fault acts on. */
export function storesFor(fault: Fault, targets: FaultTargets): StoreTarget[] {
  if (fault.kind === "s3ExpressZoneLoss") return targets.stores.filter((s) => s.zone === fault.zone);
  if (fault.kind !== "s3Brownout") return [];
  const which = fault.stores ?? "all";
  return targets.stores.filter((s) => which === "all" || (which === "standard") === (s.zone < 0));
}

/** The block volumes an EBS degradation acts on: one broker's, or every broker's that has one. */
export function volumesFor(fault: Fault, targets: FaultTargets): BlockVolume[] {
  if (fault.kind !== "ebsDegradation") return [];
  const brokers = fault.broker !== undefined ? [fault.broker] : Array.from({ length: targets.brokerCount }, (_, b) => b);
  return brokers.map((b) => targets.volume(b)).filter((v): v is BlockVolume => v !== undefined);
}

/** Throws InputError at faults[i] when the run's architecture cannot take the fault. */
export function checkSupported(fault: Fault, i: number, targets: FaultTargets, scaler: Scaler | undefined, nowMicros: number): void {
  const path = `faults[${i}]`;
  const refuse = (field: string, value: unknown, lacks: string): never => {
    throw new InputError(`${path}.${field}`, value, `a fault the ${targets.architecture} architecture supports (${lacks})`);
  };
  switch (fault.kind) {
    case "zoneOutage":
    case "brokerCrash":
    case "brokerReplacement":
      if (!targets.crash || !targets.restart) refuse("kind", fault.kind, "it cannot crash and restart brokers");
      return;
    case "scaleOut":
      if (!scaler) refuse("kind", fault.kind, "it has no reassignment to scale with");
      if (nowMicros !== 0) {
        throw new InputError(`${path}.kind`, fault.kind, "applyFaults called before the run advances (joining brokers are held out of the layout from the start)");
      }
      return;
    case "scaleIn":
      if (!scaler) refuse("kind", fault.kind, "it has no reassignment to scale with");
      return;
    default:
      return;
  }
}

/** Why the architecture is untouched by a fault (it lacks what the fault acts on), or undefined when it is affected. */
export function unaffectedBecause(fault: Fault, targets: FaultTargets): string | undefined {
  switch (fault.kind) {
    case "s3Brownout":
      if (storesFor(fault, targets).length > 0) return undefined;
      return `it has no ${fault.stores === "express" ? "S3 Express bucket" : fault.stores === "standard" ? "regional bucket" : "object store"}`;
    case "s3ExpressZoneLoss":
      return storesFor(fault, targets).length > 0 ? undefined : `it has no S3 Express bucket in zone ${fault.zone}`;
    case "ebsDegradation":
      if (volumesFor(fault, targets).length > 0) return undefined;
      return fault.broker !== undefined ? `broker ${fault.broker} has no block volume` : "it has no block volumes";
    case "controlPlaneSlowdown":
      return targets.setControlPlaneLatencyFactor ? undefined : "it has no separate control plane";
    default:
      return undefined;
  }
}

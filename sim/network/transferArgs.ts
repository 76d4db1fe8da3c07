// The arguments of Network.transfer, checked on every call: one combined test passes the common case in a few
// comparisons, and only when it fails do the detailed checks run to name the bad field in an InputError.

import { InputError, requireFinite, requireNonNegativeInteger } from "../errors.ts";
import { FLOW_CLASS_COUNT } from "./flowClass.ts";
import { requireIndex } from "./impairment.ts";

/** Largest event kind a transfer may name: kinds ride in an Int32Array column. */
export const KIND_MAX = 0x7fffffff;

/** Throws InputError naming the first bad argument of a transfer between hostCount hosts; returns if all are good. */
export function checkTransferArgs(
  hostCount: number,
  from: number,
  to: number,
  bytes: number,
  flowClass: number,
  notifyTarget: number,
  notifyKind: number,
  a: number,
  b: number,
  failKind: number | undefined,
): void {
  // `(x >>> 0) === x` holds only for whole numbers in [0, 2^32), so non-numbers, NaN and fractions all fail it.
  if (
    (from >>> 0) === from &&
    from < hostCount &&
    (to >>> 0) === to &&
    to < hostCount &&
    bytes >= 0 &&
    Number.isSafeInteger(bytes) &&
    (flowClass >>> 0) === flowClass &&
    flowClass < FLOW_CLASS_COUNT &&
    (notifyTarget >>> 0) === notifyTarget &&
    (notifyKind >>> 0) === notifyKind &&
    notifyKind <= KIND_MAX &&
    typeof a === "number" &&
    a - a === 0 &&
    typeof b === "number" &&
    b - b === 0 &&
    (failKind === undefined || ((failKind >>> 0) === failKind && failKind <= KIND_MAX))
  ) {
    return;
  }
  // The one value the test above is stricter about (a notify target >= 2^32) passes these and goes ahead.
  checkEachArg(hostCount, from, to, bytes, flowClass, notifyTarget, notifyKind, a, b, failKind);
}

function checkEachArg(
  hostCount: number,
  from: number,
  to: number,
  bytes: number,
  flowClass: number,
  notifyTarget: number,
  notifyKind: number,
  a: number,
  b: number,
  failKind: number | undefined,
): void {
  requireIndex("from", from, hostCount, "a host id");
  requireIndex("to", to, hostCount, "a host id");
  requireNonNegativeInteger("bytes", bytes);
  requireIndex("flowClass", flowClass, FLOW_CLASS_COUNT, "a FlowClass value");
  requireNonNegativeInteger("notifyTarget", notifyTarget);
  requireKind("notifyKind", notifyKind);
  requireFinite("a", a);
  requireFinite("b", b);
  if (failKind !== undefined) requireKind("failKind", failKind);
}

/** Checks an event kind a transfer names: a whole number from 0 to KIND_MAX. */
function requireKind(field: string, kind: unknown): void {
  if (typeof kind !== "number" || !Number.isInteger(kind) || kind < 0 || kind > KIND_MAX) {
    throw new InputError(field, kind, "a whole number from 0 to 2^31-1 (an event kind)");
  }
}

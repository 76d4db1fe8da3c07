// The byte paths a bill is split by, and which flow class belongs to which: ingest (bytes on their way in and
// becoming durable), fan-out (bytes on their way out to readers), recovery (re-copying after a loss), retained
// (bytes at rest) and fixed (what is provisioned whatever moves: instances, WAL rings, provisioned performance).

import { FLOW_CLASS_NAMES, FlowClass } from "../network/index.ts";

/** A byte path, or "fixed" for cost that no path drives. */
export type BytePath = "ingest" | "retained" | "fanOut" | "recovery" | "fixed";

/** Paths in report order. */
export const BYTE_PATHS: readonly BytePath[] = ["ingest", "retained", "fanOut", "recovery", "fixed"];

/** Bill categories, as vendor cost tables group them. */
export type CostCategory = "compute" | "storage" | "s3Api" | "crossZone";

/** Categories in report order. */
export const COST_CATEGORIES: readonly CostCategory[] = ["compute", "storage", "s3Api", "crossZone"];

// Compaction PUTs and GETs travel as s3Put / s3Get and so land on ingest / fan-out; a zone router's leader GET of
// routed data is s3Get (fan-out) though it serves ingest. Flow classes are the finest split the network keeps.
const PATH_BY_FLOW: Record<number, BytePath> = {
  [FlowClass.produce]: "ingest",
  [FlowClass.replication]: "ingest",
  [FlowClass.wal]: "ingest",
  [FlowClass.proxy]: "ingest",
  [FlowClass.s3Put]: "ingest",
  [FlowClass.consume]: "fanOut",
  [FlowClass.s3Get]: "fanOut",
  [FlowClass.export]: "fanOut",
  [FlowClass.control]: "fanOut",
  [FlowClass.recovery]: "recovery",
};

/** Flow classes whose object-store bytes are uploads (PUT-class requests); the others' are downloads. */
const PUT_FLOWS = new Set<number>([FlowClass.wal, FlowClass.s3Put, FlowClass.proxy, FlowClass.export]);

/** The byte path of a flow class, by its name in FLOW_CLASS_NAMES. */
export function pathOfFlow(flowName: string): BytePath {
  const id = FLOW_CLASS_NAMES.indexOf(flowName);
  return PATH_BY_FLOW[id] ?? "fanOut";
}

/** Whether a flow class's object-store bytes are PUT-class (uploads). */
export function isPutFlow(flowName: string): boolean {
  return PUT_FLOWS.has(FLOW_CLASS_NAMES.indexOf(flowName));
}

/** Shares of PUT-class (or GET-class) object-store bytes by byte path; all on `fallback` when none moved. */
export function objectStoreShares(objectStoreBytes: Record<string, number>, puts: boolean, fallback: BytePath): Map<BytePath, number> {
  const shares = new Map<BytePath, number>();
  let total = 0;
  for (const [flow, bytes] of Object.entries(objectStoreBytes)) {
    if (bytes <= 0 || isPutFlow(flow) !== puts) continue;
    const path = pathOfFlow(flow);
    shares.set(path, (shares.get(path) ?? 0) + bytes);
    total += bytes;
  }
  if (total === 0) return new Map([[fallback, 1]]);
  for (const [path, bytes] of shares) shares.set(path, bytes / total);
  return shares;
}

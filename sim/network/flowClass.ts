// What every moved byte is tagged with: the flow class (why it moved) and its locality (where it moved), the two
// axes the cost model bills on — cross-zone bytes cost money, same-zone and object-store bytes do not
// (architectures.md section 0).

/** Why bytes move; numeric so they ride in events and index typed arrays. */
export const FlowClass = {
  produce: 0,
  replication: 1,
  consume: 2,
  recovery: 3,
  wal: 4,
  s3Put: 5,
  s3Get: 6,
  proxy: 7,
  export: 8,
  control: 9,
} as const;

/** A FlowClass value. */
export type FlowClassId = (typeof FlowClass)[keyof typeof FlowClass];

/** Flow class names as they appear in metric series, indexed by FlowClass value. */
export const FLOW_CLASS_NAMES: readonly string[] = [
  "produce",
  "replication",
  "consume",
  "recovery",
  "wal",
  "s3-put",
  "s3-get",
  "proxy",
  "export",
  "control",
];

/** Number of flow classes. */
export const FLOW_CLASS_COUNT = FLOW_CLASS_NAMES.length;

/** Where bytes move: inside one zone, across zones, or to/from the regional object store. */
export const Locality = { sameZone: 0, crossZone: 1, objectStore: 2 } as const;

/** A Locality value. */
export type LocalityId = (typeof Locality)[keyof typeof Locality];

/** Locality names as they appear in metric series, indexed by Locality value. */
export const LOCALITY_NAMES: readonly string[] = ["sameZone", "crossZone", "objectStore"];

/** Number of localities. */
export const LOCALITY_COUNT = LOCALITY_NAMES.length;

/** Zone number of regional services (the object store endpoint), which sit in no zone. */
export const REGIONAL_ZONE = -1;

/** Locality of bytes moving between two hosts' zones; a host talking to itself is sameZone. */
export function localityOf(zoneFrom: number, zoneTo: number, sameHost: boolean): LocalityId {
  if (sameHost) return Locality.sameZone;
  if (zoneFrom === REGIONAL_ZONE || zoneTo === REGIONAL_ZONE) return Locality.objectStore;
  return zoneFrom === zoneTo ? Locality.sameZone : Locality.crossZone;
}

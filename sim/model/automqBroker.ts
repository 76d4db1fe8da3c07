// One AutoMQ broker's state, shared by the model's parts: its WAL (block volume or S3 batches), its log cache,
// snapshot-read cache and block cache, its zone-router channel, and where it is in a failover. Plain fields only;
// the behaviour lives in automqWal.ts, automqUploader.ts, automqRouter.ts, automqReads.ts and automqFailover.ts.

import { BlockVolume } from "../storage/blockVolume.ts";
import { ByteLruCache } from "../storage/byteCache.ts";
import { EBS_WAL_VOLUME, REGIONAL_WAL_VOLUME, type ResolvedAutomqConfig } from "./automqConfig.ts";
import type { BrokerSlot } from "./cluster.ts";
import { PageCache } from "./pageCache.ts";
import type { World } from "./world.ts";

/** What a finished WAL append acknowledges. */
export const AckKind = {
  /** A produce request's part on the broker that received it: id = request, token = its arrival token. */
  request: 0,
  /** A zone-router slot appended by its leader: id = channel batch id, token = slot index. */
  slot: 1,
} as const;

/** Numbers per S3 WAL object in `AutomqBroker.walObjects`: WAL end position, object bytes, linked bytes. */
export const WAL_OBJECT_FIELDS = 3;

/** One WAL write (a group commit on a block volume, or one S3 WAL object): what becomes durable together. */
export interface WalRecord {
  seq: number;
  /** Log bytes it makes durable (exact, before alignment). */
  bytes: number;
  /** Bytes the write itself carries: the records, except for routed data, which ZeroZone V2 writes as link records
   * pointing into the router channel object that holds it. */
  objectBytes: number;
  /** Log bytes written as link records (their data stays in router channel objects until uploaded). */
  linkedBytes: number;
  /** Groups written and the log end each reaches once this record is durable (group bytes). */
  groups: number[];
  targets: number[];
  /** Triples (AckKind, id, token) answered when the record is durable. */
  acks: number[];
  /** Intended send times spanned by its records, µs; the groups' offset-time index gets them once durable. */
  windowFromMicros: number;
  windowToMicros: number;
  /** When the first byte entered it (S3 WAL batchInterval runs from here), µs. */
  openedMicros: number;
  done: boolean;
}

/** An append waiting for room in the log cache or WAL (back-pressure). */
export interface BlockedAppend {
  bytes: number;
  /** Bytes of the link records written in their place, or -1 when the bytes themselves are written. */
  linkBytes: number;
  fromMicros: number;
  toMicros: number;
  ackKind: number;
  ackId: number;
  ackToken: number;
}

/** Fresh, empty WAL record. */
export function emptyRecord(seq: number): WalRecord {
  return {
    seq, bytes: 0, objectBytes: 0, linkedBytes: 0, groups: [], targets: [], acks: [], windowFromMicros: Number.POSITIVE_INFINITY, windowToMicros: 0,
    openedMicros: 0, done: false,
  };
}

/** One AutoMQ broker. */
export interface AutomqBroker {
  readonly index: number;
  readonly zone: number;
  readonly name: string;
  readonly host: number;
  /** Process running. */
  up: boolean;
  /** Known to the controller (not fenced); proxies and snapshot readers are picked among registered brokers. */
  registered: boolean;
  /** Bumped at every crash and restart, so completions from a previous life are ignored. */
  epoch: number;
  /** Groups this broker leads, in the order it opened them. */
  led: number[];
  /** The WAL volume (block kinds); it outlives the broker unless lost with it. */
  readonly volume: BlockVolume | undefined;
  volumeLost: boolean;
  readonly logCache: PageCache;
  readonly snapshotCache: PageCache;
  readonly blockCache: ByteLruCache;
  /** WAL positions: bytes admitted, made durable, and uploaded to S3 objects (exact bytes). */
  walAppended: number;
  walDurable: number;
  walUploaded: number;
  nextSeq: number;
  /** Records issued and not yet retired, oldest first. */
  inFlight: WalRecord[];
  /** The record appends currently accumulate into. */
  open: WalRecord;
  writesInFlight: number;
  /** Block WAL: earliest time the IOPS budget lets the next write leave, µs; and whether a timer waits for it. */
  walNextIssueMicros: number;
  walIssueArmed: boolean;
  /** S3 WAL: object bytes in the open batch or in PUTs not yet finished. */
  unflushedBytes: number;
  batchGen: number;
  blocked: BlockedAppend[];
  /** S3 WAL objects not yet deleted, as triples (WAL end position, object bytes, linked bytes): WAL_OBJECT_FIELDS. */
  walObjects: number[];
  walBytesWritten: number;
  walWrites: number;
  /** A regular SSO upload is in flight. */
  uploading: boolean;
  /** Sizes of stream set objects not yet compacted. */
  ssoSizes: number[];
  /** 0 normal, 1 waiting for the controller, 2 being recovered. */
  failover: number;
}

/** Builds a broker with its caches (and WAL volume for the block kinds). */
export function createAutomqBroker(world: World, slot: BrokerSlot, config: ResolvedAutomqConfig): AutomqBroker {
  const block = config.walKind !== "s3";
  const volumeBase = config.walKind === "regional-ebs" ? REGIONAL_WAL_VOLUME : EBS_WAL_VOLUME;
  const name = `${slot.name}.wal`;
  return {
    index: slot.index,
    zone: slot.zone,
    name: slot.name,
    host: world.brokerHosts[slot.index],
    up: true,
    registered: true,
    epoch: 0,
    led: [],
    volume: block ? new BlockVolume(world.engine, name, world.rng.fork(name), { ...volumeBase, ...config.walVolume }) : undefined,
    volumeLost: false,
    logCache: new PageCache(config.walCacheBytes),
    snapshotCache: new PageCache(config.snapshotReadCacheBytes),
    blockCache: new ByteLruCache(config.blockCacheBytes),
    walAppended: 0,
    walDurable: 0,
    walUploaded: 0,
    nextSeq: 1,
    inFlight: [],
    open: emptyRecord(0),
    writesInFlight: 0,
    walNextIssueMicros: 0,
    walIssueArmed: false,
    unflushedBytes: 0,
    batchGen: 0,
    blocked: [],
    walObjects: [],
    walBytesWritten: 0,
    walWrites: 0,
    uploading: false,
    ssoSizes: [],
    failover: 0,
  };
}

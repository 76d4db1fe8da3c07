// AutoMQ's fast retry of S3 WAL and router-channel PUTs: a PUT slower than the p99 its client has seen for objects of
// about its size is sent again and the first answer wins (DefaultWriter.uploadBulk0 enableFastRetry(true),
// AbstractObjectStorage.write0, S3LatencyCalculator); a copy answering second overwrote the same key and is dropped.

import type { Actor } from "../engine.ts";
import { Histogram } from "../metrics/index.ts";
import { KiB, MiB, MICROS_PER_SECOND } from "../units.ts";
import type { AutomqArchitecture } from "./automq.ts";

const Kind = { due: 1, done: 2, failed: 3 } as const;

// S3LatencyCalculator's size buckets, as AbstractObjectStorage builds it (a 0 bucket is added below the first), bytes.
const SIZE_BUCKETS = [0, 1 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, 512 * KiB, 1 * MiB, 2 * MiB, 3 * MiB, 4 * MiB, 5 * MiB, 8 * MiB, 12 * MiB, 16 * MiB, 32 * MiB];
// Latencies above 3 s are not recorded ("Ignore the huge latency"; highestValue Duration.ofSeconds(3)).
const RECORDED_MAX_MICROS = 3 * MICROS_PER_SECOND;
// AbstractObjectStorage.MAX_INFLIGHT_FAST_RETRY_COUNT = 5 per object-storage client.
const DUPLICATES_IN_FLIGHT_MAX = 5;

/** One logical PUT and its attempts (the first, and the duplicate once sent). */
interface HedgedPut {
  client: number;
  host: number;
  bytes: number;
  flowClass: number;
  target: number;
  kind: number;
  a: number;
  b: number;
  failKind: number;
  startMicros: [number, number];
  /** Attempts not yet answered. */
  live: number;
  duplicated: boolean;
  done: boolean;
}

/** Fast-retried PUTs for one kind of AutoMQ object-storage client, one client per broker (one engine actor). */
export class AutomqFastRetry implements Actor {
  readonly actor: number;
  /** Duplicate PUTs sent. */
  duplicates = 0;
  /** Bytes of attempts that succeeded after another attempt of the same PUT had answered (stored twice, then one
   * copy dropped). */
  extraBytes = 0;
  readonly #latency: Histogram[][];
  readonly #inFlight: Int32Array;

  constructor(readonly arch: AutomqArchitecture, label: string) {
    this.actor = arch.world.engine.register(`${arch.name}.${label}.fastRetry`, this);
    this.#latency = arch.brokers.map(() => SIZE_BUCKETS.map(() => new Histogram({ highestValue: RECORDED_MAX_MICROS })));
    this.#inFlight = new Int32Array(arch.brokers.length);
  }

  /** PUTs `bytes` from host for broker `client`; the answer reaches target as (kind, a, b), or failKind once every
   * attempt failed. */
  put(client: number, host: number, bytes: number, flowClass: number, target: number, kind: number, a: number, b: number, failKind: number): void {
    const arch = this.arch;
    const now = arch.world.engine.nowMicros;
    const p: HedgedPut = { client, host, bytes, flowClass, target, kind, a, b, failKind, startMicros: [now, 0], live: 1, duplicated: false, done: false };
    this.#send(p, 0);
    const delay = this.p99Micros(client, bytes);
    // No latency seen yet for this size: no fast retry (valueAtPercentile of an empty histogram is 0).
    if (delay > 0) arch.world.engine.send(this.actor, Kind.due, Math.ceil(delay), 0, 0, p);
  }

  /** The p99 PUT latency client has seen for objects of this size, interpolated between the nearest size buckets as
   * S3LatencyCalculator.valueAtPercentile does; 0 when none seen, µs. */
  p99Micros(client: number, bytes: number): number {
    const h = this.#latency[client];
    let hi = SIZE_BUCKETS.findIndex((size) => size >= bytes);
    if (hi < 0) return h[SIZE_BUCKETS.length - 1].percentile(99);
    if (SIZE_BUCKETS[hi] === bytes || hi === 0) return h[hi].percentile(99);
    const lo = hi - 1;
    const ratio = (bytes - SIZE_BUCKETS[lo]) / (SIZE_BUCKETS[hi] - SIZE_BUCKETS[lo]);
    const floor = h[lo].percentile(99);
    return floor + (h[hi].percentile(99) - floor) * ratio;
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    const p = ref as HedgedPut;
    switch (kind) {
      case Kind.due:
        if (p.done || p.live === 0 || this.#inFlight[p.client] >= DUPLICATES_IN_FLIGHT_MAX) return;
        p.duplicated = true;
        p.live++;
        this.#inFlight[p.client]++;
        this.duplicates++;
        p.startMicros[1] = this.arch.world.engine.nowMicros;
        return this.#send(p, 1);
      case Kind.done:
        return this.#answered(p, a, true);
      case Kind.failed:
        return this.#answered(p, a, false);
      default:
        throw new Error(`${this.arch.name}.fastRetry: unexpected event kind ${kind}`);
    }
  }

  #send(p: HedgedPut, attempt: number): void {
    const arch = this.arch;
    arch.store.put(p.host, p.bytes, arch.nextPrefix(), p.flowClass, this.actor, Kind.done, attempt, 0, p, Kind.failed);
  }

  #answered(p: HedgedPut, attempt: number, ok: boolean): void {
    const engine = this.arch.world.engine;
    p.live--;
    if (attempt === 1) this.#inFlight[p.client]--;
    if (ok) {
      const latency = engine.nowMicros - p.startMicros[attempt];
      if (latency <= RECORDED_MAX_MICROS) this.#latency[p.client][bucketOf(p.bytes)].record(latency);
      if (p.done) {
        // The slower attempt overwrote the same object: one copy stays stored.
        this.extraBytes += p.bytes;
        this.arch.store.delete(p.bytes, this.arch.nextPrefix(), 1);
        return;
      }
      p.done = true;
      return engine.send(p.target, p.kind, 0, p.a, p.b);
    }
    // A failed attempt is final only when no other attempt is left to answer (the duplicate is never retried).
    if (!p.done && p.live === 0) engine.send(p.target, p.failKind, 0, p.a, p.b);
  }
}

// The bucket S3LatencyCalculator.record files a size under: the nearer of its floor and ceiling buckets.
function bucketOf(bytes: number): number {
  const hi = SIZE_BUCKETS.findIndex((size) => size >= bytes);
  if (hi < 0) return SIZE_BUCKETS.length - 1;
  if (hi === 0) return 0;
  return bytes - SIZE_BUCKETS[hi - 1] < SIZE_BUCKETS[hi] - bytes ? hi - 1 : hi;
}

// An EBS-like block volume as an engine actor: one FIFO server capped by throughput and IOPS, then a per-request
// device latency that overlaps the next request's service (the volume pipelines I/O), so latency at low load is
// latency + transfer and grows without bound as utilisation nears 1. Buffered writes become dirty bytes that
// background writeback drains in chunks interleaved with foreground requests, on the same throughput budget.

import type { Actor, Engine } from "../engine.ts";
import { createSampler, type Sampler } from "../distribution.ts";
import { InputError, SimInvariantError, requireFinite, requireNonNegativeInteger } from "../errors.ts";
import { Histogram, TimeWeightedGauge } from "../metrics/index.ts";
import type { Rng } from "../random.ts";
import { MICROS_PER_SECOND, formatMicros, type Bytes, type Micros } from "../units.ts";
import { GP3_DEFAULTS, type BlockVolumeConfig } from "./defaults.ts";
import { validateBlockVolumeConfig } from "./validateConfig.ts";
import { DegradationSchedule, type Degradation } from "./degradation.ts";
import { RequestRing } from "./requestRing.ts";

const SERVICE_DONE = 0;
const OP_READ = 0;
const OP_WRITE = 1;
const OP_WRITEBACK = 2;
/** Summing thousands of fractional service times drifts by ~1e-7 µs; this slack keeps ceil() from adding a whole
 * µs for that drift while staying far below anything a µs clock can resolve. */
const ROUNDING_SLACK_MICROS = 1e-6;

/** Counters of a BlockVolume since creation, as plain data. */
export interface BlockVolumeStats {
  readRequests: number;
  writeRequests: number;
  /** Bytes read, in bytes. */
  bytesRead: Bytes;
  /** Bytes made durable, synchronous and written back, in bytes. */
  bytesWritten: Bytes;
  /** Bytes accepted by writeBuffered, in bytes. */
  bytesBuffered: Bytes;
  /** I/O operations served (each at most ioBytesMax). */
  ios: number;
  /** Fraction of time the server was busy, 0-1. */
  utilisation: number;
  /** Time-averaged requests waiting or in service. */
  queueDepthMean: number;
  /** Most requests ever waiting or in service. */
  queueDepthMax: number;
}

/** An EBS gp3-like volume; completions arrive at notifyTarget as (notifyKind, a, b). */
export class BlockVolume implements Actor {
  /** Engine address of this actor. */
  readonly index: number;
  /** Actor name, e.g. "broker-0.ebs". */
  readonly name: string;
  /** Effective configuration (defaults merged, validated, frozen). */
  readonly config: Readonly<BlockVolumeConfig>;
  /** Server busy (1) or idle (0) over time; its mean is the utilisation. */
  readonly busy: TimeWeightedGauge;
  /** Foreground requests waiting or in service over time. */
  readonly queueDepth: TimeWeightedGauge;
  /** Allocated bytes over time. */
  readonly used: TimeWeightedGauge;
  /** Submit-to-completion time of foreground requests, in µs. */
  readonly latencyMicros = new Histogram();
  /** Degradation windows in force; add to it through addDegradation. */
  readonly degradation = new DegradationSchedule();
  /** Read requests submitted. */
  readRequests = 0;
  /** Synchronous write requests submitted. */
  writeRequests = 0;
  /** Bytes read, in bytes. */
  bytesRead = 0;
  /** Bytes made durable (synchronous and written back), in bytes. */
  bytesWritten = 0;
  /** Bytes accepted by writeBuffered, in bytes. */
  bytesBuffered = 0;
  /** I/O operations served. */
  ios = 0;
  readonly #engine: Engine;
  readonly #readLatency: Sampler;
  readonly #writeLatency: Sampler;
  readonly #ring: RequestRing;
  #usedBytes = 0;
  #dirtyBytes = 0;
  #dirtyIssuedBytes = 0;
  #inService = false;
  #lastWasWriteback = false;
  #freeAtExactMicros = 0;
  // The request in service, copied out of the ring when it starts.
  #op = 0;
  #bytes = 0;
  #target = 0;
  #kind = 0;
  #a = 0;
  #b = 0;
  #submitMicros = 0;
  #addedLatencyMicros = 0;

  constructor(engine: Engine, name: string, rng: Rng, config: Partial<BlockVolumeConfig> = {}) {
    this.config = validateBlockVolumeConfig({ ...GP3_DEFAULTS, ...config });
    this.#engine = engine;
    this.name = name;
    this.#readLatency = createSampler(this.config.readLatencyMicros, rng.fork("read"), "readLatencyMicros");
    this.#writeLatency = createSampler(this.config.writeLatencyMicros, rng.fork("write"), "writeLatencyMicros");
    this.#ring = new RequestRing(this.config.queueRequestsMax);
    const now = engine.nowMicros;
    this.busy = new TimeWeightedGauge(now, 0);
    this.queueDepth = new TimeWeightedGauge(now, 0);
    this.used = new TimeWeightedGauge(now, 0);
    this.index = engine.register(name, this);
  }

  /** Bytes allocated now, in bytes. */
  get usedBytes(): Bytes {
    return this.#usedBytes;
  }

  /** Buffered bytes not yet written back (lost if the host crashes), in bytes. */
  get dirtyBytes(): Bytes {
    return this.#dirtyBytes;
  }

  /** Reserves bytes of capacity; false (and nothing reserved) when they do not fit. */
  allocate(bytes: Bytes): boolean {
    requireNonNegativeInteger("bytes", bytes);
    if (this.#usedBytes + bytes > this.config.capacityBytes) return false;
    this.#usedBytes += bytes;
    this.used.set(this.#engine.nowMicros, this.#usedBytes);
    return true;
  }

  /** Returns bytes of capacity reserved by allocate. */
  free(bytes: Bytes): void {
    requireNonNegativeInteger("bytes", bytes);
    if (bytes > this.#usedBytes) throw new InputError("bytes", bytes, `at most the ${this.#usedBytes} bytes allocated`);
    this.#usedBytes -= bytes;
    this.used.set(this.#engine.nowMicros, this.#usedBytes);
  }

  /** Writes bytes and delivers (notifyKind, a, b) to notifyTarget once they are durable. */
  writeSync(bytes: Bytes, notifyTarget: number, notifyKind: number, a = 0, b = 0): void {
    this.#submit(OP_WRITE, bytes, notifyTarget, notifyKind, a, b);
  }

  /** Reads bytes and delivers (notifyKind, a, b) to notifyTarget when they have arrived. */
  read(bytes: Bytes, notifyTarget: number, notifyKind: number, a = 0, b = 0): void {
    this.#submit(OP_READ, bytes, notifyTarget, notifyKind, a, b);
  }

  /** Accepts bytes into the page cache at once; writeback makes them durable later on the same throughput. */
  writeBuffered(bytes: Bytes): void {
    requireNonNegativeInteger("bytes", bytes);
    this.#dirtyBytes += bytes;
    this.bytesBuffered += bytes;
    if (!this.#inService) this.#startNext(false);
  }

  /** Drops dirty bytes not yet in writeback (the host crashed); returns how many were lost, in bytes. */
  dropDirty(): Bytes {
    const lost = this.#dirtyBytes - this.#dirtyIssuedBytes;
    this.#dirtyBytes = this.#dirtyIssuedBytes;
    return lost;
  }

  /** Slows the volume between two times (an "EBS volume degradation" fault); see DegradationSchedule. */
  addDegradation(degradation: Degradation): void {
    this.degradation.add(degradation);
  }

  /** Engine entry point: the only event is the volume's own end-of-service timer. */
  receive(kind: number): void {
    if (kind !== SERVICE_DONE) throw new SimInvariantError(`${this.name}: unexpected event kind ${kind}`);
    const now = this.#engine.nowMicros;
    if (this.#op === OP_WRITEBACK) {
      this.#dirtyBytes -= this.#bytes;
      this.#dirtyIssuedBytes -= this.#bytes;
      this.bytesWritten += this.#bytes;
    } else {
      const latency = this.#op === OP_READ ? this.#readLatency() : this.#writeLatency();
      const delay = Math.max(0, Math.round(latency)) + this.#addedLatencyMicros;
      if (this.#op === OP_READ) this.bytesRead += this.#bytes;
      else this.bytesWritten += this.#bytes;
      this.latencyMicros.record(now + delay - this.#submitMicros);
      this.queueDepth.add(now, -1);
      this.#engine.send(this.#target, this.#kind, delay, this.#a, this.#b);
    }
    this.#startNext(true);
  }

  /** Counters and gauges as plain data. */
  stats(): BlockVolumeStats {
    const now = this.#engine.nowMicros;
    return {
      readRequests: this.readRequests,
      writeRequests: this.writeRequests,
      bytesRead: this.bytesRead,
      bytesWritten: this.bytesWritten,
      bytesBuffered: this.bytesBuffered,
      ios: this.ios,
      utilisation: this.busy.mean(now),
      queueDepthMean: this.queueDepth.mean(now),
      queueDepthMax: this.queueDepth.max,
    };
  }

  #submit(op: number, bytes: Bytes, target: number, kind: number, a: number, b: number): void {
    requireNonNegativeInteger("bytes", bytes);
    if (!Number.isInteger(target) || target < 0) throw new InputError("notifyTarget", target, "an actor index >= 0");
    requireNonNegativeInteger("notifyKind", kind);
    requireFinite("a", a);
    requireFinite("b", b);
    const now = this.#engine.nowMicros;
    if (!this.#ring.push(op, bytes, target, kind, a, b, now)) {
      throw new SimInvariantError(
        `${this.name} @ ${formatMicros(now)}: queue exceeds queueRequestsMax (${this.config.queueRequestsMax}); ` +
          "the offered load outruns the volume and nothing upstream applies back-pressure",
      );
    }
    if (op === OP_READ) this.readRequests++;
    else this.writeRequests++;
    this.queueDepth.add(now, 1);
    if (!this.#inService) this.#startNext(false);
  }

  // Picks the next work: writeback gets one chunk after each foreground request, and the whole volume when no
  // foreground request waits. backToBack carries the previous service's exact (fractional) end, so integer
  // rounding of event times never loses throughput over many requests.
  #startNext(backToBack: boolean): void {
    const now = this.#engine.nowMicros;
    const ring = this.#ring;
    const unissued = this.#dirtyBytes - this.#dirtyIssuedBytes;
    const wantWriteback = unissued > 0 && (ring.size === 0 || !this.#lastWasWriteback);
    if (ring.size === 0 && !wantWriteback) {
      if (this.#inService) this.busy.set(now, 0);
      this.#inService = false;
      return;
    }
    if (wantWriteback) {
      this.#op = OP_WRITEBACK;
      this.#bytes = Math.min(unissued, this.config.writebackChunkBytes);
      this.#dirtyIssuedBytes += this.#bytes;
    } else {
      const slot = ring.head;
      this.#op = ring.op[slot];
      this.#bytes = ring.bytes[slot];
      this.#target = ring.target[slot];
      this.#kind = ring.kind[slot];
      this.#a = ring.a[slot];
      this.#b = ring.b[slot];
      this.#submitMicros = ring.submitMicros[slot];
      ring.shift();
    }
    this.#lastWasWriteback = wantWriteback;
    const startMicros = backToBack ? this.#freeAtExactMicros : now;
    const d = this.degradation.at(now);
    this.#addedLatencyMicros = d.addedLatencyMicros;
    const ios = Math.max(1, Math.ceil(this.#bytes / this.config.ioBytesMax));
    this.ios += ios;
    const transfer = (this.#bytes * MICROS_PER_SECOND) / (this.config.throughputBytesPerSecond * d.throughputFactor);
    const perIo = (ios * MICROS_PER_SECOND) / (this.config.iops * d.iopsFactor);
    this.#freeAtExactMicros = startMicros + Math.max(transfer, perIo);
    if (!this.#inService) this.busy.set(now, 1);
    this.#inService = true;
    const doneMicros = Math.ceil(this.#freeAtExactMicros - ROUNDING_SLACK_MICROS);
    this.#engine.send(this.index, SERVICE_DONE, Math.max(0, doneMicros - now));
  }
}

/** Service time of one request on an idle, undegraded volume: max(bytes / throughput, I/Os / IOPS), in µs (float). */
export function serviceMicros(config: BlockVolumeConfig, bytes: Bytes): Micros {
  const ios = Math.max(1, Math.ceil(bytes / config.ioBytesMax));
  return Math.max((bytes * MICROS_PER_SECOND) / config.throughputBytesPerSecond, (ios * MICROS_PER_SECOND) / config.iops);
}

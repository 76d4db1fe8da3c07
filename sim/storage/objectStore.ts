// An S3-like object store (Standard, or Express One Zone) as an engine actor with its own network host. A request
// attempt is admitted or refused (zone loss: no answer until the attempt times out; brownout: 500/503; an empty
// rate bucket: 503 SlowDown); an admitted one completes at max(network transfer done, first byte + bytes at the
// per-connection rate). Refused attempts are retried SDK-style; the last failure is delivered as failKind.

import type { Actor, Engine } from "../engine.ts";
import { createSampler, type Sampler } from "../distribution.ts";
import { InputError, SimInvariantError, requireFinite, requireNonNegativeInteger, requirePositive } from "../errors.ts";
import { Histogram, TimeWeightedGauge } from "../metrics/index.ts";
import { FLOW_CLASS_NAMES, type Network } from "../network/index.ts";
import type { Rng } from "../random.ts";
import { MICROS_PER_SECOND, formatMicros, type Bytes } from "../units.ts";
import { S3_STANDARD_DEFAULTS, type ObjectStoreConfig } from "./defaults.ts";
import { validateObjectStoreConfig } from "./validateConfig.ts";
import { PrefixRateLimiter } from "./prefixRateLimiter.ts";
import { RetryQuotas, backoffMicros } from "./sdkRetry.ts";
import { StoreImpairmentSchedule, type StoreImpairment } from "./storeImpairment.ts";
import { AttemptError, StoreOp, StoreRequestTable } from "./storeRequestTable.ts";
import { ObjectStoreCounters, type ObjectStoreStats } from "./objectStoreStats.ts";

const Kind = { attempt: 0, timerDone: 1, netDone: 2, netFailed: 3, errorResponse: 4 } as const;

/** S3-like object store; completions arrive at notifyTarget as (notifyKind, a, b, ref), failures as failKind. */
export class ObjectStore implements Actor {
  /** Engine address of this actor. */
  readonly index: number;
  /** Actor and network host name, e.g. "s3". */
  readonly name: string;
  /** The store endpoint's network host. */
  readonly host: number;
  /** Effective configuration (defaults merged, validated, frozen). */
  readonly config: Readonly<ObjectStoreConfig>;
  /** Bytes stored over time; its integral (byte·µs) feeds the storage bill. */
  readonly stored: TimeWeightedGauge;
  /** Call-to-completion time of successful PUTs (single and multipart), retries included, in µs. */
  readonly putLatencyMicros = new Histogram();
  /** Call-to-completion time of successful GETs, retries included, in µs. */
  readonly getLatencyMicros = new Histogram();
  /** Brownout and outage windows; add to it through addImpairment. */
  readonly impairments = new StoreImpairmentSchedule();
  /** Live counters by request type and outcome; stats() copies them. */
  readonly counters = new ObjectStoreCounters();
  readonly #engine: Engine;
  readonly #network: Network;
  readonly #putFirstByte: Sampler;
  readonly #getFirstByte: Sampler;
  readonly #errorRng: Rng;
  readonly #backoffRng: Rng;
  readonly #limiter: PrefixRateLimiter;
  readonly #quotas: RetryQuotas;
  readonly #table = new StoreRequestTable();
  #storedBytes = 0;

  constructor(engine: Engine, network: Network, name: string, rng: Rng, config: Partial<ObjectStoreConfig> = {}) {
    this.config = validateObjectStoreConfig({ ...S3_STANDARD_DEFAULTS, ...config });
    const c = this.config;
    this.#engine = engine;
    this.#network = network;
    this.name = name;
    this.#putFirstByte = createSampler(c.putFirstByteMicros, rng.fork("put"), "putFirstByteMicros");
    this.#getFirstByte = createSampler(c.getFirstByteMicros, rng.fork("get"), "getFirstByteMicros");
    this.#errorRng = rng.fork("errors");
    this.#backoffRng = rng.fork("backoff");
    this.#limiter = new PrefixRateLimiter(c.putRequestsPerSecond, c.getRequestsPerSecond, c.rateBurstSeconds, c.rateLimitScope === "prefix");
    this.#quotas = new RetryQuotas(c.retry);
    this.stored = new TimeWeightedGauge(engine.nowMicros, 0);
    const bandwidth = c.endpointBytesPerSecond;
    this.host = network.addHost({ name, zone: c.zone, egressBytesPerSecond: bandwidth, ingressBytesPerSecond: bandwidth });
    this.index = engine.register(name, this);
  }

  /** Bytes stored now, in bytes. */
  get storedBytes(): Bytes {
    return this.#storedBytes;
  }

  /** Requests not yet completed or failed. */
  get inFlight(): number {
    return this.#table.live;
  }

  /** Uploads one object of `bytes` from fromHost under a numeric prefix; a single PutObject request. */
  put(fromHost: number, bytes: Bytes, prefix: number, flowClass: number, notifyTarget: number, notifyKind: number,
    a = 0, b = 0, ref?: unknown, failKind?: number): void {
    this.#start(StoreOp.put, fromHost, bytes, 0, prefix, flowClass, notifyTarget, notifyKind, a, b, ref, failKind);
  }

  /** Uploads one object as CreateMultipartUpload + ceil(bytes / partBytes) UploadPart (in parallel) + Complete. */
  putMultipart(fromHost: number, bytes: Bytes, partBytes: Bytes, prefix: number, flowClass: number, notifyTarget: number,
    notifyKind: number, a = 0, b = 0, ref?: unknown, failKind?: number): void {
    requirePositive("partBytes", requireNonNegativeInteger("partBytes", partBytes));
    this.#start(StoreOp.multipartPut, fromHost, bytes, partBytes, prefix, flowClass, notifyTarget, notifyKind, a, b, ref, failKind);
  }

  /** Downloads `bytes` (one GetObject, possibly ranged) to toHost. */
  get(toHost: number, bytes: Bytes, prefix: number, flowClass: number, notifyTarget: number, notifyKind: number,
    a = 0, b = 0, ref?: unknown, failKind?: number): void {
    this.#start(StoreOp.get, toHost, bytes, 0, prefix, flowClass, notifyTarget, notifyKind, a, b, ref, failKind);
  }

  /** Deletes `objects` objects totalling `bytes` at once. Deletes spend PUT-class tokens but are never refused:
   * callers treat deletion as bookkeeping, and a throttled delete only moves the bill by seconds. */
  delete(bytes: Bytes, prefix: number, objects = 1): void {
    requireNonNegativeInteger("bytes", bytes);
    requirePrefix(prefix);
    requirePositive("objects", requireNonNegativeInteger("objects", objects));
    if (bytes > this.#storedBytes) throw new InputError("bytes", bytes, `at most the ${this.#storedBytes} bytes stored`);
    const now = this.#engine.nowMicros;
    this.#limiter.drainPut(prefix, objects, now);
    this.#storedBytes -= bytes;
    this.stored.set(now, this.#storedBytes);
    this.counters.deleteRequests += objects;
    this.counters.bytesDeleted += bytes;
  }

  /** Schedules a brownout or an outage window (see StoreImpairment). */
  addImpairment(impairment: StoreImpairment): void {
    this.impairments.add(impairment);
  }

  /** Counters and gauges as plain data. */
  stats(): ObjectStoreStats {
    const now = this.#engine.nowMicros;
    return this.counters.snapshot(this.#storedBytes, this.stored.integral(now), this.#table.live);
  }

  /** Engine entry point: the store's own timers and its network transfers' completions, each naming (row, generation). */
  receive(kind: number, row: number, generation: number): void {
    const t = this.#table;
    // Events name (row, generation): one for an attempt already abandoned, or a request already over, is dropped.
    if (kind >= 0 && kind <= Kind.errorResponse && t.generation[row] !== generation) return;
    switch (kind) {
      case Kind.attempt:
        return this.#attempt(row);
      case Kind.timerDone:
      case Kind.netDone:
        if (--t.pending[row] === 0) this.#complete(row);
        return;
      case Kind.netFailed:
        // The path to the client broke mid-attempt: the client sees a dropped connection and retries.
        this.counters.connectionErrors++;
        t.error[row] = AttemptError.timeout;
        return this.#failedAttempt(row);
      case Kind.errorResponse:
        return this.#failedAttempt(row);
      default:
        throw new SimInvariantError(`${this.name}: unexpected event kind ${kind}`);
    }
  }

  #start(op: number, host: number, bytes: Bytes, partBytes: Bytes, prefix: number, flowClass: number,
    target: number, kind: number, a: number, b: number, ref: unknown, failKind: number | undefined): void {
    this.#network.zoneOf(host);
    requireNonNegativeInteger("bytes", bytes);
    requirePrefix(prefix);
    if (!Number.isInteger(flowClass) || flowClass < 0 || flowClass >= FLOW_CLASS_NAMES.length) {
      throw new InputError("flowClass", flowClass, "a FlowClass value");
    }
    requireNonNegativeInteger("notifyTarget", target);
    requireNonNegativeInteger("notifyKind", kind);
    if (failKind !== undefined) requireNonNegativeInteger("failKind", failKind);
    requireFinite("a", a);
    requireFinite("b", b);
    const t = this.#table;
    const row = t.allocate();
    t.op[row] = op;
    t.clientHost[row] = host;
    t.bytes[row] = bytes;
    t.partBytes[row] = partBytes;
    t.prefix[row] = prefix;
    t.flowClass[row] = flowClass;
    t.target[row] = target;
    t.kind[row] = kind;
    t.a[row] = a;
    t.b[row] = b;
    t.ref[row] = ref;
    t.failKind[row] = failKind ?? -1;
    t.attempts[row] = 0;
    t.quotaHeld[row] = 0;
    t.startMicros[row] = this.#engine.nowMicros;
    this.#attempt(row);
  }

  #attempt(row: number): void {
    const t = this.#table;
    const engine = this.#engine;
    const now = engine.nowMicros;
    const op = t.op[row];
    const isGet = op === StoreOp.get;
    const parts = op === StoreOp.multipartPut ? Math.max(1, Math.ceil(t.bytes[row] / t.partBytes[row])) : 0;
    const requests = op === StoreOp.multipartPut ? parts + 2 : 1;
    const conditions = this.impairments.at(now);
    const firstByte = isGet ? this.#getFirstByte : this.#putFirstByte;
    const gen = t.nextGeneration(row);
    t.attempts[row]++;
    t.error[row] = AttemptError.none;
    if (conditions.unavailable) {
      this.counters.timeouts++;
      t.error[row] = AttemptError.timeout;
      engine.send(this.index, Kind.errorResponse, this.config.attemptTimeoutMicros, row, gen);
      return;
    }
    const factor = conditions.latencyFactor;
    if (conditions.errorRatio > 0 && this.#errorRng.chance(conditions.errorRatio)) {
      this.counters.serverErrors++;
      t.error[row] = AttemptError.server;
      engine.send(this.index, Kind.errorResponse, sampleMicros(firstByte, factor), row, gen);
      return;
    }
    if (!this.#limiter.tryTake(t.prefix[row], isGet, requests, now)) {
      this.counters.throttled++;
      t.error[row] = AttemptError.throttled;
      engine.send(this.index, Kind.errorResponse, sampleMicros(firstByte, factor), row, gen);
      return;
    }
    if (isGet) this.counters.getRequests += requests;
    else this.counters.putRequests += requests;
    const bytes = t.bytes[row];
    const timerMicros = parts > 0 ? this.#multipartMicros(bytes, t.partBytes[row], parts, factor)
      : sampleMicros(firstByte, factor) + this.#bodyMicros(bytes);
    t.pending[row] = 2;
    engine.send(this.index, Kind.timerDone, timerMicros, row, gen);
    const from = isGet ? this.host : t.clientHost[row];
    const to = isGet ? t.clientHost[row] : this.host;
    this.#network.transfer(from, to, bytes, t.flowClass[row], this.index, Kind.netDone, row, gen, undefined, Kind.netFailed);
  }

  #failedAttempt(row: number): void {
    const t = this.#table;
    const host = t.clientHost[row];
    const attempts = t.attempts[row];
    const timedOut = t.error[row] === AttemptError.timeout;
    const tokens = attempts < this.config.retry.maxAttempts ? this.#quotas.take(host, timedOut) : -1;
    if (tokens < 0) return this.#fail(row);
    // As in the SDK, a success refunds only the cost of the last retry.
    t.quotaHeld[row] = tokens;
    this.counters.retries++;
    const throttled = t.error[row] === AttemptError.throttled;
    const delay = backoffMicros(this.config.retry, attempts, throttled, this.#backoffRng.next());
    this.#engine.send(this.index, Kind.attempt, delay, row, t.nextGeneration(row));
  }

  #complete(row: number): void {
    const t = this.#table;
    const now = this.#engine.nowMicros;
    const bytes = t.bytes[row];
    if (t.op[row] === StoreOp.get) {
      this.counters.bytesGot += bytes;
      this.getLatencyMicros.record(now - t.startMicros[row]);
    } else {
      this.counters.bytesPut += bytes;
      if (t.op[row] === StoreOp.multipartPut) this.counters.multipartUploads++;
      this.#storedBytes += bytes;
      this.stored.set(now, this.#storedBytes);
      this.putLatencyMicros.record(now - t.startMicros[row]);
    }
    this.#quotas.release(t.clientHost[row], t.quotaHeld[row]);
    this.#engine.send(t.target[row], t.kind[row], 0, t.a[row], t.b[row], t.ref[row]);
    t.release(row);
  }

  #fail(row: number): void {
    const t = this.#table;
    this.counters.failures++;
    const failKind = t.failKind[row];
    if (failKind < 0) {
      throw new SimInvariantError(
        `${this.name} @ ${formatMicros(this.#engine.nowMicros)}: a request failed after ${t.attempts[row]} attempts ` +
          `and its caller (actor ${t.target[row]}) gave no failKind to be told with`,
      );
    }
    this.#engine.send(t.target[row], failKind, 0, t.a[row], t.b[row], t.ref[row]);
    t.release(row);
  }

  // Create, then every part in parallel on its own connection (the slowest decides), then Complete.
  #multipartMicros(bytes: Bytes, partBytes: Bytes, parts: number, factor: number): number {
    let slowestPart = 0;
    for (let i = 0; i < parts; i++) {
      const size = Math.min(partBytes, bytes - i * partBytes);
      slowestPart = Math.max(slowestPart, sampleMicros(this.#putFirstByte, factor) + this.#bodyMicros(size));
    }
    return sampleMicros(this.#putFirstByte, factor) + slowestPart + sampleMicros(this.#putFirstByte, factor);
  }

  #bodyMicros(bytes: Bytes): number {
    return Math.ceil((bytes * MICROS_PER_SECOND) / this.config.perConnectionBytesPerSecond);
  }
}

function sampleMicros(sampler: Sampler, factor: number): number {
  return Math.max(0, Math.round(sampler() * factor));
}

function requirePrefix(prefix: number): void {
  if (typeof prefix !== "number" || !Number.isSafeInteger(prefix) || prefix < 0) {
    throw new InputError("prefix", prefix, "a whole number >= 0 naming a key prefix");
  }
}

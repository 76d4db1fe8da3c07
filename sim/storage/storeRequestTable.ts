// In-flight object-store requests as rows of typed arrays with a free list, so a request allocates nothing in the
// steady state. Each row carries a generation, bumped on every new attempt and on release: events name
// (row, generation), and an event whose generation is stale (a network completion for an abandoned attempt) is
// recognised and dropped.

const INITIAL_CAPACITY = 64;

/** Request operations. */
export const StoreOp = { put: 0, get: 1, multipartPut: 2 } as const;

/** Why an attempt failed. */
export const AttemptError = { none: 0, throttled: 1, server: 2, timeout: 3 } as const;

/** Growable table of in-flight requests; fields are public arrays indexed by row. */
export class StoreRequestTable {
  op = new Uint8Array(INITIAL_CAPACITY);
  error = new Uint8Array(INITIAL_CAPACITY);
  attempts = new Uint8Array(INITIAL_CAPACITY);
  pending = new Uint8Array(INITIAL_CAPACITY);
  flowClass = new Uint8Array(INITIAL_CAPACITY);
  clientHost = new Int32Array(INITIAL_CAPACITY);
  target = new Int32Array(INITIAL_CAPACITY);
  kind = new Int32Array(INITIAL_CAPACITY);
  failKind = new Int32Array(INITIAL_CAPACITY);
  generation = new Uint32Array(INITIAL_CAPACITY);
  bytes = new Float64Array(INITIAL_CAPACITY);
  partBytes = new Float64Array(INITIAL_CAPACITY);
  prefix = new Float64Array(INITIAL_CAPACITY);
  a = new Float64Array(INITIAL_CAPACITY);
  b = new Float64Array(INITIAL_CAPACITY);
  startMicros = new Float64Array(INITIAL_CAPACITY);
  quotaHeld = new Float64Array(INITIAL_CAPACITY);
  ref: unknown[] = new Array<unknown>(INITIAL_CAPACITY).fill(undefined);
  /** Rows in use. */
  live = 0;
  #free: number[] = [];
  #used = 0;

  /** Takes a free row (fields are stale until the caller writes them). */
  allocate(): number {
    this.live++;
    const row = this.#free.pop();
    if (row !== undefined) return row;
    if (this.#used === this.op.length) this.#grow();
    return this.#used++;
  }

  /** Moves a row to its next generation (wrapping within 32 bits) and returns it. */
  nextGeneration(row: number): number {
    const next = (this.generation[row] + 1) >>> 0;
    this.generation[row] = next;
    return next;
  }

  /** Returns a row; its generation moves on so late events for it are ignored. */
  release(row: number): void {
    this.nextGeneration(row);
    this.ref[row] = undefined;
    this.#free.push(row);
    this.live--;
  }

  #grow(): void {
    const n = this.op.length * 2;
    const grow = <T extends { length: number; set(src: ArrayLike<number>): void }>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(old as unknown as ArrayLike<number>);
      return next;
    };
    this.op = grow(this.op, (k) => new Uint8Array(k));
    this.error = grow(this.error, (k) => new Uint8Array(k));
    this.attempts = grow(this.attempts, (k) => new Uint8Array(k));
    this.pending = grow(this.pending, (k) => new Uint8Array(k));
    this.flowClass = grow(this.flowClass, (k) => new Uint8Array(k));
    this.clientHost = grow(this.clientHost, (k) => new Int32Array(k));
    this.target = grow(this.target, (k) => new Int32Array(k));
    this.kind = grow(this.kind, (k) => new Int32Array(k));
    this.failKind = grow(this.failKind, (k) => new Int32Array(k));
    this.generation = grow(this.generation, (k) => new Uint32Array(k));
    this.bytes = grow(this.bytes, (k) => new Float64Array(k));
    this.partBytes = grow(this.partBytes, (k) => new Float64Array(k));
    this.prefix = grow(this.prefix, (k) => new Float64Array(k));
    this.a = grow(this.a, (k) => new Float64Array(k));
    this.b = grow(this.b, (k) => new Float64Array(k));
    this.startMicros = grow(this.startMicros, (k) => new Float64Array(k));
    this.quotaHeld = grow(this.quotaHeld, (k) => new Float64Array(k));
    this.ref.length = n;
    this.ref.fill(undefined, this.#used);
  }
}

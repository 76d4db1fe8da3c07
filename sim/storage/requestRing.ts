// A FIFO of pending block-volume requests held in typed arrays: a ring buffer that doubles when full, up to a
// hard bound, so queueing a request allocates nothing in the steady state.

const INITIAL_CAPACITY = 256;

/** FIFO ring of (op, bytes, target, kind, a, b, submitMicros) records; read the head's fields, then shift(). */
export class RequestRing {
  /** Most records the ring will hold. */
  readonly capacityMax: number;
  op = new Uint8Array(INITIAL_CAPACITY);
  bytes = new Float64Array(INITIAL_CAPACITY);
  target = new Int32Array(INITIAL_CAPACITY);
  kind = new Int32Array(INITIAL_CAPACITY);
  a = new Float64Array(INITIAL_CAPACITY);
  b = new Float64Array(INITIAL_CAPACITY);
  submitMicros = new Float64Array(INITIAL_CAPACITY);
  /** Slot of the oldest record; meaningful when size > 0. */
  head = 0;
  size = 0;

  constructor(capacityMax: number) {
    this.capacityMax = capacityMax;
  }

  /** Appends a record; false when the ring already holds capacityMax records. */
  push(op: number, bytes: number, target: number, kind: number, a: number, b: number, submitMicros: number): boolean {
    if (this.size >= this.capacityMax) return false;
    if (this.size === this.op.length) this.#grow();
    const slot = (this.head + this.size) % this.op.length;
    this.op[slot] = op;
    this.bytes[slot] = bytes;
    this.target[slot] = target;
    this.kind[slot] = kind;
    this.a[slot] = a;
    this.b[slot] = b;
    this.submitMicros[slot] = submitMicros;
    this.size++;
    return true;
  }

  /** Drops the oldest record. */
  shift(): void {
    this.head = (this.head + 1) % this.op.length;
    this.size--;
  }

  // Copies the records in FIFO order into arrays twice as long (capped at capacityMax), so head becomes 0.
  #grow(): void {
    const length = this.op.length;
    // capacityMax > size === length here, so the ring always gains at least one slot.
    const next = Math.min(length * 2, this.capacityMax);
    const order = (arr: { length: number; [i: number]: number }, into: { [i: number]: number }) => {
      for (let i = 0; i < this.size; i++) into[i] = arr[(this.head + i) % length];
    };
    const op = new Uint8Array(next);
    const bytes = new Float64Array(next);
    const target = new Int32Array(next);
    const kind = new Int32Array(next);
    const a = new Float64Array(next);
    const b = new Float64Array(next);
    const submitMicros = new Float64Array(next);
    order(this.op, op);
    order(this.bytes, bytes);
    order(this.target, target);
    order(this.kind, kind);
    order(this.a, a);
    order(this.b, b);
    order(this.submitMicros, submitMicros);
    this.op = op;
    this.bytes = bytes;
    this.target = target;
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.submitMicros = submitMicros;
    this.head = 0;
  }
}

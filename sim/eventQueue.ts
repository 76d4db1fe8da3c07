// The pending-event set: a 4-ary min-heap on (atMicros, seq) held in typed arrays, with event payloads in
// slot-indexed records. Nothing is allocated per event; the arrays double when full. Ties at the same instant pop
// in insertion order because seq only grows, so the order never depends on the heap's shape.

import { InputError, requireNonNegativeInteger } from "./errors.ts";

const INITIAL_CAPACITY = 1024;
/** Numbers per payload record: target, kind, a, b. */
export const PAYLOAD_STRIDE = 4;

/**
 * Min-heap of events ordered by (atMicros, seq). A 4-ary heap is half as deep as a binary one and a node's four
 * children sit in one or two cache lines, which pays off once thousands of events are pending. Payloads stay in
 * their slot while the heap moves only (atMicros, seq, slot), and a freed slot is reused first, so the record an
 * event handler writes is usually the one just read.
 */
export class EventQueue {
  /** Events pending. */
  size = 0;
  // The arrays below start empty but of their final types (not undefined), so V8 keeps one precise field type.
  /** Payload records by slot: [target, kind, a, b] at slot * PAYLOAD_STRIDE. Reallocated on growth. */
  payload = new Float64Array(0);
  // Heap order: #keys[2i] is atMicros and #keys[2i + 1] is seq of the i-th entry, #slots[i] its payload slot.
  #keys = new Float64Array(0);
  #slots = new Int32Array(0);
  #refs: unknown[] = [];
  // Slots holding a ref; while it is zero, popping never touches #refs.
  #refsHeld = 0;
  #free = new Int32Array(0);
  #freeTop = 0;
  #slotsUsed = 0;
  #seq = 0;

  /** Creates an empty queue with room for initialCapacity events before its first growth. */
  constructor(initialCapacity = INITIAL_CAPACITY) {
    const capacity = requireNonNegativeInteger("initialCapacity", initialCapacity);
    if (capacity < 1) throw new InputError("initialCapacity", initialCapacity, "a whole number >= 1");
    this.payload = new Float64Array(capacity * PAYLOAD_STRIDE);
    this.#keys = new Float64Array(capacity * 2);
    this.#slots = new Int32Array(capacity);
    this.#refs = new Array<unknown>(capacity).fill(undefined);
    this.#free = new Int32Array(capacity);
  }

  /** Slots allocated so far; grows by doubling. */
  get capacity(): number {
    return this.#slots.length;
  }

  /** Adds an event; returns nothing so the call stays allocation-free. */
  push(atMicros: number, target: number, kind: number, a: number, b: number, ref: unknown): void {
    let slot: number;
    if (this.#freeTop > 0) slot = this.#free[--this.#freeTop];
    else {
      if (this.#slotsUsed === this.#slots.length) this.#grow();
      slot = this.#slotsUsed++;
    }
    const payload = this.payload;
    const base = slot * 4; // PAYLOAD_STRIDE, as a literal so V8 folds it
    payload[base] = target;
    payload[base + 1] = kind;
    payload[base + 2] = a;
    payload[base + 3] = b;
    if (ref !== undefined) {
      this.#refs[slot] = ref;
      this.#refsHeld++;
    }
    const seq = this.#seq++;
    // Sift up with a hole: parents move down until the new key's place is found, then it is written once.
    const keys = this.#keys;
    const slots = this.#slots;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentAt = keys[2 * parent];
      if (parentAt < atMicros || (parentAt === atMicros && keys[2 * parent + 1] < seq)) break;
      keys[2 * i] = parentAt;
      keys[2 * i + 1] = keys[2 * parent + 1];
      slots[i] = slots[parent];
      i = parent;
    }
    keys[2 * i] = atMicros;
    keys[2 * i + 1] = seq;
    slots[i] = slot;
  }

  /** Time of the earliest event, in µs; only meaningful when size > 0. */
  peekAt(): number {
    return this.#keys[0];
  }

  /** Removes the earliest event and returns its slot; read `payload` and refOf(slot), then call release(slot). */
  popSlot(): number {
    const keys = this.#keys;
    const slots = this.#slots;
    const top = slots[0];
    const last = --this.size;
    if (last > 0) {
      const at = keys[2 * last];
      const seq = keys[2 * last + 1];
      const slot = slots[last];
      // Sift down with a hole: the smallest child moves up until the last entry fits.
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= last) break;
        let child = first;
        let childAt = keys[2 * first];
        let childSeq = keys[2 * first + 1];
        const end = first + 4 < last ? first + 4 : last;
        for (let c = first + 1; c < end; c++) {
          const cAt = keys[2 * c];
          if (cAt < childAt || (cAt === childAt && keys[2 * c + 1] < childSeq)) {
            child = c;
            childAt = cAt;
            childSeq = keys[2 * c + 1];
          }
        }
        if (at < childAt || (at === childAt && seq < childSeq)) break;
        keys[2 * i] = childAt;
        keys[2 * i + 1] = childSeq;
        slots[i] = slots[child];
        i = child;
      }
      keys[2 * i] = at;
      keys[2 * i + 1] = seq;
      slots[i] = slot;
    }
    return top;
  }

  /** The object a popped slot carries (undefined when none); read it before release(slot). */
  refOf(slot: number): unknown {
    return this.#refsHeld === 0 ? undefined : this.#refs[slot];
  }

  /** Returns a popped slot for reuse, dropping the queue's reference to any object it carried. */
  release(slot: number): void {
    if (this.#refsHeld !== 0 && this.#refs[slot] !== undefined) {
      this.#refs[slot] = undefined;
      this.#refsHeld--;
    }
    this.#free[this.#freeTop++] = slot;
  }

  #grow(): void {
    const capacity = this.#slots.length * 2;
    this.payload = growFloat(this.payload, capacity * PAYLOAD_STRIDE);
    this.#keys = growFloat(this.#keys, capacity * 2);
    this.#slots = growInt(this.#slots, capacity);
    this.#free = growInt(this.#free, capacity);
    const refs = this.#refs;
    for (let i = refs.length; i < capacity; i++) refs.push(undefined);
  }
}

function growFloat(from: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const to = new Float64Array(length);
  to.set(from);
  return to;
}

function growInt(from: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(length);
  to.set(from);
  return to;
}

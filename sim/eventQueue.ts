// The pending-event set: a binary min-heap on (atMicros, seq) held in typed arrays, with event payloads in
// slot-indexed typed arrays. Nothing is allocated per event; the arrays double when full. Ties at the same
// instant pop in insertion order because seq only grows.

const INITIAL_CAPACITY = 1024;

/** Min-heap of events ordered by (atMicros, seq); payloads live in slots so sifting moves three numbers only. */
export class EventQueue {
  /** Heap-ordered keys and the slot each heap entry points at. */
  heapAt = new Float64Array(INITIAL_CAPACITY);
  heapSeq = new Float64Array(INITIAL_CAPACITY);
  heapSlot = new Int32Array(INITIAL_CAPACITY);
  /** Slot payloads, read by the engine when an event is popped. */
  target = new Int32Array(INITIAL_CAPACITY);
  kind = new Int32Array(INITIAL_CAPACITY);
  argA = new Float64Array(INITIAL_CAPACITY);
  argB = new Float64Array(INITIAL_CAPACITY);
  ref: unknown[] = new Array<unknown>(INITIAL_CAPACITY).fill(undefined);
  /** Free slots, as a stack. */
  #free = new Int32Array(INITIAL_CAPACITY);
  #freeTop = 0;
  #slotsUsed = 0;
  size = 0;
  #seq = 0;

  /** Adds an event; returns nothing so the call stays allocation-free. */
  push(atMicros: number, target: number, kind: number, a: number, b: number, ref: unknown): void {
    let slot: number;
    if (this.#freeTop > 0) slot = this.#free[--this.#freeTop];
    else {
      if (this.#slotsUsed === this.target.length) this.#grow();
      slot = this.#slotsUsed++;
    }
    this.target[slot] = target;
    this.kind[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    if (ref !== undefined) this.ref[slot] = ref;
    const seq = this.#seq++;
    // Sift up with a hole: parents move down until the new key's place is found, then it is written once.
    const heapAt = this.heapAt;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentAt = heapAt[parent];
      if (parentAt < atMicros || (parentAt === atMicros && heapSeq[parent] < seq)) break;
      heapAt[i] = parentAt;
      heapSeq[i] = heapSeq[parent];
      heapSlot[i] = heapSlot[parent];
      i = parent;
    }
    heapAt[i] = atMicros;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
  }

  /** Time of the earliest event; only meaningful when size > 0. */
  peekAt(): number {
    return this.heapAt[0];
  }

  /** Removes the earliest event and returns its slot; the caller reads the payload, then calls release(slot). */
  popSlot(): number {
    const heapAt = this.heapAt;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    const top = heapSlot[0];
    const last = --this.size;
    if (last > 0) {
      const at = heapAt[last];
      const seq = heapSeq[last];
      const slot = heapSlot[last];
      // Sift down with a hole: the smaller child moves up until the last entry fits.
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        let childAt = heapAt[child];
        let childSeq = heapSeq[child];
        const right = child + 1;
        if (right < last) {
          const rightAt = heapAt[right];
          if (rightAt < childAt || (rightAt === childAt && heapSeq[right] < childSeq)) {
            child = right;
            childAt = rightAt;
            childSeq = heapSeq[right];
          }
        }
        if (at < childAt || (at === childAt && seq < childSeq)) break;
        heapAt[i] = childAt;
        heapSeq[i] = childSeq;
        heapSlot[i] = heapSlot[child];
        i = child;
      }
      heapAt[i] = at;
      heapSeq[i] = seq;
      heapSlot[i] = slot;
    }
    return top;
  }

  /** Returns a popped slot to the free stack, dropping any object it referenced. */
  release(slot: number): void {
    this.ref[slot] = undefined;
    this.#free[this.#freeTop++] = slot;
  }

  #grow(): void {
    const capacity = this.target.length * 2;
    this.heapAt = growFloat(this.heapAt, capacity);
    this.heapSeq = growFloat(this.heapSeq, capacity);
    this.heapSlot = growInt(this.heapSlot, capacity);
    this.target = growInt(this.target, capacity);
    this.kind = growInt(this.kind, capacity);
    this.argA = growFloat(this.argA, capacity);
    this.argB = growFloat(this.argB, capacity);
    this.#free = growInt(this.#free, capacity);
    const ref = this.ref;
    for (let i = ref.length; i < capacity; i++) ref.push(undefined);
  }
}

function growFloat(from: Float64Array, capacity: number): Float64Array {
  const to = new Float64Array(capacity);
  to.set(from);
  return to;
}

function growInt(from: Int32Array, capacity: number): Int32Array {
  const to = new Int32Array(capacity);
  to.set(from);
  return to;
}

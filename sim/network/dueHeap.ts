// Which link finishes serving something next: an indexed min-heap of link ids keyed by due time, so moving one
// link's due time costs O(log links) and the earliest is read at once. Links due at one instant are served in the
// order their due times were set — the order one engine event per link would have run in — so that order never
// depends on the heap's shape and merging their events changes nothing the links compute.

const INITIAL_CAPACITY = 16;

/** Min-heap over ids 0 … size-1, each with a key that can move either way (a due time in µs, Infinity = idle);
 * equal keys are ordered by when they were set. */
export class DueHeap {
  /** Ids held, 0 … size-1 in the order added. */
  size = 0;
  #key = new Float64Array(INITIAL_CAPACITY);
  /** Heap order: #heap[i] is the id at position i. */
  #heap = new Int32Array(INITIAL_CAPACITY);
  /** Position of each id in #heap. */
  #pos = new Int32Array(INITIAL_CAPACITY);
  /** When each id's key was last set, as a count of set() calls that moved a key: the tie-break. */
  #setAt = new Float64Array(INITIAL_CAPACITY);
  #sets = 0;

  /** Adds the next id (the old size), with key Infinity, and returns it. */
  add(): number {
    if (this.size === this.#key.length) this.#grow();
    const id = this.size++;
    this.#key[id] = Number.POSITIVE_INFINITY;
    this.#setAt[id] = this.#sets++;
    // Idle and set last, the new id ranks after every other: its place is the end.
    this.#heap[id] = id;
    this.#pos[id] = id;
    return id;
  }

  /** The id with the smallest key (the one set first among equal keys); only meaningful when size > 0. */
  top(): number {
    return this.#heap[0];
  }

  /** The smallest key, or Infinity when empty. */
  topKey(): number {
    return this.size > 0 ? this.#key[this.#heap[0]] : Number.POSITIVE_INFINITY;
  }

  /** Sets an id's key (µs, or Infinity) and restores heap order; setting the key it has changes nothing. */
  set(id: number, key: number): void {
    const old = this.#key[id];
    if (key === old) return;
    this.#key[id] = key;
    this.#setAt[id] = this.#sets++;
    // A key that moved down is below every child's (they were >= the old one), whatever the tie-break says.
    if (key < old) this.#siftUp(this.#pos[id]);
    else this.#siftDown(this.#pos[id]);
  }

  // Both sifts move a hole rather than swapping, and compare inline: this runs a few times per transfer.
  #siftUp(from: number): void {
    const heap = this.#heap;
    const pos = this.#pos;
    const keys = this.#key;
    const setAt = this.#setAt;
    const id = heap[from];
    const key = keys[id];
    const at = setAt[id];
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent];
      const aboveKey = keys[above];
      if (aboveKey < key || (aboveKey === key && setAt[above] < at)) break;
      heap[i] = above;
      pos[above] = i;
      i = parent;
    }
    heap[i] = id;
    pos[id] = i;
  }

  #siftDown(from: number): void {
    const heap = this.#heap;
    const pos = this.#pos;
    const keys = this.#key;
    const setAt = this.#setAt;
    const size = this.size;
    const id = heap[from];
    const key = keys[id];
    const at = setAt[id];
    let i = from;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let below = heap[child];
      let belowKey = keys[below];
      if (child + 1 < size) {
        const right = heap[child + 1];
        const rightKey = keys[right];
        if (rightKey < belowKey || (rightKey === belowKey && setAt[right] < setAt[below])) {
          child++;
          below = right;
          belowKey = rightKey;
        }
      }
      if (key < belowKey || (key === belowKey && at < setAt[below])) break;
      heap[i] = below;
      pos[below] = i;
      i = child;
    }
    heap[i] = id;
    pos[id] = i;
  }

  #grow(): void {
    const capacity = this.#key.length * 2;
    const key = new Float64Array(capacity);
    const heap = new Int32Array(capacity);
    const pos = new Int32Array(capacity);
    const setAt = new Float64Array(capacity);
    key.set(this.#key);
    setAt.set(this.#setAt);
    heap.set(this.#heap);
    pos.set(this.#pos);
    this.#key = key;
    this.#heap = heap;
    this.#pos = pos;
    this.#setAt = setAt;
  }
}

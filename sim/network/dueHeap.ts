// Which link finishes serving something next: an indexed min-heap of link ids keyed by due time, so moving one
// link's due time costs O(log links) and the earliest is read at once. Ties go to the lower id, so the order in
// which links due at one instant are served never depends on the heap's shape.

const INITIAL_CAPACITY = 16;

/** Min-heap over ids 0 … size-1, each with a key that can move either way (a due time in µs, Infinity = idle). */
export class DueHeap {
  /** Ids held, 0 … size-1 in the order added. */
  size = 0;
  #key = new Float64Array(INITIAL_CAPACITY);
  /** Heap order: #heap[i] is the id at position i. */
  #heap = new Int32Array(INITIAL_CAPACITY);
  /** Position of each id in #heap. */
  #pos = new Int32Array(INITIAL_CAPACITY);

  /** Adds the next id (the old size), with key Infinity, and returns it. */
  add(): number {
    if (this.size === this.#key.length) this.#grow();
    const id = this.size++;
    this.#key[id] = Number.POSITIVE_INFINITY;
    // An Infinity key belongs at the bottom; ties with other idle ids are settled by id, which only grows.
    this.#heap[id] = id;
    this.#pos[id] = id;
    return id;
  }

  /** The id with the smallest key (the lowest id among equal keys); only meaningful when size > 0. */
  top(): number {
    return this.#heap[0];
  }

  /** The smallest key, or Infinity when empty. */
  topKey(): number {
    return this.size > 0 ? this.#key[this.#heap[0]] : Number.POSITIVE_INFINITY;
  }

  /** Sets an id's key (µs, or Infinity) and restores heap order. */
  set(id: number, key: number): void {
    const old = this.#key[id];
    if (key === old) return;
    this.#key[id] = key;
    if (key < old) this.#siftUp(this.#pos[id]);
    else this.#siftDown(this.#pos[id]);
  }

  #less(x: number, y: number): boolean {
    const kx = this.#key[x];
    const ky = this.#key[y];
    return kx < ky || (kx === ky && x < y);
  }

  #siftUp(from: number): void {
    const heap = this.#heap;
    const id = heap[from];
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(id, heap[parent])) break;
      heap[i] = heap[parent];
      this.#pos[heap[i]] = i;
      i = parent;
    }
    heap[i] = id;
    this.#pos[id] = i;
  }

  #siftDown(from: number): void {
    const heap = this.#heap;
    const id = heap[from];
    const size = this.size;
    let i = from;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#less(heap[child + 1], heap[child])) child++;
      if (!this.#less(heap[child], id)) break;
      heap[i] = heap[child];
      this.#pos[heap[i]] = i;
      i = child;
    }
    heap[i] = id;
    this.#pos[id] = i;
  }

  #grow(): void {
    const capacity = this.#key.length * 2;
    const key = new Float64Array(capacity);
    const heap = new Int32Array(capacity);
    const pos = new Int32Array(capacity);
    key.set(this.#key);
    heap.set(this.#heap);
    pos.set(this.#pos);
    this.#key = key;
    this.#heap = heap;
    this.#pos = pos;
  }
}

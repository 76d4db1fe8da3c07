// The control plane's metadata of a diskless log: every object agents uploaded (size, which stores hold a copy,
// level, commit time) and the committed objects in offset order. Offsets are stream bytes: the sum of the sizes of
// the objects committed before. Every object holds a slice of every partition group in proportion to the group's
// partitions, so a group's offset is a stream offset times the group's share (see DisklessReads).

import { assert } from "../errors.ts";

/** Object levels: L0 objects come from ingestion, L1 objects from compaction. */
export const ObjectLevel = { l0: 0, l1: 1 } as const;

const INITIAL_CAPACITY = 1024;

/** Objects by id, plus the committed ones in stream order (compacted L1 entries first, then L0 entries). */
export class DisklessObjectIndex {
  #bytes = new Float64Array(INITIAL_CAPACITY);
  #mask = new Int32Array(INITIAL_CAPACITY);
  #newestMicros = new Float64Array(INITIAL_CAPACITY);
  #committedMicros = new Float64Array(INITIAL_CAPACITY);
  #level = new Uint8Array(INITIAL_CAPACITY);
  #deleted = new Uint8Array(INITIAL_CAPACITY);
  #objects = 0;
  // Committed entries in stream order: [head, l0From) are L1 objects, [l0From, size) L0 objects.
  #entryId = new Float64Array(INITIAL_CAPACITY);
  #entryStart = new Float64Array(INITIAL_CAPACITY);
  #head = 0;
  #l0From = 0;
  #size = 0;
  #endBytes = 0;

  /** Objects created so far (ids are 0 to objects - 1). */
  get objects(): number {
    return this.#objects;
  }

  /** Stream offset just past the last committed byte (bytes). */
  get endBytes(): number {
    return this.#endBytes;
  }

  /** Stream offset of the oldest byte not yet deleted by retention (bytes). */
  get startBytes(): number {
    return this.#head < this.#size ? this.#entryStart[this.#head] : this.#endBytes;
  }

  /** First live entry position. */
  get head(): number {
    return this.#head;
  }

  /** Position of the first L0 entry (equals size when every committed object is compacted). */
  get l0From(): number {
    return this.#l0From;
  }

  /** Position just past the last entry. */
  get size(): number {
    return this.#size;
  }

  /** Registers a new object of `bytes` (not yet stored anywhere, not committed); returns its id. */
  createObject(bytes: number, level: number, newestMicros: number): number {
    if (this.#objects === this.#bytes.length) this.#growObjects();
    const id = this.#objects++;
    this.#bytes[id] = bytes;
    this.#mask[id] = 0;
    this.#newestMicros[id] = newestMicros;
    this.#level[id] = level;
    this.#deleted[id] = 0;
    return id;
  }

  /** Size of an object, in bytes. */
  bytesOf(id: number): number {
    return this.#bytes[id];
  }

  /** Bit s is set when store s holds a copy. */
  maskOf(id: number): number {
    return this.#mask[id];
  }

  /** ObjectLevel of an object. */
  levelOf(id: number): number {
    return this.#level[id];
  }

  /** Latest intended send time of the records in the object, µs. */
  newestMicrosOf(id: number): number {
    return this.#newestMicros[id];
  }

  /** When the object was committed (a compacted object: when its first source was), µs. */
  committedMicrosOf(id: number): number {
    return this.#committedMicros[id];
  }

  /** Whether the object was abandoned, compacted away or expired. */
  isDeleted(id: number): boolean {
    return this.#deleted[id] === 1;
  }

  /** Records that store `store` now holds a copy. */
  addCopy(id: number, store: number): void {
    this.#mask[id] |= 1 << store;
  }

  /** Marks the object deleted and returns the stores that held it (their copies must be deleted). */
  markDeleted(id: number): number {
    const mask = this.#mask[id];
    this.#deleted[id] = 1;
    this.#mask[id] = 0;
    return mask;
  }

  /** Commits an object at the end of the stream: its first byte gets stream offset endBytes. Returns the new end. */
  commit(id: number, nowMicros: number): number {
    assert(this.#deleted[id] === 0, `diskless index: committing deleted object ${id}`);
    if (this.#size === this.#entryId.length) this.#growEntries();
    this.#entryId[this.#size] = id;
    this.#entryStart[this.#size] = this.#endBytes;
    this.#size++;
    this.#committedMicros[id] = nowMicros;
    this.#endBytes += this.#bytes[id];
    return this.#endBytes;
  }

  /** Object id of the entry at a position. */
  idAt(position: number): number {
    return this.#entryId[position];
  }

  /** Stream offset of the first byte of the entry at a position (bytes). */
  startAt(position: number): number {
    return this.#entryStart[position];
  }

  /** Position of the live entry holding stream offset `offset`, or -1 when it is below the start or at the end. */
  entryAt(offset: number): number {
    if (offset < this.startBytes || offset >= this.#endBytes) return -1;
    let lo = this.#head;
    let hi = this.#size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#entryStart[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Replaces the first `count` L0 entries by one compacted object covering the same offsets. */
  replaceL0Prefix(count: number, compactedId: number): void {
    const from = this.#l0From;
    assert(count >= 1 && from + count <= this.#size, `diskless index: compacting ${count} L0 entries of ${this.#size - from}`);
    let bytes = 0;
    for (let p = from; p < from + count; p++) bytes += this.#bytes[this.#entryId[p]];
    assert(bytes === this.#bytes[compactedId], `diskless index: compacted object holds ${this.#bytes[compactedId]} bytes, sources ${bytes}`);
    this.#entryId[from] = compactedId;
    this.#entryId.copyWithin(from + 1, from + count, this.#size);
    this.#entryStart.copyWithin(from + 1, from + count, this.#size);
    this.#size -= count - 1;
    this.#l0From = from + 1;
    this.#committedMicros[compactedId] = this.#committedMicros[this.#entryId[from]];
  }

  /** Drops the oldest entry (retention deleted it); returns its object id. */
  dropHead(): number {
    assert(this.#head < this.#size, "diskless index: dropping from an empty index");
    const id = this.#entryId[this.#head];
    if (this.#l0From === this.#head) this.#l0From++;
    this.#head++;
    // Reclaim the dropped prefix once it is most of the arrays, so memory follows the retained objects.
    if (this.#head >= INITIAL_CAPACITY && this.#head * 2 >= this.#size) {
      const shift = this.#head;
      this.#entryId.copyWithin(0, shift, this.#size);
      this.#entryStart.copyWithin(0, shift, this.#size);
      this.#head = 0;
      this.#l0From -= shift;
      this.#size -= shift;
    }
    return id;
  }

  #growObjects(): void {
    const size = this.#bytes.length * 2;
    this.#bytes = grow(this.#bytes, new Float64Array(size));
    this.#mask = grow(this.#mask, new Int32Array(size));
    this.#newestMicros = grow(this.#newestMicros, new Float64Array(size));
    this.#committedMicros = grow(this.#committedMicros, new Float64Array(size));
    this.#level = grow(this.#level, new Uint8Array(size));
    this.#deleted = grow(this.#deleted, new Uint8Array(size));
  }

  #growEntries(): void {
    const size = this.#entryId.length * 2;
    this.#entryId = grow(this.#entryId, new Float64Array(size));
    this.#entryStart = grow(this.#entryStart, new Float64Array(size));
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

// Maps a position in a partition group's log (bytes) to the time its records were meant to be sent, so consumers
// can measure end-to-end latency without per-record state. Memory is bounded: when full, the older half is merged
// pairwise, so old data keeps a coarser time resolution rather than being forgotten (replays still get a latency).

const CAPACITY = 2048;

/** Offset → intended-send-time index over one log; appends must be in offset order. */
export class OffsetTimeIndex {
  // Entry i covers offsets [end[i-1], end[i]) whose records were meant to be sent evenly over [start[i], stop[i]].
  #end = new Float64Array(CAPACITY);
  #start = new Float64Array(CAPACITY);
  #stop = new Float64Array(CAPACITY);
  #size = 0;
  #base = 0;

  /** Log offset at which the index begins (bytes). */
  get baseOffset(): number {
    return this.#base;
  }

  /** Offset just past the last appended byte. */
  get endOffset(): number {
    return this.#size === 0 ? this.#base : this.#end[this.#size - 1];
  }

  /** Records that bytes up to endOffset were meant to be sent between startMicros and stopMicros. */
  append(endOffset: number, startMicros: number, stopMicros: number): void {
    if (endOffset <= this.endOffset) return;
    if (this.#size === CAPACITY) this.#coarsen();
    const i = this.#size++;
    this.#end[i] = endOffset;
    this.#start[i] = startMicros;
    this.#stop[i] = stopMicros;
  }

  /** Intended send time of the byte at offset (interpolated); the earliest known time for offsets before the index. */
  timeAt(offset: number): number {
    return this.#interpolate(this.#firstEndingAfter(offset, false), offset);
  }

  /** Intended send time of the last byte before `offset` (an exclusive range end), never of a later append. */
  timeBefore(offset: number): number {
    return this.#interpolate(this.#firstEndingAfter(offset, true), offset);
  }

  // Index of the first entry whose end is past offset (or at it, when the end itself counts).
  #firstEndingAfter(offset: number, inclusive: boolean): number {
    const end = this.#end;
    let lo = 0;
    let hi = this.#size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end[mid] < offset || (!inclusive && end[mid] === offset)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #interpolate(i: number, offset: number): number {
    if (this.#size === 0) return 0;
    const from = i === 0 ? this.#base : this.#end[i - 1];
    const to = this.#end[i];
    if (offset >= to) return this.#stop[i];
    if (offset <= from) return this.#start[i];
    return this.#start[i] + ((offset - from) / (to - from)) * (this.#stop[i] - this.#start[i]);
  }

  /** Offset of the first byte meant to be sent at or after timeMicros (the end offset when none is). */
  offsetAtTime(timeMicros: number): number {
    const size = this.#size;
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#stop[mid] < timeMicros) lo = mid + 1;
      else hi = mid;
    }
    if (lo === size) return this.endOffset;
    return lo === 0 ? this.#base : this.#end[lo - 1];
  }

  /** Forgets offsets at or after `offset` (a new leader truncated the log there). */
  truncateTo(offset: number): void {
    while (this.#size > 0 && this.#end[this.#size - 1] > offset) {
      const from = this.#size === 1 ? this.#base : this.#end[this.#size - 2];
      if (from < offset) {
        this.#end[this.#size - 1] = offset;
        return;
      }
      this.#size--;
    }
  }

  /** Forgets offsets below `offset` (after retention deletes them). */
  trimBefore(offset: number): void {
    let drop = 0;
    while (drop < this.#size - 1 && this.#end[drop] <= offset) drop++;
    if (drop === 0) return;
    this.#base = this.#end[drop - 1];
    this.#end.copyWithin(0, drop, this.#size);
    this.#start.copyWithin(0, drop, this.#size);
    this.#stop.copyWithin(0, drop, this.#size);
    this.#size -= drop;
  }

  #coarsen(): void {
    // Merge pairs in the older half; the newer half, which tail readers use, keeps full resolution.
    const half = this.#size >> 1;
    let out = 0;
    for (let i = 0; i + 1 < half; i += 2) {
      this.#end[out] = this.#end[i + 1];
      this.#start[out] = this.#start[i];
      this.#stop[out] = this.#stop[i + 1];
      out++;
    }
    const tailFrom = out * 2;
    for (let i = tailFrom; i < this.#size; i++, out++) {
      this.#end[out] = this.#end[i];
      this.#start[out] = this.#start[i];
      this.#stop[out] = this.#stop[i];
    }
    this.#size = out;
  }
}

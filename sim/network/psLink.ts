// One network link as an egalitarian processor-sharing server: N concurrent transfers each get C/N bytes/s.
// Kept in virtual time (V grows at C/N), so a transfer finishes when V reaches V_start + bytes and only the
// earliest finish needs a scheduled event; a min-heap on (finishing V, insertion seq) gives a stable order.

/** Slack when comparing finishing times, in µs: far below one µs, well above float rounding up to ~10^9 s. */
const DUE_SLACK_MICROS = 1e-6;
const INITIAL_CAPACITY = 64;

/** A processor-sharing link in virtual time; the owner schedules `nextDueMicros()` and calls `popDue(now)`. */
export class PsLink {
  /** Current capacity in bytes/s (base × any bandwidth factors). */
  capacityBytesPerSecond: number;
  /** Transfers being served (cancelled entries excluded). */
  active = 0;
  /** Service each active transfer has received since the busy period began, in bytes (float). */
  #virtualBytes = 0;
  /** Simulated time `#virtualBytes` refers to, in µs (float: completions are placed at their exact instant). */
  #updatedMicros = 0;
  #seq = 0;
  #heapFinish = new Float64Array(INITIAL_CAPACITY);
  #heapSeq = new Float64Array(INITIAL_CAPACITY);
  #heapEntry = new Int32Array(INITIAL_CAPACITY);
  #size = 0;
  #entryTransfer = new Int32Array(INITIAL_CAPACITY);
  #entryFinish = new Float64Array(INITIAL_CAPACITY);
  #entryAlive = new Uint8Array(INITIAL_CAPACITY);
  #free = new Int32Array(INITIAL_CAPACITY);
  #freeTop = 0;
  #entriesUsed = 0;

  constructor(capacityBytesPerSecond: number) {
    this.capacityBytesPerSecond = capacityBytesPerSecond;
  }

  /** Starts serving `bytes` (> 0) for a transfer; returns the entry handle used to cancel it. */
  add(nowMicros: number, transfer: number, bytes: number): number {
    this.#advance(nowMicros);
    const entry = this.#allocate();
    const finish = this.#virtualBytes + bytes;
    this.#entryTransfer[entry] = transfer;
    this.#entryFinish[entry] = finish;
    this.#entryAlive[entry] = 1;
    this.#push(finish, this.#seq++, entry);
    this.active++;
    return entry;
  }

  /** Stops serving an entry (an aborted transfer); its slot is reclaimed lazily when it reaches the heap top. */
  cancel(nowMicros: number, entry: number): void {
    this.#advance(nowMicros);
    this.#entryAlive[entry] = 0;
    this.active--;
    if (this.active === 0) this.#reset();
  }

  /** Bytes this link still has to serve for an entry at nowMicros. */
  remainingBytes(nowMicros: number, entry: number): number {
    this.#advance(nowMicros);
    return Math.max(0, this.#entryFinish[entry] - this.#virtualBytes);
  }

  /** Changes the capacity from nowMicros on; service so far was at the old rate. */
  setCapacity(nowMicros: number, capacityBytesPerSecond: number): void {
    this.#advance(nowMicros);
    this.capacityBytesPerSecond = capacityBytesPerSecond;
  }

  /** Whole µs at which the next transfer finishes (rounded up), or -1 when the link is idle. */
  nextDueMicros(): number {
    if (!this.#dropCancelledTop()) return -1;
    const finishMicros =
      this.#updatedMicros + ((this.#heapFinish[0] - this.#virtualBytes) * this.active * 1e6) / this.capacityBytesPerSecond;
    return Math.ceil(finishMicros - DUE_SLACK_MICROS);
  }

  /** Removes and returns one transfer finished by nowMicros, or -1; call until -1. */
  popDue(nowMicros: number): number {
    if (!this.#dropCancelledTop()) return -1;
    const finish = this.#heapFinish[0];
    // Written out rather than called: a helper returning this float would box it on every call.
    const finishMicros = this.#updatedMicros + ((finish - this.#virtualBytes) * this.active * 1e6) / this.capacityBytesPerSecond;
    if (finishMicros - DUE_SLACK_MICROS > nowMicros) return -1;
    // Advance to the exact finishing instant, so the remaining transfers speed up from then on, not from the
    // µs-rounded event time: the link stays exactly work-conserving and rounding never accumulates.
    if (finish > this.#virtualBytes) {
      this.#virtualBytes = finish;
      this.#updatedMicros = finishMicros;
    }
    const entry = this.#pop();
    const transfer = this.#entryTransfer[entry];
    this.#release(entry);
    this.active--;
    if (this.active === 0) this.#reset();
    return transfer;
  }

  #advance(nowMicros: number): void {
    if (this.active > 0 && nowMicros > this.#updatedMicros) {
      this.#virtualBytes += ((nowMicros - this.#updatedMicros) * this.capacityBytesPerSecond) / (this.active * 1e6);
    }
    if (nowMicros > this.#updatedMicros) this.#updatedMicros = nowMicros;
  }

  /** Pops cancelled entries off the top; returns whether a live one remains. */
  #dropCancelledTop(): boolean {
    while (this.#size > 0) {
      const entry = this.#heapEntry[0];
      if (this.#entryAlive[entry] === 1) return true;
      this.#pop();
      this.#release(entry);
    }
    return false;
  }

  /** An idle link forgets its cancelled entries and restarts V at 0, so V stays small over long runs. */
  #reset(): void {
    for (let i = 0; i < this.#size; i++) this.#release(this.#heapEntry[i]);
    this.#size = 0;
    this.#virtualBytes = 0;
  }

  #allocate(): number {
    if (this.#freeTop > 0) return this.#free[--this.#freeTop];
    if (this.#entriesUsed === this.#entryTransfer.length) this.#grow();
    return this.#entriesUsed++;
  }

  #release(entry: number): void {
    this.#entryAlive[entry] = 0;
    this.#free[this.#freeTop++] = entry;
  }

  #push(finish: number, seq: number, entry: number): void {
    const hf = this.#heapFinish;
    const hs = this.#heapSeq;
    const he = this.#heapEntry;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hf[parent] < finish || (hf[parent] === finish && hs[parent] < seq)) break;
      hf[i] = hf[parent];
      hs[i] = hs[parent];
      he[i] = he[parent];
      i = parent;
    }
    hf[i] = finish;
    hs[i] = seq;
    he[i] = entry;
  }

  #pop(): number {
    const hf = this.#heapFinish;
    const hs = this.#heapSeq;
    const he = this.#heapEntry;
    const top = he[0];
    const last = --this.#size;
    if (last === 0) return top;
    const finish = hf[last];
    const seq = hs[last];
    const entry = he[last];
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && (hf[right] < hf[child] || (hf[right] === hf[child] && hs[right] < hs[child]))) child = right;
      if (finish < hf[child] || (finish === hf[child] && seq < hs[child])) break;
      hf[i] = hf[child];
      hs[i] = hs[child];
      he[i] = he[child];
      i = child;
    }
    hf[i] = finish;
    hs[i] = seq;
    he[i] = entry;
    return top;
  }

  #grow(): void {
    const capacity = this.#entryTransfer.length * 2;
    this.#heapFinish = resize(this.#heapFinish, new Float64Array(capacity));
    this.#heapSeq = resize(this.#heapSeq, new Float64Array(capacity));
    this.#heapEntry = resize(this.#heapEntry, new Int32Array(capacity));
    this.#entryTransfer = resize(this.#entryTransfer, new Int32Array(capacity));
    this.#entryFinish = resize(this.#entryFinish, new Float64Array(capacity));
    this.#entryAlive = resize(this.#entryAlive, new Uint8Array(capacity));
    this.#free = resize(this.#free, new Int32Array(capacity));
  }
}

function resize<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

// Every transfer in progress, as columns of typed arrays indexed by transfer id. Ids are reused through a free
// list and the columns double when full, so starting a transfer allocates nothing once the pool has warmed up.
// A generation per id lets events that name a reused id be recognised as stale.

const INITIAL_CAPACITY = 256;

/** Lifecycle of a transfer slot. */
export const TransferState = { free: 0, serving: 1, flying: 2 } as const;

/** Column store of transfers; the network reads and writes the columns directly. */
export class TransferTable {
  from = new Int32Array(INITIAL_CAPACITY);
  to = new Int32Array(INITIAL_CAPACITY);
  bytes = new Float64Array(INITIAL_CAPACITY);
  flowClass = new Uint8Array(INITIAL_CAPACITY);
  locality = new Uint8Array(INITIAL_CAPACITY);
  state = new Uint8Array(INITIAL_CAPACITY);
  /** Links and rate floors still serving the transfer; it has fully left the sender when this reaches 0. */
  pending = new Uint8Array(INITIAL_CAPACITY);
  notifyTarget = new Int32Array(INITIAL_CAPACITY);
  notifyKind = new Int32Array(INITIAL_CAPACITY);
  /** Kind sent to notifyTarget if the transfer is aborted; -1 for none. */
  failKind = new Int32Array(INITIAL_CAPACITY);
  argA = new Float64Array(INITIAL_CAPACITY);
  argB = new Float64Array(INITIAL_CAPACITY);
  ref: unknown[] = new Array<unknown>(INITIAL_CAPACITY).fill(undefined);
  generation = new Float64Array(INITIAL_CAPACITY);
  /** Entry handles on the source egress, zone-pair path and destination ingress links; -1 when not on it. */
  egressEntry = new Int32Array(INITIAL_CAPACITY);
  pathEntry = new Int32Array(INITIAL_CAPACITY);
  ingressEntry = new Int32Array(INITIAL_CAPACITY);
  /** Index of the zone-pair path link the transfer is on, or -1. */
  pathLink = new Int32Array(INITIAL_CAPACITY);
  /** Retransmission delay decided at start (0 when no segment was lost), in µs. */
  retransmitMicros = new Float64Array(INITIAL_CAPACITY);
  /** Ids below this have been handed out at least once; scans stop here. */
  used = 0;
  /** Transfers serving or in flight. */
  live = 0;
  #free = new Int32Array(INITIAL_CAPACITY);
  #freeTop = 0;

  /** Takes a free id and records a new transfer in state `serving`, on no link yet. */
  open(
    from: number,
    to: number,
    bytes: number,
    flowClass: number,
    locality: number,
    notifyTarget: number,
    notifyKind: number,
    failKind: number,
    a: number,
    b: number,
    ref: unknown,
  ): number {
    const id = this.#allocate();
    this.from[id] = from;
    this.to[id] = to;
    this.bytes[id] = bytes;
    this.flowClass[id] = flowClass;
    this.locality[id] = locality;
    this.state[id] = TransferState.serving;
    this.pending[id] = 0;
    this.notifyTarget[id] = notifyTarget;
    this.notifyKind[id] = notifyKind;
    this.failKind[id] = failKind;
    this.argA[id] = a;
    this.argB[id] = b;
    this.ref[id] = ref;
    this.egressEntry[id] = -1;
    this.pathEntry[id] = -1;
    this.ingressEntry[id] = -1;
    this.pathLink[id] = -1;
    this.retransmitMicros[id] = 0;
    return id;
  }

  #allocate(): number {
    this.live++;
    if (this.#freeTop > 0) return this.#free[--this.#freeTop];
    if (this.used === this.from.length) this.#grow();
    return this.used++;
  }

  /** Returns an id to the pool, dropping its object reference and invalidating events that name it. */
  release(id: number): void {
    this.state[id] = TransferState.free;
    this.ref[id] = undefined;
    this.generation[id]++;
    this.#free[this.#freeTop++] = id;
    this.live--;
  }

  #grow(): void {
    const capacity = this.from.length * 2;
    this.from = growInt(this.from, capacity);
    this.to = growInt(this.to, capacity);
    this.bytes = growFloat(this.bytes, capacity);
    this.flowClass = growByte(this.flowClass, capacity);
    this.locality = growByte(this.locality, capacity);
    this.state = growByte(this.state, capacity);
    this.pending = growByte(this.pending, capacity);
    this.notifyTarget = growInt(this.notifyTarget, capacity);
    this.notifyKind = growInt(this.notifyKind, capacity);
    this.failKind = growInt(this.failKind, capacity);
    this.argA = growFloat(this.argA, capacity);
    this.argB = growFloat(this.argB, capacity);
    this.generation = growFloat(this.generation, capacity);
    this.egressEntry = growInt(this.egressEntry, capacity);
    this.pathEntry = growInt(this.pathEntry, capacity);
    this.ingressEntry = growInt(this.ingressEntry, capacity);
    this.pathLink = growInt(this.pathLink, capacity);
    this.retransmitMicros = growFloat(this.retransmitMicros, capacity);
    this.#free = growInt(this.#free, capacity);
    for (let i = this.ref.length; i < capacity; i++) this.ref.push(undefined);
  }
}

function growFloat(from: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const to = new Float64Array(capacity);
  to.set(from);
  return to;
}

function growInt(from: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(capacity);
  to.set(from);
  return to;
}

function growByte(from: Uint8Array, capacity: number): Uint8Array<ArrayBuffer> {
  const to = new Uint8Array(capacity);
  to.set(from);
  return to;
}

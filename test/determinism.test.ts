import { describe, expect, it } from "vitest";
import { Engine, type Actor } from "../sim/engine.ts";
import { createRng, type Rng } from "../sim/random.ts";

/** 32-bit FNV-1a over the IEEE-754 bytes of each number, so any difference in any delivered number shows. */
class TraceHash {
  hash = 0x811c9dc5;
  events = 0;
  readonly #number = new Float64Array(1);
  readonly #bytes = new Uint8Array(this.#number.buffer);

  add(atMicros: number, target: number, kind: number, a: number, b: number): void {
    this.events++;
    this.#mix(atMicros);
    this.#mix(target);
    this.#mix(kind);
    this.#mix(a);
    this.#mix(b);
  }

  #mix(value: number): void {
    this.#number[0] = value;
    let hash = this.hash;
    for (let i = 0; i < 8; i++) hash = Math.imul(hash ^ this.#bytes[i], 0x01000193) >>> 0;
    this.hash = hash;
  }
}

const REQUEST = 0;
const RESPONSE = 1;
const SERVICE_DONE = 2;
const TICK = 3;

/** Sends requests to random servers at exponential intervals and counts the responses. */
class Client implements Actor {
  readonly index: number;
  servers: number[] = [];
  responses = 0;
  constructor(
    readonly engine: Engine,
    readonly rng: Rng,
  ) {
    this.index = engine.register("client", this);
  }

  receive(kind: number, a: number): void {
    if (kind === TICK) {
      const server = this.servers[this.rng.int(0, this.servers.length)];
      this.engine.send(server, REQUEST, this.rng.exponentialMicros(300), a, this.engine.nowMicros);
      this.engine.send(this.index, TICK, this.rng.exponentialMicros(1_000), a + 1);
    } else this.responses++;
  }
}

/** One server: FIFO, one request at a time, random service time, replies after a network delay. */
class Server implements Actor {
  readonly index: number;
  readonly #waiting: [number, number][] = [];
  #busy = false;
  constructor(
    name: string,
    readonly engine: Engine,
    readonly rng: Rng,
    readonly client: number,
  ) {
    this.index = engine.register(name, this);
  }

  receive(kind: number, id: number, sentMicros: number): void {
    if (kind === REQUEST) this.#waiting.push([id, sentMicros]);
    else {
      this.#busy = false;
      this.engine.send(this.client, RESPONSE, this.rng.int(100, 500), id, this.engine.nowMicros - sentMicros);
    }
    if (!this.#busy && this.#waiting.length > 0) {
      const [next, sent] = this.#waiting.shift()!;
      this.#busy = true;
      // Normal service jitter clipped at zero, rounded to whole µs.
      this.engine.send(this.index, SERVICE_DONE, Math.max(0, Math.round(2_500 + 800 * this.rng.normal())), next, sent);
    }
  }
}

/** Builds the model: one client, three servers, every actor with its own labelled stream. */
function buildModel(seed: number): { engine: Engine; hash: TraceHash; client: Client } {
  const engine = new Engine();
  const rng = createRng(seed);
  const hash = new TraceHash();
  engine.observer = (atMicros, target, kind, a, b) => hash.add(atMicros, target, kind, a, b);
  const client = new Client(engine, rng.fork("client"));
  for (let i = 0; i < 3; i++) client.servers.push(new Server(`server-${i}`, engine, rng.fork(`server-${i}`), client.index).index);
  engine.send(client.index, TICK, 0, 0);
  return { engine, hash, client };
}

function runWhole(seed: number, untilMicros: number): { hash: number; events: number } {
  const model = buildModel(seed);
  model.engine.runUntil(untilMicros);
  return { hash: model.hash.hash, events: model.hash.events };
}

const UNTIL_MICROS = 20_000_000;

describe("determinism", () => {
  it("gives the same trace hash for the same seed", () => {
    const first = runWhole(42, UNTIL_MICROS);
    const second = runWhole(42, UNTIL_MICROS);
    expect(first.events).toBeGreaterThan(50_000);
    expect(second).toEqual(first);
  });

  it("gives a different trace hash for a different seed", () => {
    expect(runWhole(43, UNTIL_MICROS).hash).not.toBe(runWhole(42, UNTIL_MICROS).hash);
  });

  it("gives the same trace hash when the run is sliced into many runUntil calls", () => {
    const whole = runWhole(42, UNTIL_MICROS);
    const model = buildModel(42);
    // Uneven slices, so slice ends fall between, before and exactly on event times.
    for (let until = 0; until < UNTIL_MICROS; until = Math.min(UNTIL_MICROS, until + 7_919)) model.engine.runUntil(until);
    model.engine.runUntil(UNTIL_MICROS);
    expect({ hash: model.hash.hash, events: model.hash.events }).toEqual(whole);
  });

  it("changes the trace hash when a single delivered number changes", () => {
    const a = new TraceHash();
    const b = new TraceHash();
    a.add(10, 1, 2, 3, 4);
    b.add(10, 1, 2, 3, 4 + 2 ** -40);
    expect(a.hash).not.toBe(b.hash);
  });
});

// Produce requests in flight inside AutoMQ. With the zone router one request is split into parts, one per leader it
// carries data for (and a proxy's own partitions); it is answered when every part is durable, with an error if any
// failed. Each arrival gets a token, so a part finishing after its request was failed (a crash) or its id reused by
// the client is ignored.

import type { Producers } from "./producers.ts";
import { ProduceError } from "./world.ts";

/** Parts outstanding per produce request id, in typed arrays grown on demand. */
export class AutomqRequests {
  #token = new Float64Array(256);
  #parts = new Int32Array(256);
  #failed = new Uint8Array(256);
  #broker = new Int32Array(256);
  #seq = 0;
  /** Requests accepted per broker and not yet answered. */
  readonly live: Set<number>[];

  constructor(brokers: number, readonly producers: () => Producers) {
    this.live = Array.from({ length: brokers }, () => new Set<number>());
  }

  /** Registers a request that arrived at broker and waits for `parts` parts; returns its token. */
  track(request: number, broker: number, parts: number): number {
    if (request >= this.#token.length) this.#grow(request + 1);
    const token = ++this.#seq;
    this.#token[request] = token;
    this.#parts[request] = parts;
    this.#failed[request] = 0;
    this.#broker[request] = broker;
    this.live[broker].add(request);
    return token;
  }

  /** One part finished; the last one answers the client from the broker that received the request. */
  partDone(request: number, token: number, ok: boolean): void {
    if (this.#token[request] !== token) return;
    if (!ok) this.#failed[request] = 1;
    if (--this.#parts[request] > 0) return;
    this.#token[request] = -1;
    const broker = this.#broker[request];
    this.live[broker].delete(request);
    this.producers().complete(request, broker, this.#failed[request] ? ProduceError.notLeader : ProduceError.none);
  }

  /** Fails every request a crashed broker had accepted: the clients see their connections drop. */
  failAll(broker: number): void {
    for (const request of this.live[broker]) {
      this.#token[request] = -1;
      this.producers().fail(request, ProduceError.notLeader);
    }
    this.live[broker].clear();
  }

  #grow(needed: number): void {
    const size = Math.max(needed, this.#token.length * 2);
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.#token = grow(this.#token, new Float64Array(size));
    this.#parts = grow(this.#parts, new Int32Array(size));
    this.#failed = grow(this.#failed, new Uint8Array(size));
    this.#broker = grow(this.#broker, new Int32Array(size));
  }
}

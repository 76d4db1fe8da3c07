// The polls behind AutoMQ's snapshot reads: each reader asks each leader it proxies for what changed
// (AutomqGetPartitionSnapshot), again as soon as the answer is in but not sooner than 1 ms after its previous request
// (SubscriberRequester; REQUEST_INTERVAL_MS = 1); the leader answers at once with its WAL end and a PATCH per
// partition whose high watermark moved (PartitionSnapshotsManager). Readers sit in other zones, so every poll crosses
// zones. One window (10 ms) of polls travels as one exchange carrying all their bytes; the poll count follows the
// round trip the previous exchange took, and what an answer names is learned at most a window late.

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import type { AutomqSnapshotReplay, Subscription } from "./automqSnapshotReplay.ts";
import { partitionCount, produceBytesPerSecond, type Workload } from "./workload.ts";

const Kind = { windowTimer: 1, requestArrived: 2, answerArrived: 3, requestLost: 4, answerLost: 5 } as const;

/** The poll loops of every snapshot-read subscription of one AutoMQ architecture (one engine actor). */
export class AutomqSnapshotPolls implements Actor {
  readonly actor: number;
  /** Polls sent, and partition patches answered, since the start. */
  polls = 0;
  patches = 0;
  readonly #batchBytes: number;

  constructor(readonly arch: AutomqArchitecture, readonly replay: AutomqSnapshotReplay) {
    this.actor = arch.world.engine.register(`${arch.name}.polls`, this);
    this.#batchBytes = producerBatchBytes(arch.world.workload);
    replay.onSubscribed = (sub) => this.#begin(sub);
  }

  /** Producer batches (high-watermark moves) in `bytes` of a leader's appends. */
  batchesIn(bytes: number): number {
    return bytes / this.#batchBytes;
  }

  receive(kind: number, a: number, b: number): void {
    const sub = this.replay.live(a, b);
    if (!sub) return;
    switch (kind) {
      case Kind.windowTimer:
        return this.#send(sub);
      case Kind.requestArrived:
        return this.#answer(sub);
      case Kind.answerArrived:
        sub.roundTripMicros = this.arch.world.engine.nowMicros - sub.sentMicros;
        this.replay.learn(sub);
        return this.#next(sub);
      case Kind.answerLost:
        // What the lost answer named is named again by the next one.
        sub.unseen = sub.answering.concat(sub.unseen);
        sub.answering = [];
        return this.#next(sub);
      case Kind.requestLost:
        return this.#next(sub);
      default:
        throw new Error(`${this.arch.name}.polls: unexpected event kind ${kind}`);
    }
  }

  // Loops start spread over one window, so the subscriptions' exchanges do not all fall on the same instants.
  #begin(sub: Subscription): void {
    const offset = (sub.index * 7919) % this.arch.config.snapshotPollWindowMicros;
    this.arch.world.engine.send(this.actor, Kind.windowTimer, offset, sub.index, sub.gen);
  }

  #send(sub: Subscription): void {
    const c = this.arch.config;
    sub.polls = Math.max(1, Math.round(c.snapshotPollWindowMicros / this.#period(sub)));
    sub.sentMicros = this.arch.world.engine.nowMicros;
    this.polls += sub.polls;
    const bytes = sub.polls * (c.snapshotPollRequestBytes + c.packetHeaderBytes);
    this.arch.world.network.transfer(sub.reader.host, sub.leader.host, bytes, FlowClass.control, this.actor, Kind.requestArrived, sub.index, sub.gen, undefined, Kind.requestLost);
  }

  // The leader answers every poll of the window; the patches go once, in the first answer after the change.
  #answer(sub: Subscription): void {
    const c = this.arch.config;
    const empty = sub.answering;
    sub.answering = sub.unseen;
    sub.unseen = empty;
    const patches = distinctPartitions(this.#partitionsLed(sub), sub.batches);
    sub.batches = 0;
    this.patches += patches;
    const bytes = Math.ceil(sub.polls * (c.snapshotPollAnswerBytes + c.packetHeaderBytes) + patches * c.snapshotPatchBytes);
    this.arch.world.network.transfer(sub.leader.host, sub.reader.host, bytes, FlowClass.control, this.actor, Kind.answerArrived, sub.index, sub.gen, undefined, Kind.answerLost);
  }

  // The next window starts when this window's polls would have been sent, and never before its answer is in.
  #next(sub: Subscription): void {
    const engine = this.arch.world.engine;
    const at = Math.max(engine.nowMicros, sub.sentMicros + Math.round(sub.polls * this.#period(sub)));
    engine.sendAt(this.actor, Kind.windowTimer, at, sub.index, sub.gen);
  }

  // One poll per round trip, and not more often than the request interval.
  #period(sub: Subscription): number {
    return Math.max(1, this.arch.config.snapshotPollIntervalMicros, sub.roundTripMicros);
  }

  #partitionsLed(sub: Subscription): number {
    let partitions = 0;
    for (const gi of sub.leader.led) partitions += this.arch.groups[gi].partitions;
    return partitions;
  }
}

/**
 * Bytes per producer batch, from the workload: with no keys Kafka's default partitioner sends to one partition until
 * batch.size is full or linger.ms has passed (the uniform sticky partitioner, KIP-794); with keys every partition
 * gathers its own batch for linger.ms. At least 1 byte.
 */
export function producerBatchBytes(w: Workload): number {
  const producers = w.topics * w.producersPerTopic;
  const wirePerProducer = produceBytesPerSecond(w) / w.producer.compressionRatio / producers;
  const perBatchStream = w.keyDistributor === "NO_KEY" ? wirePerProducer : wirePerProducer / partitionCount(w);
  const lingered = (perBatchStream * w.producer.lingerMicros) / 1e6;
  return Math.max(1, Math.min(w.producer.batchBytes, lingered));
}

/** Expected distinct partitions among `partitions` hit by `batches` batches landing independently and evenly. */
export function distinctPartitions(partitions: number, batches: number): number {
  if (partitions <= 0 || batches <= 0) return 0;
  return partitions * (1 - Math.pow(1 - 1 / partitions, batches));
}

// Which topic's partitions each partition group holds. OMB's topics are alike (the same partition count, an equal
// share of the producer rate, keys spread evenly over partitions), so every partition of every topic carries the
// same bytes, and a topic's bytes in a group are the group's bytes times the topic's share of its partitions.

import { InputError } from "../errors.ts";
import type { PartitionGroup } from "./partitionGroups.ts";

/** Per topic, the groups holding its partitions and how many; built once per run from the architecture's groups. */
export class TopicLayout {
  /**
   * Whether the groups named their partitions (assignPartitions does). Otherwise each topic is taken to hold an
   * equal part of every group: right in bytes, as all partitions carry the same bytes, but not in which server
   * a topic's few partitions live on.
   */
  readonly exact: boolean;
  // Per topic: ids of the groups holding its partitions (ascending), and parallel to it, its partitions there.
  readonly #groupIds: Int32Array[] = [];
  readonly #partitions: Float64Array[] = [];

  constructor(groups: readonly PartitionGroup[], readonly topics: number, readonly partitionsPerTopic: number) {
    if (!Number.isSafeInteger(topics) || topics < 1) throw new InputError("topics", topics, "a whole number >= 1");
    if (!Number.isSafeInteger(partitionsPerTopic) || partitionsPerTopic < 1) {
      throw new InputError("partitionsPerTopic", partitionsPerTopic, "a whole number >= 1");
    }
    const total = topics * partitionsPerTopic;
    let named = 0;
    let inRange = true;
    for (const g of groups) {
      named += g.partitionIds.length;
      inRange &&= g.partitionIds.length === g.partitions && g.partitionIds.every((p) => p < total);
    }
    this.exact = inRange && named === total;
    // Counted per (topic, group) through a map per topic: a run has at most one entry per partition.
    const counts: Map<number, number>[] = [];
    for (let t = 0; t < topics; t++) counts.push(new Map());
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      if (g.partitions <= 0) continue;
      if (this.exact) {
        for (const p of g.partitionIds) {
          const topic = Math.floor(p / partitionsPerTopic);
          counts[topic].set(gi, (counts[topic].get(gi) ?? 0) + 1);
        }
      } else {
        for (let t = 0; t < topics; t++) counts[t].set(gi, g.partitions / topics);
      }
    }
    for (const perGroup of counts) {
      const ids = Int32Array.from([...perGroup.keys()].sort((a, b) => a - b));
      this.#groupIds.push(ids);
      this.#partitions.push(Float64Array.from(ids, (gi) => perGroup.get(gi) as number));
    }
  }

  /** Ids of the groups holding partitions of `topic`, ascending. */
  groupsOf(topic: number): Int32Array {
    return this.#groupIds[this.#topic(topic)];
  }

  /** Partitions of `topic` in each group of groupsOf(topic), in the same order (fractional when not exact). */
  partitionsOf(topic: number): Float64Array {
    return this.#partitions[this.#topic(topic)];
  }

  /** Partitions of `topic` in `group` (0 when it holds none). */
  partitionsIn(topic: number, group: number): number {
    const ids = this.groupsOf(topic);
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] === group) return this.#partitions[topic][mid];
      if (ids[mid] < group) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  #topic(topic: number): number {
    if (!Number.isSafeInteger(topic) || topic < 0 || topic >= this.topics) throw new InputError("topic", topic, `a topic from 0 to ${this.topics - 1}`);
    return topic;
  }
}

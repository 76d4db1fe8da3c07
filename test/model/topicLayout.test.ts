import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { layoutBrokers, INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { assignPartitions, PartitionGroup } from "../../sim/model/partitionGroups.ts";
import { TopicLayout } from "../../sim/model/topicLayout.ts";

const brokers = layoutBrokers({ zones: 3, brokersPerZone: 2, instance: INSTANCE_TYPES["r6i.xlarge"] });

function total(values: Float64Array): number {
  return values.reduce((a, b) => a + b, 0);
}

describe("topic layout", () => {
  it("places each topic's partitions exactly in the groups Kafka's assignment put them in", () => {
    const topics = 5;
    const perTopic = 7;
    const groups = assignPartitions(brokers, topics * perTopic, 3);
    const layout = new TopicLayout(groups, topics, perTopic);
    expect(layout.exact).toBe(true);
    for (let t = 0; t < topics; t++) {
      // Every partition of the topic is somewhere, once.
      expect(total(layout.partitionsOf(t))).toBe(perTopic);
      // And where the layout says: partition p of the whole list belongs to topic p / perTopic.
      for (const gi of layout.groupsOf(t)) {
        const own = groups[gi].partitionIds.filter((p) => Math.floor(p / perTopic) === t).length;
        expect(layout.partitionsIn(t, gi)).toBe(own);
      }
    }
    // Over all topics each group is accounted for in full.
    for (const g of groups) {
      let sum = 0;
      for (let t = 0; t < topics; t++) sum += layout.partitionsIn(t, g.id);
      expect(sum).toBe(g.partitions);
    }
  });

  it("leaves a topic with fewer partitions than brokers out of the groups the others lead", () => {
    // Two topics of 3 partitions on 6 brokers: leaders run round the broker list, so they lead disjoint groups.
    const groups = assignPartitions(brokers, 6, 3);
    const layout = new TopicLayout(groups, 2, 3);
    const leaders = (t: number) => [...layout.groupsOf(t)].map((gi) => groups[gi].leader).sort();
    expect(leaders(0)).toEqual([0, 1, 2]);
    expect(leaders(1)).toEqual([3, 4, 5]);
    expect(layout.partitionsIn(0, layout.groupsOf(1)[0])).toBe(0);
  });

  it("spreads every topic evenly over groups that do not name their partitions", () => {
    const groups = [new PartitionGroup(0, 10, []), new PartitionGroup(1, 6, [])];
    const layout = new TopicLayout(groups, 4, 4);
    expect(layout.exact).toBe(false);
    for (let t = 0; t < 4; t++) {
      expect([...layout.groupsOf(t)]).toEqual([0, 1]);
      expect([...layout.partitionsOf(t)]).toEqual([2.5, 1.5]);
    }
  });

  it("rejects a topic count, partition count or topic outside the workload with InputError", () => {
    const groups = assignPartitions(brokers, 6, 3);
    expect(() => new TopicLayout(groups, 0, 6)).toThrow(InputError);
    expect(() => new TopicLayout(groups, 1, 1.5)).toThrow(/partitionsPerTopic/);
    const layout = new TopicLayout(groups, 2, 3);
    expect(() => layout.groupsOf(2)).toThrow(InputError);
    expect(() => layout.partitionsIn(-1, 0)).toThrow(/topic/);
  });
});

import { describe, expect, it } from "vitest";
import { Engine } from "../../sim/engine.ts";
import { LongPolls } from "../../sim/model/longPolls.ts";

const FLUSH = 2;
const TIMER = 1;

/** Requests named by number, each reading the groups given; `ready` says which have data. */
function fixture(groupsOf: Record<number, number[]>, coalesceMicros = 0) {
  const engine = new Engine();
  const ready = new Set<number>();
  const parked = new Set<number>();
  const answered: [number, number][] = [];
  const holder: { polls?: LongPolls<number> } = {};
  const actor = engine.register("owner", {
    receive: (kind: number, broker: number) => {
      if (kind === TIMER) holder.polls!.expire(broker);
      if (kind === FLUSH) holder.polls!.flush(broker);
    },
  });
  const polls = new LongPolls<number>(engine, actor, TIMER, 2, {
    isParked: (r) => parked.has(r),
    isReady: (r) => ready.has(r),
    answer: (r) => {
      parked.delete(r);
      answered.push([engine.nowMicros, r]);
    },
    groupsOf: (r) => groupsOf[r],
  }, coalesceMicros > 0 ? { micros: coalesceMicros, flushKind: FLUSH } : undefined);
  holder.polls = polls;
  const park = (broker: number, r: number, deadline: number) => {
    parked.add(r);
    polls.park(broker, r, deadline);
  };
  return { engine, polls, ready, parked, answered, park };
}

describe("LongPolls", () => {
  it("new data in some groups answers only the ready requests reading them, each once", () => {
    const { polls, ready, answered, park } = fixture({ 1: [0, 1], 2: [1], 3: [2], 4: [0] });
    for (const r of [1, 2, 3, 4]) park(0, r, 1_000);
    for (const r of [1, 2, 3, 4]) ready.add(r);
    polls.wakeGroups(0, [1]);
    expect(answered.map(([, r]) => r)).toEqual([1, 2]);
    // Request 1 also reads group 0, but it has left: only 4 remains there.
    polls.wakeGroups(0, [0, 1]);
    expect(answered.map(([, r]) => r)).toEqual([1, 2, 4]);
    polls.wake(0);
    expect(answered.map(([, r]) => r)).toEqual([1, 2, 4, 3]);
  });

  it("wakes only the broker it names, and leaves requests that are not ready parked until their deadline", () => {
    const { engine, polls, ready, answered, park } = fixture({ 1: [0], 2: [0] });
    park(0, 1, 500);
    park(1, 2, 700);
    ready.add(2);
    polls.wakeGroups(0, [0]);
    expect(answered).toEqual([]);
    engine.runUntil(10_000);
    expect(answered).toEqual([[500, 1], [700, 2]]);
  });

  it("a request parked again after its answer is found once more, through every group it reads", () => {
    const { polls, ready, answered, park } = fixture({ 1: [0, 1] });
    park(0, 1, 1_000);
    ready.add(1);
    polls.wakeGroups(0, [0]);
    park(0, 1, 2_000);
    polls.wakeGroups(0, [1]);
    expect(answered.map(([, r]) => r)).toEqual([1, 1]);
  });

  it("when coalescing, answers once a window after the first data, the requests of every group that had data in it", () => {
    const { engine, polls, ready, answered, park } = fixture({ 1: [0], 2: [1], 3: [2] }, 100);
    for (const r of [1, 2, 3]) park(0, r, 5_000);
    for (const r of [1, 2, 3]) ready.add(r);
    engine.runUntil(10);
    polls.wakeGroups(0, [0]);
    engine.runUntil(50);
    polls.wakeGroups(0, [1]);
    engine.runUntil(1_000);
    expect(answered).toEqual([[110, 1], [110, 2]]);
    polls.wake(0);
    engine.runUntil(2_000);
    expect(answered).toEqual([[110, 1], [110, 2], [1_100, 3]]);
  });
});

import { describe, expect, it } from "vitest";
import { createSessionApi, SESSIONS_MAX } from "../../sim/api/sessionApi.ts";
import { defaultComparison } from "../../sim/model/defaultScenario.ts";
import { runToReport } from "../../sim/report/runSession.ts";

// A few simulated seconds of the default comparison's first architecture: enough for every report section.
const config = () => defaultComparison(5, 3_000_000).runs[0];

describe("session API", () => {
  it("reports what runToReport reports, however the caller slices the run", () => {
    const api = createSessionApi();
    const id = api.start(config());
    let p = api.advance(id, 700_000);
    expect(p).toMatchObject({ nowMicros: 700_000, endMicros: 3_000_000, done: false, stalled: false });
    while (!p.done) p = api.advance(id, p.nowMicros + 1_100_000);
    expect(p.nowMicros).toBe(3_000_000);
    expect(JSON.stringify(api.report(id))).toBe(JSON.stringify(runToReport(config())));
  });

  it("keeps sessions apart and forgets a disposed one", () => {
    const api = createSessionApi();
    const a = api.start(config());
    const b = api.start(config());
    expect(a).not.toBe(b);
    api.advance(a, 1_000_000);
    expect(api.result(b).simulatedSeconds).toBe(0);
    api.dispose(a);
    expect(api.count()).toBe(1);
    expect(() => api.report(a)).toThrow(new RegExp(`^id: expected the id of a live session \\(live: ${b}\\) \\(got ${a}\\)`));
  });

  it("says a run stalled when its event budget stops it short", () => {
    const api = createSessionApi();
    const id = api.start({ ...config(), eventBudget: 2_000 });
    const p = api.advance(id, 3_000_000);
    expect(p.done).toBe(false);
    expect(p.stalled).toBe(true);
    expect(api.report(id).result.stoppedBy).toBe("eventBudget");
  });

  it("rejects bad arguments by name, and more than SESSIONS_MAX live sessions", () => {
    const api = createSessionApi();
    expect(() => api.start(null as never)).toThrow(/^config: expected a RunConfig object/);
    const id = api.start(config());
    expect(() => api.advance(id, Number.NaN)).toThrow(/^untilMicros: expected a simulated time/);
    expect(() => api.advance(99, 1)).toThrow(/^id: /);
    for (let i = 1; i < SESSIONS_MAX; i++) api.start(config());
    expect(() => api.start(config())).toThrow(/^sessions: expected at most 64 live sessions/);
  });
});

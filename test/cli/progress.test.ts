import { describe, expect, it } from "vitest";
import { formatWallSeconds, ProgressReporter } from "../../sim/cli/progress.ts";

function reporter(tty: boolean, quiet = false) {
  const out: string[] = [];
  let ms = 0;
  const r = new ProgressReporter({ labels: ["a", "b"], lengthsMicros: [10_000_000, 30_000_000], tty, quiet, write: (t) => out.push(t), now: () => ms });
  return { r, out, tick: (to: number) => (ms = to) };
}

describe("progress on stderr", () => {
  it("draws a bar weighted by simulated time, with an ETA from the wall time so far", () => {
    const { r, out, tick } = reporter(true);
    tick(10_000);
    r.update({ job: 1, nowMicros: 10_000_000, endMicros: 30_000_000, done: false });
    // 10 of 40 simulated seconds in 10 wall seconds: 25 %, 30 s to go.
    expect(out.at(-1)).toBe(`\r  [${"█".repeat(6)}${"░".repeat(18)}]  25%  0/2 runs  elapsed 10 s  ETA 30 s\u001b[K`);
    r.update({ job: 1, nowMicros: 20_000_000, endMicros: 30_000_000, done: false });
    expect(out).toHaveLength(1);
    tick(20_000);
    r.finished(0);
    // Job 1 at 20 of 30 s (recorded, not drawn) and job 0 done: 30 of 40 s in 20 wall seconds, 6.7 s to go.
    expect(out.at(-1)).toMatch(/\] {2}75% {2}1\/2 runs {2}elapsed 20 s {2}ETA 7 s/);
    r.end();
    expect(out.at(-1)).toBe("\n");
  });

  it("writes one line per finished run when stderr is not a terminal, and nothing when quiet", () => {
    const log = reporter(false);
    log.r.update({ job: 0, nowMicros: 5_000_000, endMicros: 10_000_000, done: false });
    log.tick(65_000);
    log.r.finished(1);
    log.r.end();
    expect(log.out).toEqual(["bytepath: run 1/2 done (b) after 1 min 05 s\n"]);
    const quiet = reporter(true, true);
    quiet.r.update({ job: 0, nowMicros: 5_000_000, endMicros: 10_000_000, done: false });
    quiet.r.finished(0);
    quiet.r.end();
    expect(quiet.out).toEqual([]);
  });

  it("formats wall time in seconds, minutes or hours", () => {
    expect([formatWallSeconds(0.4), formatWallSeconds(59.6), formatWallSeconds(61), formatWallSeconds(7322)]).toEqual(["0 s", "1 min 00 s", "1 min 01 s", "2 h 02 min"]);
  });
});

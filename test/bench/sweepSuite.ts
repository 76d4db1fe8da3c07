// Sweep benchmark: the throughput of `bytepath sweep` on 1 worker thread and on 2 — runs per second and the speed-up
// — on a fixed 16-run sweep (sweepThroughput.ts), each measured in a child process so its CPU time counts every
// thread. The timed section is both sweeps; notes carry each one's figures and the machine's load.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { registerBenchmark } from "./registry.ts";

const CHILD = fileURLToPath(new URL("./sweepThroughput.ts", import.meta.url));

interface SweepFigures {
  workers: number;
  runs: number;
  seconds: number;
  cpuSeconds: number;
  secondsWithStart: number;
  cpuSecondsWithStart: number;
  loadAverage: number;
  reportChars: number;
}

function measureSweep(workers: number): SweepFigures {
  const child = spawnSync(process.execPath, ["--import", "tsx", CHILD, String(workers)], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`sweep benchmark with ${workers} workers failed (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop() as string) as SweepFigures;
}

registerBenchmark({
  suite: "sweep",
  name: "workers",
  description: "16-run sweep (2 rates × 4 seeds × kafka, kafka-tiered; 90 simulated s each) on 1 worker, then on 2",
  run(timer) {
    timer.start();
    const one = measureSweep(1);
    const two = measureSweep(2);
    timer.stop();
    if (one.reportChars !== two.reportChars) throw new Error(`sweep on 2 workers reported ${two.reportChars} characters, on 1 ${one.reportChars}: not the same sweep`);
    const rate = (f: SweepFigures) => f.runs / f.seconds;
    return {
      // Runs, not engine events, are what a sweep delivers; the events column counts both sweeps' runs.
      events: one.runs + two.runs,
      notes: {
        runsPerSecond1: rate(one).toFixed(3),
        runsPerSecond2: rate(two).toFixed(3),
        speedup: (rate(two) / rate(one)).toFixed(2),
        speedupWithStart: (one.secondsWithStart / two.secondsWithStart).toFixed(2),
        seconds1: one.seconds.toFixed(2),
        seconds2: two.seconds.toFixed(2),
        cpuSeconds1: one.cpuSeconds.toFixed(2),
        cpuSeconds2: two.cpuSeconds.toFixed(2),
        // CPU over wall time: the cores the sweep actually got. Below 2 for the 2-worker sweep, other work held a core.
        coresUsed1: (one.cpuSeconds / one.seconds).toFixed(2),
        coresUsed2: (two.cpuSeconds / two.seconds).toFixed(2),
        loadAverage1: one.loadAverage.toFixed(1),
        loadAverage2: two.loadAverage.toFixed(1),
      },
    };
  },
});

// The library's seed sweep (a miniature VOPR), first half: each scenario × every architecture × 50 seeds, with no
// invariant violation, no acknowledged loss its configuration forbids, every threshold judged (sweepSuite.ts).
// Reduced to fit ~90 s on 2 cores (sweep.ts, sweepMiniature): 256 KiB/s, one partition per broker, the clock ×0.1 cut
// 4 s after the last fault, linger ≥ 200 ms and fetch.min.bytes 1 MiB. Full size: test/scenarios/seedSweepLong.ts.

import { describe } from "vitest";
import { sweepHalf } from "./sweepSuite.ts";

describe("seed sweep of the library, first half", () => {
  sweepHalf(0);
});

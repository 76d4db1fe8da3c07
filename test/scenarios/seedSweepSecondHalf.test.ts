// The library's seed sweep, second half: what seedSweep.test.ts describes, for the other half of the scenarios.

import { describe } from "vitest";
import { sweepHalf } from "./sweepSuite.ts";

describe("seed sweep of the library, second half", () => {
  sweepHalf(1);
});

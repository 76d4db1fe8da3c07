// The `slo` section of a scenario: the produce-latency objective a fault's recovery ("time to SLO") is judged
// against. Without it each run derives its own from its pre-fault latency (sim/report/runSession.ts).

import { z } from "zod";
import { durationField } from "./quantityFields.ts";
import type { ScenarioSlo } from "./scenario.ts";

/** Longest SLO accepted, µs: an hour, the longest latency the histograms record. */
export const SLO_MICROS_MAX = 3_600_000_000;

/** The `slo` object: `produceP99` (a duration) to µs. */
export function sloField(): z.ZodType<ScenarioSlo> {
  return z
    .strictObject({
      produceP99: durationField({ positive: true, maxMicros: SLO_MICROS_MAX }).schema.meta({ description: "Produce p99 latency objective; recovery's time to SLO is judged against it." }).optional(),
    })
    .transform((values): ScenarioSlo => (values.produceP99 === undefined ? {} : { produceP99Micros: values.produceP99 }));
}

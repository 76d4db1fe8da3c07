// Regenerates scenarios/report.schema.json, the JSON Schema of `bytepath run|compare --json`, from the zod schemas in
// sim/report/scenarioReportSchema.ts.
import { writeFileSync } from "node:fs";
import { scenarioReportJsonSchema } from "../report/scenarioReportSchema.ts";

writeFileSync(new URL("../../scenarios/report.schema.json", import.meta.url), `${JSON.stringify(scenarioReportJsonSchema(), null, 2)}\n`);

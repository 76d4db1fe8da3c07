// Regenerates scenarios/result.schema.json from the result shape in sim/model/result.ts.
import { writeFileSync } from "node:fs";
import { resultJsonSchema } from "../model/result.ts";

writeFileSync(new URL("../../scenarios/result.schema.json", import.meta.url), `${JSON.stringify(resultJsonSchema(), null, 2)}\n`);

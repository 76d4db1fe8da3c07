// Regenerates the files derived from the scenario schema: scenarios/schema.json (for editors) and the field
// tables of scenarios/README.md. Run `npx tsx scenarios/updateReference.ts`; test/scenario checks they are current.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { referenceFiles } from "../test/scenario/referenceFiles.ts";

const folder = fileURLToPath(new URL(".", import.meta.url));
for (const file of referenceFiles(folder, (path) => readFileSync(path, "utf8"))) {
  writeFileSync(file.path, file.expected);
  process.stdout.write(`${file.stale ? "updated" : "current"}: ${file.path}\n`);
}

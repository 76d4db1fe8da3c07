import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resultJsonSchema } from "../../sim/model/result.ts";

describe("the published result schema", () => {
  it("is the schema the code validates results against (regenerate with `npm run schema:result`)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../scenarios/result.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(resultJsonSchema());
  });
});

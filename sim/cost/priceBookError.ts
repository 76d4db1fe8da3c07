// The one error a price book can cause: every problem found, each naming the line (and field) it concerns, so a
// book with a typo in one price reports that price rather than "invalid input". Plain name and message.

/** One problem in a price book: where (`lines.s3StandardPut.unit`) and what. */
export interface PriceBookIssue {
  path: string;
  message: string;
}

/** A price book that cannot be used, with every problem found; thrown by parsePriceBook. */
export class PriceBookError extends Error {
  override name = "PriceBookError";
  constructor(
    readonly source: string,
    readonly issues: readonly PriceBookIssue[],
  ) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`invalid price book ${source} (${count}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
  }
}

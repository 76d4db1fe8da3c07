// The one error a scenario file can cause: every problem found, each with the path of the field it concerns,
// so an editor can mark them all at once. Plain name and message, so it survives a worker boundary.

/** One problem in a scenario: where (a dotted path such as `workload.producer.linger`) and what. */
export interface ScenarioIssue {
  /** Dotted path with [i] for list items; "(document)" for the file as a whole. */
  path: string;
  /** What is wrong, starting with the value when there is one, e.g. `"5 minutes after" is not a duration`. */
  message: string;
}

/** A scenario that cannot be run, with every problem found; thrown by parseScenario. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
  constructor(
    readonly source: string,
    readonly issues: readonly ScenarioIssue[],
    /** False when the sections themselves had problems, so the checks across them (faults against the cluster,
     * replicas against brokers, producer limits against the rate, thresholds against faults) have not run yet: fixing
     * these may reveal more. */
    readonly crossChecked = true,
  ) {
    super(formatIssues(source, issues));
  }
}

/** Most issues listed in one message; a file with more has bigger problems than the list can show. */
export const ISSUES_SHOWN_MAX = 50;

/** `invalid scenario <source> (N problems):` then one `  path: message` line per issue. */
export function formatIssues(source: string, issues: readonly ScenarioIssue[]): string {
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  const lines = issues.slice(0, ISSUES_SHOWN_MAX).map((issue) => `  ${issue.path}: ${issue.message}`);
  if (issues.length > ISSUES_SHOWN_MAX) lines.push(`  ... and ${issues.length - ISSUES_SHOWN_MAX} more`);
  return `invalid scenario ${source} (${count}):\n${lines.join("\n")}`;
}

/** Renders a path of keys and indices as `a.b[2].c`; the empty path is "(document)". */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text === "" ? "(document)" : text;
}

// Suggestions for misspelt names: the known name closest by edit distance, when it is close enough to be a typo.

/** Edit distance between a and b: insertions, deletions, substitutions and swaps of neighbours ("acsk" → "acks")
 * each count 1 (optimal string alignment; case-sensitive). Stops early past `cap`, returning cap + 1. */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // Later rows never drop more than one below this row's minimum (a swap reaches back one row), so stop when
    // even that would exceed the cap.
    if (rowMin > cap + 1) return cap + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length], cap + 1);
}

/** The known name closest to `name` if it is within a typo's reach (a third of its length, at least 1), else undefined. */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  const reach = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = reach + 1;
  for (const candidate of known) {
    // Case differences count once: "producerrate" is one slip away from "producerRate", not two.
    const distance = candidate.toLowerCase() === lower ? 1 : editDistance(lower, candidate.toLowerCase(), reach);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

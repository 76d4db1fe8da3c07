// Suggestions for misspelt names: the known name closest by edit distance, when it is close enough to be a typo.

/** Levenshtein distance between a and b (insert, delete, substitute; case-sensitive), capped at cap + 1. */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // Every later row is at least this row's minimum, so the answer already exceeds the cap.
    if (rowMin > cap) return cap + 1;
    previous = current;
  }
  return previous[b.length];
}

/** The known name closest to `name` if it is within a typo's reach (a third of its length, at least 2), else undefined. */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  const reach = Math.max(2, Math.floor(name.length / 3));
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

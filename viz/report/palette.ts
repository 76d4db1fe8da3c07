// The report's colours: one per architecture, fixed by the architecture's position in the report so every chart
// agrees, and separate, paler sets for the parts of a stack (flow classes, cost categories, byte paths).

/** Architecture colours in run order (Tableau 10: distinct hues that survive print and common colour blindness). */
export const ARCHITECTURE_COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

/** Colours of the parts of a stacked bar, in order of first appearance; paler than the architecture colours. */
export const PART_COLOURS = ["#8da0cb", "#fc8d62", "#66c2a5", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3", "#80b1d3", "#bc80bd"];

/** The colour of each architecture by name, fixed by its first position in names. */
export function architecturePalette(names: readonly string[]): (name: string) => string {
  const colours = new Map<string, string>();
  for (const name of names) {
    if (!colours.has(name)) colours.set(name, ARCHITECTURE_COLOURS[colours.size % ARCHITECTURE_COLOURS.length]);
  }
  return (name) => colours.get(name) ?? "#6e7781";
}

/** The colour of each stack part by key, fixed by its position in keys. */
export function partPalette(keys: readonly string[]): (key: string) => string {
  return (key) => {
    const i = keys.indexOf(key);
    return i < 0 ? "#b3b3b3" : PART_COLOURS[i % PART_COLOURS.length];
  };
}

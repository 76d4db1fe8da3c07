// Fixed-width text tables for a terminal: the first column left-aligned, the rest right-aligned, widths measured on
// the plain text so colour codes added afterwards never misalign a column.

/** A cell: its text, and optionally how to paint it once padded (colour is added after measuring). */
export type Cell = string | { text: string; paint: (padded: string) => string };

const textOf = (cell: Cell): string => (typeof cell === "string" ? cell : cell.text);

/** Renders a header row, a rule and the body rows; every row has the header's number of cells. */
export function textTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => textOf(row[c] ?? "").length)));
  const render = (row: readonly Cell[]) =>
    row
      .map((cell, c) => {
        const text = textOf(cell);
        const padded = c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]);
        return typeof cell === "string" ? padded : cell.paint(padded);
      })
      .join("  ")
      .trimEnd();
  return [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(render)].join("\n");
}

// How text reports mark states: plain, or with ANSI colours for a terminal. Which one applies is the caller's choice
// (a TTY without NO_COLOR); the reports only call these.

/** Markers for good, bad and doubtful states, and emphasis. */
export interface Style {
  good(text: string): string;
  bad(text: string): string;
  doubtful(text: string): string;
  strong(text: string): string;
}

const same = (text: string) => text;

/** No colour: every marker returns its text unchanged. */
export const PLAIN_STYLE: Style = { good: same, bad: same, doubtful: same, strong: same };

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** ANSI colours: green, red, yellow and bold. */
export const ANSI_STYLE: Style = { good: ansi(32, 39), bad: ansi(31, 39), doubtful: ansi(33, 39), strong: ansi(1, 22) };

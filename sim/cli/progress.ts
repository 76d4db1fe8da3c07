// Progress of a batch of runs on stderr (Node only): on a terminal a bar with the share of simulated time done and
// an ETA, redrawn in place; elsewhere (a CI log) one line per finished run; nothing with --quiet.

import type { JobProgress } from "./workerPool.ts";

/** How progress is shown. */
export interface ProgressOptions {
  /** Each job's label, e.g. "kafka seed 3". */
  labels: readonly string[];
  /** Each job's simulated length, µs: the weights of the bar. */
  lengthsMicros: readonly number[];
  tty: boolean;
  quiet: boolean;
  write: (text: string) => void;
  /** Wall clock in ms (injectable for tests). */
  now?: () => number;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** "1 h 02 min", "3 min 05 s", "42 s". */
export function formatWallSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${s} s`;
}

/** Tracks runs and draws their progress. */
export class ProgressReporter {
  readonly #options: ProgressOptions;
  readonly #doneMicros: number[];
  readonly #total: number;
  readonly #now: () => number;
  readonly #started: number;
  #finished = 0;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #drawn = false;

  constructor(options: ProgressOptions) {
    this.#options = options;
    this.#doneMicros = options.lengthsMicros.map(() => 0);
    this.#total = options.lengthsMicros.reduce((a, b) => a + b, 0);
    this.#now = options.now ?? Date.now;
    this.#started = this.#now();
  }

  /** Seconds since the reporter was made. */
  get elapsedSeconds(): number {
    return (this.#now() - this.#started) / 1000;
  }

  /** Records a job's progress after a slice. */
  update(p: JobProgress): void {
    this.#doneMicros[p.job] = Math.min(p.nowMicros, this.#options.lengthsMicros[p.job]);
    if (this.#options.quiet || !this.#options.tty) return;
    const now = this.#now();
    if (now - this.#lastDraw < REDRAW_MS) return;
    this.#lastDraw = now;
    this.#draw();
  }

  /** Records a finished job. */
  finished(job: number): void {
    this.#finished++;
    this.#doneMicros[job] = this.#options.lengthsMicros[job];
    if (this.#options.quiet) return;
    if (this.#options.tty) this.#draw();
    else this.#options.write(`bytepath: run ${this.#finished}/${this.#doneMicros.length} done (${this.#options.labels[job]}) after ${formatWallSeconds(this.elapsedSeconds)}\n`);
  }

  /** Ends the bar's line. */
  end(): void {
    if (this.#drawn) this.#options.write("\n");
    this.#drawn = false;
  }

  #draw(): void {
    const fraction = this.#total > 0 ? this.#doneMicros.reduce((a, b) => a + b, 0) / this.#total : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const elapsed = this.elapsedSeconds;
    const eta = fraction > 0 ? formatWallSeconds((elapsed / fraction) * (1 - fraction)) : "…";
    const line = `  [${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${this.#finished}/${this.#doneMicros.length} runs  elapsed ${formatWallSeconds(elapsed)}  ETA ${eta}`;
    // \r plus clearing to the end of the line: a shorter line never leaves the tail of a longer one.
    this.#options.write(`\r${line}\u001b[K`);
    this.#drawn = true;
  }
}

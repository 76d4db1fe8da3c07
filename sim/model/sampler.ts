// Reads the run's levels once per simulated interval (backlog, bytes stored, high watermarks) and checks the
// invariants that must hold at every instant: high watermarks and consumer positions never move back except through
// a recorded truncation or seek. Checkers live apart from the actors they check.

import type { Architecture, World } from "./world.ts";
import type { Consumers } from "./consumers.ts";
import { Series } from "./runStats.ts";

const Kind = { sample: 1 } as const;

/** Samples levels per interval and collects invariant violations. */
export class Sampler {
  readonly actor: number;
  readonly violations: string[] = [];
  /** Per interval: bytes stored by the architecture, its report's volumeStoredBytes plus s3StoredBytes (every model
   * that keeps data in object stores reports them under that one name). */
  readonly storedBytes: number[] = [];
  readonly #lastHw: number[] = [];
  readonly #lastLeo: number[] = [];
  #sampledAtMicros = -1;

  constructor(
    readonly world: World,
    readonly arch: Architecture,
    readonly consumers: Consumers,
    readonly intervalMicros: number,
  ) {
    this.actor = world.engine.register("sampler", this);
  }

  start(): void {
    this.world.engine.send(this.actor, Kind.sample, this.intervalMicros);
  }

  receive(): void {
    this.sample();
    this.world.engine.send(this.actor, Kind.sample, this.intervalMicros);
  }

  /** Takes one sample now; also called at the end of a run, where it does nothing if the periodic sample of this
   * instant has run (samples add into their interval: a second one would double the last backlog). */
  sample(): void {
    const now = this.world.engine.nowMicros;
    if (now === this.#sampledAtMicros) return;
    this.#sampledAtMicros = now;
    const groups = this.arch.groups;
    for (const g of groups) {
      const truncated = (this.#lastLeo[g.id] ?? 0) > g.leo;
      if (!truncated && g.hw < (this.#lastHw[g.id] ?? 0) - 1e-6) {
        this.#violation(`${now}µs: group ${g.id} high watermark moved back from ${this.#lastHw[g.id]} to ${g.hw} without a truncation`);
      }
      if (g.hw > g.leo + 1e-6) this.#violation(`${now}µs: group ${g.id} high watermark ${g.hw} is past its log end ${g.leo}`);
      this.#lastHw[g.id] = g.hw;
      this.#lastLeo[g.id] = g.leo;
    }
    // OMB's backlog is the workload's own subscriptions, each over its topic; an export's workers keep their own figures.
    const backlog = this.consumers.backlogBytes();
    const compression = this.world.workload.producer.compressionRatio;
    this.world.stats.series.add(Math.max(0, now - 1), Series.backlogBytes, backlog * compression);
    const report = this.arch.report();
    this.storedBytes.push((report.volumeStoredBytes ?? 0) + (report.s3StoredBytes ?? 0));
  }

  #violation(message: string): void {
    // Keep the first few: one broken invariant usually repeats every interval after.
    if (this.violations.length < 20) this.violations.push(message);
  }
}

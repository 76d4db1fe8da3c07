// The combined effect of the impairments active right now, per host, per zone and per zone pair, and what they add
// up to on one host-to-host path. Overlapping impairments compose: down if any is down, latencies add, survival
// probabilities (1 − loss) multiply, bandwidth factors multiply. Rebuilt from the active list at every boundary,
// so ending an impairment never leaves float residue from dividing a factor back out.

import type { Impairment, ImpairmentScope } from "./impairment.ts";

/** Aggregated effects for one kind of scope, indexed by host, zone, or zoneA × zones + zoneB. */
class ScopeEffects {
  down: Int32Array;
  latencyMicros: Float64Array;
  survival: Float64Array;
  factor: Float64Array;

  constructor(size: number) {
    this.down = new Int32Array(size);
    this.latencyMicros = new Float64Array(size);
    this.survival = new Float64Array(size).fill(1);
    this.factor = new Float64Array(size).fill(1);
  }

  reset(key: number): void {
    this.down[key] = 0;
    this.latencyMicros[key] = 0;
    this.survival[key] = 1;
    this.factor[key] = 1;
  }

  fold(key: number, impairment: Impairment): void {
    if (impairment.down === true) this.down[key]++;
    this.latencyMicros[key] += impairment.addedLatencyMicros ?? 0;
    this.survival[key] *= 1 - (impairment.lossRatio ?? 0);
    this.factor[key] *= impairment.bandwidthFactor ?? 1;
  }

  grow(size: number): void {
    if (size <= this.down.length) return;
    const next = new ScopeEffects(Math.max(size, this.down.length * 2));
    next.down.set(this.down);
    next.latencyMicros.set(this.latencyMicros);
    next.survival.set(this.survival);
    next.factor.set(this.factor);
    Object.assign(this, next);
  }
}

/** Current impairment effects; the network asks it per path and per link. */
export class ImpairmentState {
  readonly hosts = new ScopeEffects(16);
  readonly zones: ScopeEffects;
  readonly pairs: ScopeEffects;
  /** Impairments whose window is open, in the order they began. */
  readonly #active: Impairment[] = [];
  /** Hosts marked down directly (crash faults), apart from any impairment window (kept separately). */
  #manualDown = new Uint8Array(16);
  // How many hosts are marked down and how many active impairments cut, delay or lose; while a count is zero the
  // per-transfer questions about it answer at once, which is the common case on the hot path.
  #downs = 0;
  #delays = 0;
  #losses = 0;

  constructor(readonly zoneCount: number) {
    this.zones = new ScopeEffects(zoneCount);
    this.pairs = new ScopeEffects(zoneCount * zoneCount);
  }

  /** Makes room for host ids below hostCount. */
  ensureHosts(hostCount: number): void {
    this.hosts.grow(hostCount);
    if (hostCount > this.#manualDown.length) {
      const next = new Uint8Array(Math.max(hostCount, this.#manualDown.length * 2));
      next.set(this.#manualDown);
      this.#manualDown = next;
    }
  }

  /** Marks a host down or up directly, independent of impairment windows. */
  setManualDown(host: number, down: boolean): void {
    const next = down ? 1 : 0;
    this.#downs += next - this.#manualDown[host];
    this.#manualDown[host] = next;
  }

  /** Starts or ends an impairment and recomputes the effects on its scope. */
  setActive(impairment: Impairment, active: boolean): void {
    if (active) this.#active.push(impairment);
    else this.#active.splice(this.#active.indexOf(impairment), 1);
    const step = active ? 1 : -1;
    if (impairment.down === true) this.#downs += step;
    if ((impairment.addedLatencyMicros ?? 0) > 0) this.#delays += step;
    if ((impairment.lossRatio ?? 0) > 0) this.#losses += step;
    this.#recompute(impairment.scope);
  }

  #recompute(scope: ImpairmentScope): void {
    const { table, key, mirror } = this.#locate(scope);
    table.reset(key);
    for (const impairment of this.#active) {
      if (sameScope(impairment.scope, scope)) table.fold(key, impairment);
    }
    if (mirror >= 0) {
      table.down[mirror] = table.down[key];
      table.latencyMicros[mirror] = table.latencyMicros[key];
      table.survival[mirror] = table.survival[key];
      table.factor[mirror] = table.factor[key];
    }
  }

  /** Whether the host is marked down, or a down impairment covers it or its zone. */
  hostDown(host: number, zone: number): boolean {
    return this.#manualDown[host] === 1 || this.hosts.down[host] > 0 || (zone >= 0 && this.zones.down[zone] > 0);
  }

  /** Capacity multiplier on a host's NIC links (host and zone factors). */
  hostFactor(host: number, zone: number): number {
    return zone >= 0 ? this.hosts.factor[host] * this.zones.factor[zone] : this.hosts.factor[host];
  }

  /** Key of the zone pair a path crosses, or -1 when it crosses none (same zone, or a regional host). */
  pairKey(zoneFrom: number, zoneTo: number): number {
    return zoneFrom >= 0 && zoneTo >= 0 && zoneFrom !== zoneTo ? zoneFrom * this.zoneCount + zoneTo : -1;
  }

  /** Whether the path between two hosts is cut (either end down, or its zone pair down). */
  pathDown(from: number, to: number, zoneFrom: number, zoneTo: number): boolean {
    if (this.#downs === 0) return false;
    if (this.hostDown(from, zoneFrom) || this.hostDown(to, zoneTo)) return true;
    const pair = this.pairKey(zoneFrom, zoneTo);
    return pair >= 0 && this.pairs.down[pair] > 0;
  }

  /** Extra one-way latency on the path, in µs (each host, zone and pair counted once). */
  pathLatencyMicros(from: number, to: number, zoneFrom: number, zoneTo: number): number {
    if (this.#delays === 0) return 0;
    let micros = this.hosts.latencyMicros[from] + (to !== from ? this.hosts.latencyMicros[to] : 0);
    if (zoneFrom >= 0) micros += this.zones.latencyMicros[zoneFrom];
    if (zoneTo >= 0 && zoneTo !== zoneFrom) micros += this.zones.latencyMicros[zoneTo];
    const pair = this.pairKey(zoneFrom, zoneTo);
    return pair >= 0 ? micros + this.pairs.latencyMicros[pair] : micros;
  }

  /** Per-segment loss probability on the path: 1 − the product of every covering scope's survival. */
  pathLossRatio(from: number, to: number, zoneFrom: number, zoneTo: number): number {
    if (this.#losses === 0) return 0;
    let survival = this.hosts.survival[from] * (to !== from ? this.hosts.survival[to] : 1);
    if (zoneFrom >= 0) survival *= this.zones.survival[zoneFrom];
    if (zoneTo >= 0 && zoneTo !== zoneFrom) survival *= this.zones.survival[zoneTo];
    const pair = this.pairKey(zoneFrom, zoneTo);
    if (pair >= 0) survival *= this.pairs.survival[pair];
    return 1 - survival;
  }

  #locate(scope: ImpairmentScope): { table: ScopeEffects; key: number; mirror: number } {
    switch (scope.kind) {
      case "host":
        return { table: this.hosts, key: scope.host, mirror: -1 };
      case "zone":
        return { table: this.zones, key: scope.zone, mirror: -1 };
      case "zonePair":
        return {
          table: this.pairs,
          key: scope.zoneA * this.zoneCount + scope.zoneB,
          mirror: scope.zoneB * this.zoneCount + scope.zoneA,
        };
    }
  }
}

/** Whether two scopes cover the same thing; zone pairs are unordered. */
export function sameScope(x: ImpairmentScope, y: ImpairmentScope): boolean {
  if (x.kind === "host" && y.kind === "host") return x.host === y.host;
  if (x.kind === "zone" && y.kind === "zone") return x.zone === y.zone;
  if (x.kind === "zonePair" && y.kind === "zonePair") {
    return (x.zoneA === y.zoneA && x.zoneB === y.zoneB) || (x.zoneA === y.zoneB && x.zoneB === y.zoneA);
  }
  return false;
}

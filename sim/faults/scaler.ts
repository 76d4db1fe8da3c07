// Scale-out and scale-in through each architecture's own mechanism. Classic and tiered Kafka move replicas with
// partition reassignment (the new replica copies the log, then the old one leaves), one move per group at a time,
// keeping a moved replica in its zone when a broker there can take it; AutoMQ moves partition leadership without
// copying data; diskless agents simply start or stop. Joining brokers are held out of the layout until they join.

import { InputError } from "../errors.ts";
import { AutomqArchitecture } from "../model/automq.ts";
import { DisklessArchitecture } from "../model/diskless.ts";
import { KafkaArchitecture } from "../model/kafka.ts";
import type { PartitionGroup } from "../model/partitionGroups.ts";
import type { Run } from "../model/run.ts";
import { Balancer, type Move } from "./scaleBalancer.ts";

/** Scale operations of one run; the faults actor calls pump() until it reports every planned move finished. */
export interface Scaler {
  /** Takes brokers out of the layout before the run starts; field names the fault list entry for errors. */
  holdOut(brokers: readonly number[], field: string): void;
  /** Brokers join and take an even share of the partitions. */
  join(brokers: readonly number[]): void;
  /** Brokers leave: everything they hold moves to the others. */
  leave(brokers: readonly number[]): void;
  /** Starts queued moves that may start now; true once every planned move has finished. */
  pump(): boolean;
}

/** The scaler of a run's architecture, or undefined when it cannot scale. */
export function createScaler(run: Run): Scaler | undefined {
  const arch = run.arch;
  if (arch instanceof KafkaArchitecture) return new KafkaScaler(arch);
  if (arch instanceof AutomqArchitecture) return new AutomqScaler(arch);
  if (arch instanceof DisklessArchitecture) return new DisklessScaler(arch);
  return undefined;
}

class KafkaScaler extends Balancer implements Scaler {
  readonly #started = new Set<number>();

  constructor(readonly arch: KafkaArchitecture) {
    super(arch.brokers.map((b) => b.zone), true);
  }

  loads(): number[] {
    const loads = this.arch.brokers.map(() => 0);
    for (const g of this.arch.groups) for (const r of g.replicas) loads[r] += g.partitions;
    return loads;
  }

  holdOut(brokers: readonly number[], field: string): void {
    for (const b of brokers) this.excluded.add(b);
    const loads = this.loads();
    // Plan every swap first, so a layout that cannot be made leaves the run untouched.
    const swaps: { group: PartitionGroup; slot: number; to: number }[] = [];
    for (const g of this.arch.groups) {
      const replicas = [...g.replicas];
      for (let i = 0; i < replicas.length; i++) {
        const old = replicas[i];
        if (!this.excluded.has(old)) continue;
        const to = this.pick(loads, this.zones[old], replicas);
        if (to < 0) throw new InputError(field, brokers, `brokers whose replicas fit on the others (${this.arch.name}: group ${g.id} needs ${g.replicas.length} distinct brokers)`);
        replicas[i] = to;
        loads[old] -= g.partitions;
        loads[to] += g.partitions;
        swaps.push({ group: g, slot: i, to });
      }
    }
    // Before the run has moved any data every replica holds the same log, so swapping the broker is the layout the
    // cluster would have had without the standby brokers.
    for (const { group, slot, to } of swaps) {
      if (group.leader === group.replicas[slot]) group.leader = to;
      group.replicas[slot] = to;
    }
    this.arch.refreshLeadership();
  }

  join(brokers: readonly number[]): void {
    const pending = this.arch.fetchers.pendingRemovals;
    this.planJoin(brokers, this.arch.groups, (g) => g.replicas, (g) => pending.has(g));
  }

  leave(brokers: readonly number[]): void {
    for (const b of brokers) this.excluded.add(b);
    const loads = this.loads();
    for (const b of brokers) {
      for (const g of this.arch.groups) {
        if (g.replicaIndex(b) < 0) continue;
        const taken = [...g.replicas, ...this.queue.filter((m) => m.group === g.id).map((m) => m.to)];
        const to = this.pick(loads, this.zones[b], taken);
        if (to < 0) continue;
        loads[b] -= g.partitions;
        loads[to] += g.partitions;
        this.queue.push({ group: g.id, from: b, to });
      }
    }
  }

  pump(): boolean {
    const pending = this.arch.fetchers.pendingRemovals;
    for (let i = 0; i < this.queue.length; ) {
      const m = this.queue[i];
      const g = this.arch.groups[m.group];
      if (pending.has(m.group)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      // A plan made earlier may have gone stale (a crash, another move): skip what no longer applies.
      if (g.replicaIndex(m.from) < 0 || g.replicaIndex(m.to) >= 0) continue;
      this.arch.reassign(m.group, m.from, m.to);
      this.#started.add(m.group);
    }
    for (const g of this.#started) if (pending.has(g)) return false;
    return this.queue.length === 0;
  }
}

class AutomqScaler extends Balancer implements Scaler {
  /** Moves started, by group. */
  readonly #started = new Map<number, Move>();

  constructor(readonly arch: AutomqArchitecture) {
    // Partition data lives in S3, so a partition may open on any broker: balance load, not zones.
    super(arch.brokers.map((b) => b.zone), false);
  }

  loads(): number[] {
    return this.arch.brokers.map((b) => b.led.reduce((sum, gi) => sum + this.arch.groups[gi].partitions, 0));
  }

  holdOut(brokers: readonly number[], field: string): void {
    for (const b of brokers) this.excluded.add(b);
    if (this.excluded.size >= this.arch.brokers.length) throw new InputError(field, brokers, `fewer brokers than all ${this.arch.brokers.length} (${this.arch.name})`);
    const loads = this.loads();
    for (const s of brokers) {
      for (const gi of [...this.arch.brokers[s].led]) {
        const to = this.pick(loads, this.zones[s], []);
        if (to < 0) throw new InputError(field, brokers, `brokers whose partitions fit on the others (${this.arch.name})`);
        // At the start nothing is written yet, so opening the partition elsewhere is exact.
        this.arch.moveGroup(gi, this.arch.brokers[to]);
        loads[to] += this.arch.groups[gi].partitions;
      }
    }
  }

  join(brokers: readonly number[]): void {
    this.planJoin(brokers, this.arch.groups, (g) => (g.leader >= 0 ? [g.leader] : []), (g) => this.#moving(g));
  }

  leave(brokers: readonly number[]): void {
    for (const b of brokers) this.excluded.add(b);
    const loads = this.loads();
    for (const b of brokers) {
      for (const gi of this.arch.brokers[b].led) {
        const to = this.pick(loads, this.zones[b], [], (c) => this.arch.brokers[c].up);
        if (to < 0) continue;
        loads[to] += this.arch.groups[gi].partitions;
        this.queue.push({ group: gi, from: b, to });
      }
    }
  }

  pump(): boolean {
    const brokers = this.arch.brokers;
    for (let i = 0; i < this.queue.length; ) {
      const m = this.queue[i];
      const g = this.arch.groups[m.group];
      if (g.leader === m.to) {
        this.queue.splice(i, 1);
        continue;
      }
      // AutoMQ reassigns only an online partition whose leader is up, to a live registered broker; wait otherwise.
      const ready = !this.#moving(m.group) && g.leader >= 0 && brokers[g.leader].up && brokers[m.to].up && brokers[m.to].registered;
      if (!ready) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.arch.reassign(m.group, m.to);
      this.#started.set(m.group, m);
    }
    for (const g of this.#started.keys()) if (this.#moving(g)) return false;
    return this.queue.length === 0;
  }

  // Moving from the call until the partition reopens on its target (or elsewhere, if a failover overtook it).
  #moving(group: number): boolean {
    const m = this.#started.get(group);
    if (m === undefined) return false;
    const leader = this.arch.groups[group].leader;
    if (leader === m.to || (leader >= 0 && leader !== m.from)) {
      this.#started.delete(group);
      return false;
    }
    return true;
  }
}

class DisklessScaler implements Scaler {
  constructor(readonly arch: DisklessArchitecture) {}

  holdOut(brokers: readonly number[]): void {
    // Agents hold no state: one that has not joined yet is simply not running.
    for (const b of brokers) this.arch.crashBroker(b);
  }

  join(brokers: readonly number[]): void {
    for (const b of brokers) this.arch.restartBroker(b);
  }

  leave(brokers: readonly number[]): void {
    // The model has no graceful drain: a leaving agent stops, and requests it buffered unacknowledged are retried.
    for (const b of brokers) this.arch.crashBroker(b);
  }

  pump(): boolean {
    return true;
  }
}

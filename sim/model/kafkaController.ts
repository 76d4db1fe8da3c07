// The KRaft controller's part of the classic model: it fences brokers it stops hearing from, elects leaders from the
// ISR (or, with unclean election, from any live replica, counting the acknowledged records that loses), restores
// preferred leaders, runs retention and drives reassignments, acting on the architecture's state.

import { InputError } from "../errors.ts";
import type { KafkaArchitecture } from "./kafka.ts";
import { CacheClockIndex } from "./pageCache.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import { ProduceError } from "./world.ts";

/** Controller event kinds: delivered to the architecture's actor, handled here. */
export const ControllerEvent = { electionDue: 22, retentionCheck: 23, rebalanceCheck: 24 } as const;

/** Leadership, membership and retention decisions for a KafkaArchitecture. */
export class KafkaController {
  constructor(readonly arch: KafkaArchitecture) {}

  /** Crashes a broker: its connections drop and the controller notices after broker.session.timeout.ms. */
  crashBroker(broker: number, volumeLost: boolean): void {
    const b = this.arch.brokers[broker];
    if (!b.up) return;
    b.up = false;
    b.volumeLost = volumeLost;
    this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: volumeLost ? "broker lost with its volume" : "broker crashed", broker });
    this.arch.world.network.setHostDown(b.host, true);
    for (const p of b.pending) this.arch.producers.fail(p.request, ProduceError.notLeader);
    b.pending = [];
    if (volumeLost) b.volume.dropDirty();
    this.arch.world.engine.send(this.arch.actor, ControllerEvent.electionDue, this.arch.config.brokerSessionTimeoutMicros, broker);
  }

  /** Brings a crashed broker back (a replacement when its volume was lost): it rejoins as a follower and catches up. */
  restartBroker(broker: number): void {
    const b = this.arch.brokers[broker];
    if (b.up) return;
    // A broker back before the session timeout is a new incarnation: the controller fences the old one and moves
    // its leaderships first, as KRaft does on re-registration, so it never leads with a log it may have lost.
    if (b.led.length > 0) this.electAwayFrom(broker);
    b.up = true;
    b.cache.clear();
    this.arch.world.network.setHostDown(b.host, false);
    const compression = this.arch.world.workload.producer.compressionRatio;
    let elected = 0;
    for (const g of this.arch.groups) {
      const ri = g.replicaIndex(broker);
      if (ri < 0) continue;
      if (g.leader < 0 && g.inSync[ri] && !b.volumeLost) {
        // Unfenced, the broker is the last in-sync replica of a leaderless partition: the controller elects it.
        this.#becomeLeader(g, ri, compression);
        elected += g.partitions;
        continue;
      }
      g.inSync[ri] = false;
      if (b.volumeLost) {
        const start = this.arch.replicaStartOffset(g);
        g.replicaLeo[ri] = start;
        g.reportedLeo[ri] = start;
        g.knownHw[ri] = start;
      }
    }
    this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: b.volumeLost ? "replacement broker started empty" : "broker restarted", broker });
    if (elected > 0) this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: `last in-sync replica back: ${elected} partitions online again`, broker });
    b.volumeLost = false;
    this.arch.refreshLeadership();
  }

  /** Moves a group's replica from one broker to another: the new replica copies the whole log, then the old leaves. */
  reassign(groupId: number, fromBroker: number, toBroker: number): void {
    const g = this.arch.groups[groupId];
    if (!g) throw new InputError("reassign.group", groupId, `a group id below ${this.arch.groups.length}`);
    if (g.replicaIndex(fromBroker) < 0) throw new InputError("reassign.from", fromBroker, `a replica of group ${groupId}`);
    if (g.replicaIndex(toBroker) >= 0) throw new InputError("reassign.to", toBroker, `a broker not already a replica of group ${groupId}`);
    const ri = g.addReplica(toBroker);
    const start = this.arch.replicaStartOffset(g);
    g.replicaLeo[ri] = start;
    g.reportedLeo[ri] = start;
    g.knownHw[ri] = start;
    this.arch.cacheClocks[groupId].push(new CacheClockIndex());
    this.arch.fetchers.pendingRemovals.set(groupId, { from: fromBroker, to: toBroker, startedMicros: this.arch.world.engine.nowMicros, bytes: g.leo - start });
    this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: "reassignment started", group: groupId, broker: toBroker, bytes: g.leo - start });
    this.arch.refreshLeadership();
  }

  /** Called by the fetchers when a reassigned replica joined the ISR: the old replica leaves the group. */
  completeReassignment(groupId: number): void {
    const move = this.arch.fetchers.pendingRemovals.get(groupId);
    if (!move) return;
    this.arch.fetchers.pendingRemovals.delete(groupId);
    const g = this.arch.groups[groupId];
    const ri = g.replicaIndex(move.from);
    this.arch.cacheClocks[groupId].splice(ri, 1);
    g.removeReplica(move.from);
    if (g.leader === move.from) g.leader = move.to;
    this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: "reassignment completed", group: groupId, broker: move.to, bytes: move.bytes });
    this.arch.refreshLeadership();
  }

  /** The controller fences a broker it has not heard from and elects new leaders for its partitions. */
  electAwayFrom(broker: number): void {
    const b = this.arch.brokers[broker];
    if (b.up) return;
    const now = this.arch.world.engine.nowMicros;
    const compression = this.arch.world.workload.producer.compressionRatio;
    let offline = 0;
    for (const g of this.arch.groups) {
      const ri = g.replicaIndex(broker);
      if (ri < 0) continue;
      // KRaft never shrinks an ISR to empty: a fenced broker that was its last member stays in it, and the partition
      // waits leaderless for that broker to come back (or for an unclean election).
      if (g.inSyncCount() > 1 || !g.inSync[ri]) g.inSync[ri] = false;
      if (g.leader !== broker) continue;
      let next = -1;
      for (let i = 0; i < g.replicas.length; i++) {
        if (g.inSync[i] && this.arch.brokers[g.replicas[i]].up) {
          next = i;
          break;
        }
      }
      if (next < 0 && this.arch.config.uncleanLeaderElection) {
        for (let i = 0; i < g.replicas.length; i++) {
          if (this.arch.brokers[g.replicas[i]].up && (next < 0 || g.replicaLeo[i] > g.replicaLeo[next])) next = i;
        }
      }
      if (next < 0) {
        g.leader = -1;
        offline += g.partitions;
        continue;
      }
      // An unclean election makes the new leader the whole ISR.
      g.inSync[ri] = false;
      this.#becomeLeader(g, next, compression);
    }
    this.arch.world.timeline.push({ atMicros: now, what: offline > 0 ? `leaders elected; ${offline} partitions offline` : "leaders elected", broker });
    this.arch.refreshLeadership();
    for (const other of this.arch.brokers) if (other.up) this.arch.advanceHighWatermarks(other.index, other.led);
  }

  #becomeLeader(g: PartitionGroup, next: number, compression: number): void {
    const leo = g.replicaLeo[next];
    if (g.ackedEnd > leo) {
      // Acknowledged records the new leader never had: only an unclean election (or acks below all) loses them.
      this.arch.world.stats.ackedBytesLost += (g.ackedEnd - leo) * compression;
      this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: "acknowledged records lost", group: g.id, bytes: (g.ackedEnd - leo) * compression });
      g.ackedEnd = leo;
    }
    g.leader = g.replicas[next];
    g.leo = leo;
    g.index.truncateTo(leo);
    for (let i = 0; i < g.replicas.length; i++) {
      if (g.replicaLeo[i] > leo) g.replicaLeo[i] = leo;
      if (g.reportedLeo[i] > leo) g.reportedLeo[i] = leo;
    }
    g.reportedLeo[next] = leo;
    if (g.hw > leo) g.hw = leo;
    g.inSync[next] = true;
  }

  retentionCheck(): void {
    const now = this.arch.world.engine.nowMicros;
    const cutoff = now - this.arch.config.retentionMicros;
    if (cutoff > 0) {
      for (const g of this.arch.groups) {
        // Retention deletes whole segments: the log start moves in steps of one segment per partition.
        const segment = this.arch.config.segmentBytes * g.partitions;
        const expired = g.index.offsetAtTime(cutoff);
        const start = Math.floor(expired / segment) * segment;
        if (start > g.logStart) {
          g.logStart = Math.min(start, g.hw);
          g.index.trimBefore(g.logStart);
        }
      }
    }
    this.arch.world.engine.send(this.arch.actor, ControllerEvent.retentionCheck, this.arch.config.retentionCheckMicros);
  }

  /** auto.leader.rebalance.enable: the preferred (first) replica takes leadership back once it is in sync. */
  rebalanceCheck(): void {
    let moved = false;
    for (const g of this.arch.groups) {
      const preferred = g.replicas[0];
      if (g.leader === preferred || !this.arch.brokers[preferred].up || !g.inSync[0] || g.replicaLeo[0] < g.leo) continue;
      if (g.leader >= 0) {
        const old = this.arch.brokers[g.leader];
        // Requests still waiting on the old leader are answered NOT_LEADER and retried by the client.
        for (const p of old.pending) this.arch.producers.fail(p.request, ProduceError.notLeader);
        old.pending = [];
      }
      this.#becomeLeader(g, 0, this.arch.world.workload.producer.compressionRatio);
      moved = true;
    }
    if (moved) {
      this.arch.world.timeline.push({ atMicros: this.arch.world.engine.nowMicros, what: "preferred leaders restored" });
      this.arch.refreshLeadership();
    }
    this.arch.world.engine.send(this.arch.actor, ControllerEvent.rebalanceCheck, this.arch.config.leaderRebalanceMicros);
  }
}

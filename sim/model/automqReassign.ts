// Partition reassignment in AutoMQ, without copying data: the controller commits the change, the old leader closes
// the partition (flushing its open WAL batch and waiting for in-flight appends), force-uploads only its un-uploaded
// WAL data, commits the objects, and the new leader opens the partition from its metadata in S3 — "typically within
// about 1.5 seconds" for "a few hundred megabytes" (A3 "Partition reassignment"; the AutoMQ doc's six steps).

import type { Actor } from "../engine.ts";
import { InputError } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import type { AutomqBroker } from "./automqBroker.ts";

const Kind = { closeGroup: 1, moveCommitted: 2, moveOpened: 3 } as const;

/** A partition group on its way from one broker to another. */
interface Move {
  group: number;
  from: AutomqBroker;
  to: AutomqBroker;
  startedMicros: number;
  bytes: number;
  waiting: boolean;
}

/** Reassignments of one AutoMQ architecture (one engine actor). */
export class AutomqReassign implements Actor {
  readonly actor: number;
  readonly #moves = new Map<number, Move>();

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.reassign`, this);
  }

  /** Moves a group to another broker without copying data (see the file header). */
  start(groupId: number, toBroker: number): void {
    const arch = this.arch;
    const g = arch.groups[groupId];
    if (!Number.isSafeInteger(groupId) || !g) throw new InputError("reassign.group", groupId, `a group id below ${arch.groups.length}`);
    const to = arch.brokers[toBroker];
    if (!Number.isSafeInteger(toBroker) || !to) throw new InputError("reassign.to", toBroker, `a broker index below ${arch.brokers.length}`);
    if (g.leader < 0) throw new InputError("reassign.group", groupId, "a group that is online (not offline or already moving)");
    if (g.leader === toBroker) throw new InputError("reassign.to", toBroker, `a broker other than the group's leader (${g.leader})`);
    if (!to.up || !to.registered) throw new InputError("reassign.to", toBroker, "a live broker");
    if (!arch.brokers[g.leader].up) throw new InputError("reassign.group", groupId, "a group whose leader is up (a dead leader's partitions move by failover)");
    const now = arch.world.engine.nowMicros;
    this.#moves.set(groupId, { group: groupId, from: arch.brokers[g.leader], to, startedMicros: now, bytes: 0, waiting: false });
    arch.world.timeline.push({ atMicros: now, what: "reassignment started", group: groupId, broker: toBroker });
    // The controller commits the PartitionChangeRecord; the old leader sees it and starts closing the partition.
    arch.world.engine.send(this.actor, Kind.closeGroup, arch.config.metadataCommitMicros, groupId);
  }

  /** A broker made WAL data durable: a closing partition waiting for its last appends may now upload. */
  onDurable(b: AutomqBroker): void {
    if (this.#moves.size === 0) return;
    for (const move of this.#moves.values()) {
      if (move.waiting && move.from === b && this.arch.groups[move.group].hw >= this.arch.groups[move.group].leo) this.#forceUpload(move);
    }
  }

  receive(kind: number, a: number, _b: number, ref: unknown): void {
    switch (kind) {
      case Kind.closeGroup:
        return this.#closeGroup(a);
      case Kind.moveCommitted:
        return this.#moveOpen(a);
      case Kind.moveOpened:
        return this.#moveOpened(ref as Move);
      default:
        throw new Error(`${this.arch.name}.reassign: unexpected event kind ${kind}`);
    }
  }

  #closeGroup(groupId: number): void {
    const move = this.#moves.get(groupId);
    if (!move) return;
    const arch = this.arch;
    const g = arch.groups[groupId];
    const from = move.from;
    from.led.splice(from.led.indexOf(groupId), 1);
    g.leader = -1;
    arch.recomputeRoutes();
    arch.wal.flushNow(from);
    move.waiting = true;
    if (g.hw >= g.leo) this.#forceUpload(move);
  }

  #forceUpload(move: Move): void {
    move.waiting = false;
    const arch = this.arch;
    const commit = (): void => arch.world.engine.send(this.actor, Kind.moveCommitted, arch.config.metadataCommitMicros, move.group);
    const u = arch.uploader.upload(move.from, [move.group], move.from.host, false, commit);
    move.bytes = u ? u.bytes : 0;
    if (!u) commit();
  }

  // The new leader reads the partition's metadata from S3 and opens it.
  #moveOpen(groupId: number): void {
    const move = this.#moves.get(groupId);
    if (!move) return;
    const arch = this.arch;
    arch.store.get(move.to.host, arch.config.partitionMetaBytes, arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.moveOpened, 0, 0, move, Kind.moveOpened);
  }

  #moveOpened(move: Move): void {
    if (this.#moves.get(move.group) !== move) return;
    this.#moves.delete(move.group);
    const arch = this.arch;
    arch.moveGroup(move.group, move.to);
    const now = arch.world.engine.nowMicros;
    arch.world.timeline.push({ atMicros: now, what: `reassignment completed in ${((now - move.startedMicros) / 1e6).toFixed(3)} s`, group: move.group, broker: move.to.index, bytes: move.bytes });
  }
}

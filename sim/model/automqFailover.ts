// Broker loss in AutoMQ, where no data is copied between brokers. A crashed broker is fenced after the session
// timeout; the controller's failover task (every second) hands its WAL to a live broker — S3 WAL objects are read
// back, a block volume is re-attached (in the same zone for EBS) — which uploads what was not yet in S3 and lets the
// partitions reopen elsewhere (A3 "Broker failure / replacement"; FailoverControlManager.java).

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import { WAL_OBJECT_FIELDS, type AutomqBroker } from "./automqBroker.ts";

const Kind = { fenced: 1, scan: 2, attached: 3, walRead: 4, volumeRead: 5, commitRecovery: 6, opened: 7 } as const;

/** A dead broker's WAL being recovered by target; its groups reopen on the broker itself or spread over live ones. */
interface Recovery {
  id: number;
  dead: AutomqBroker;
  target: AutomqBroker;
  groups: number[];
  owners: AutomqBroker[];
  self: boolean;
  pending: number;
  bytes: number;
}

/** Crash, fencing, WAL failover and restart for one AutoMQ architecture (one engine actor). */
export class AutomqFailover implements Actor {
  readonly actor: number;
  readonly #recoveries = new Map<number, Recovery>();
  #nextId = 1;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.failover`, this);
  }

  /** Kills a broker; with volumeLost its block WAL volume is gone too (no effect for the S3 WAL). */
  crash(b: AutomqBroker, volumeLost: boolean): void {
    if (!b.up) return;
    const arch = this.arch;
    b.up = false;
    b.epoch++;
    // A regional disk keeps a copy in another zone, and the S3 WAL has no volume: only a zonal EBS WAL can be lost.
    b.volumeLost = volumeLost && arch.config.walKind === "ebs";
    arch.world.timeline.push({ atMicros: arch.world.engine.nowMicros, what: b.volumeLost ? "broker lost with its WAL volume" : "broker crashed", broker: b.index });
    arch.world.network.setHostDown(b.host, true);
    arch.requests.failAll(b.index);
    arch.router.dropOpen(b);
    arch.wal.dropVolatile(b);
    b.uploading = false;
    for (const gi of b.led) {
      const g = arch.groups[gi];
      // Appended but not durable: never acknowledged, so simply gone.
      g.leo = g.hw;
      g.index.truncateTo(g.hw);
      arch.uploadingEnd[gi] = arch.uploadedEnd[gi];
    }
    b.failover = 1;
    arch.reads.resetSubscriptions();
    arch.world.engine.send(this.actor, Kind.fenced, arch.config.brokerSessionTimeoutMicros, b.index, b.epoch);
  }

  /** Brings a crashed broker back; if nobody has taken its WAL yet it recovers the WAL itself and keeps its
   * partitions, otherwise it comes back empty (AutoBalancer moving load back is not modelled). */
  restart(b: AutomqBroker): void {
    if (b.up) return;
    const arch = this.arch;
    b.up = true;
    b.registered = true;
    b.epoch++;
    arch.world.network.setHostDown(b.host, false);
    b.logCache.clear();
    b.snapshotCache.clear();
    b.blockCache.clear();
    arch.world.timeline.push({ atMicros: arch.world.engine.nowMicros, what: "broker restarted", broker: b.index });
    if (b.failover === 1) {
      this.#recover(b, b, b.led.slice(), true);
      return;
    }
    arch.recomputeRoutes();
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    const arch = this.arch;
    switch (kind) {
      case Kind.fenced:
        return this.#fenced(arch.brokers[a], b);
      case Kind.scan:
        return this.#scan(arch.brokers[a], b);
      case Kind.attached:
        return this.#readWal(ref as Recovery);
      case Kind.walRead:
        return this.#walRead(ref as Recovery | undefined);
      case Kind.volumeRead:
        return this.#walRead(this.#recoveries.get(a));
      case Kind.commitRecovery:
        return this.#openAll(ref as Recovery);
      case Kind.opened:
        return this.#opened(ref as Recovery);
      default:
        throw new Error(`${arch.name}.failover: unexpected event kind ${kind}`);
    }
  }

  #fenced(b: AutomqBroker, epoch: number): void {
    if (b.epoch !== epoch || b.up) return;
    const arch = this.arch;
    b.registered = false;
    for (const gi of b.led) arch.groups[gi].leader = -1;
    arch.world.timeline.push({ atMicros: arch.world.engine.nowMicros, what: "broker fenced; its partitions are offline", broker: b.index });
    arch.recomputeRoutes();
    this.#nextScan(b);
  }

  #nextScan(b: AutomqBroker): void {
    const interval = this.arch.config.failoverScanIntervalMicros;
    const now = this.arch.world.engine.nowMicros;
    this.arch.world.engine.send(this.actor, Kind.scan, interval - (now % interval), b.index, b.epoch);
  }

  #scan(dead: AutomqBroker, epoch: number): void {
    if (dead.epoch !== epoch || dead.up || dead.failover !== 1) return;
    const arch = this.arch;
    const n = arch.brokers.length;
    // An EBS volume attaches only to an instance in its own zone; S3 and regional WALs can be opened anywhere.
    const sameZone = arch.config.walKind === "ebs" && !dead.volumeLost;
    let target: AutomqBroker | undefined;
    for (let i = 1; i < n && !target; i++) {
      const c = arch.brokers[(dead.index + i) % n];
      if (c.up && c.registered && c.failover === 0 && (!sameZone || c.zone === dead.zone)) target = c;
    }
    if (!target) return this.#nextScan(dead);
    this.#recover(dead, target, dead.led.slice(), false);
  }

  #recover(dead: AutomqBroker, target: AutomqBroker, groups: number[], self: boolean): void {
    const arch = this.arch;
    dead.failover = 2;
    const rec: Recovery = { id: this.#nextId++, dead, target, groups, owners: [], self, pending: 0, bytes: 0 };
    for (const gi of groups) rec.bytes += Math.max(0, arch.groups[gi].hw - arch.uploadedEnd[gi]);
    arch.world.timeline.push({ atMicros: arch.world.engine.nowMicros, what: self ? "broker recovers its own WAL" : "failover: WAL handed to another broker", broker: target.index, bytes: rec.bytes });
    if (dead.volumeLost) {
      this.#loseUnuploaded(rec);
      return this.#commit(rec);
    }
    if (rec.bytes <= 0) return this.#commit(rec);
    const attach = dead.volume && !self ? arch.config.volumeAttachMicros : 0;
    arch.world.engine.send(this.actor, Kind.attached, attach, 0, 0, rec);
  }

  // The recovering broker reads the un-uploaded WAL data: the block volume in recoveryBatchBytes reads, or the S3 WAL
  // objects not yet trimmed.
  #readWal(rec: Recovery): void {
    const arch = this.arch;
    const dead = rec.dead;
    if (dead.volume) {
      this.#recoveries.set(rec.id, rec);
      for (let left = rec.bytes; left > 0; left -= arch.config.recoveryBatchBytes) {
        rec.pending++;
        dead.volume.read(Math.ceil(Math.min(left, arch.config.recoveryBatchBytes)), this.actor, Kind.volumeRead, rec.id);
      }
      return;
    }
    const objects = dead.walObjects;
    for (let i = 0; i < objects.length; i += WAL_OBJECT_FIELDS) {
      rec.pending++;
      arch.store.get(rec.target.host, objects[i + 1], arch.nextPrefix(), FlowClass.recovery, this.actor, Kind.walRead, 0, 0, rec, Kind.walRead);
      // Link records are resolved by reading the router channel ranges they point to (DefaultLinkRecordDecoder): one
      // ranged GET per channel object's worth.
      const piece = arch.config.routerBatchBytesMax;
      for (let left = objects[i + 2]; left > 0; left -= piece) {
        rec.pending++;
        arch.store.get(rec.target.host, Math.ceil(Math.min(left, piece)), arch.nextPrefix(), FlowClass.recovery, this.actor, Kind.walRead, 0, 0, rec, Kind.walRead);
      }
    }
    if (rec.pending === 0) this.#upload(rec);
  }

  #walRead(rec: Recovery | undefined): void {
    if (!rec || --rec.pending > 0) return;
    this.#recoveries.delete(rec.id);
    this.#upload(rec);
  }

  #upload(rec: Recovery): void {
    const arch = this.arch;
    const u = arch.uploader.upload(rec.dead, rec.groups, rec.target.host, false, () => this.#commit(rec));
    if (!u) this.#commit(rec);
  }

  // A lost single-zone EBS WAL takes its un-uploaded data along, acknowledged or not.
  #loseUnuploaded(rec: Recovery): void {
    const arch = this.arch;
    const compression = arch.world.workload.producer.compressionRatio;
    for (const gi of rec.groups) {
      const g = arch.groups[gi];
      const kept = arch.uploadedEnd[gi];
      if (g.ackedEnd > kept) {
        const lost = (g.ackedEnd - kept) * compression;
        arch.world.stats.ackedBytesLost += lost;
        arch.world.timeline.push({ atMicros: arch.world.engine.nowMicros, what: "acknowledged records lost", group: gi, bytes: lost });
        g.ackedEnd = kept;
      }
      g.hw = Math.min(g.hw, kept);
      g.leo = g.hw;
      g.index.truncateTo(g.hw);
      arch.uploadingEnd[gi] = kept;
    }
  }

  // The controller commits the recovery and the new leaders; each partition is opened (its metadata read from S3)
  // on its new broker.
  #commit(rec: Recovery): void {
    const arch = this.arch;
    const dead = rec.dead;
    if (!rec.self) {
      // The dead broker's WAL is now empty and released; a replacement starts a fresh one.
      dead.walAppended = dead.walDurable = dead.walUploaded = 0;
      let bytes = 0;
      for (let i = 1; i < dead.walObjects.length; i += WAL_OBJECT_FIELDS) bytes += dead.walObjects[i];
      if (bytes > 0) arch.store.delete(bytes, arch.nextPrefix(), dead.walObjects.length / WAL_OBJECT_FIELDS);
      dead.walObjects = [];
      // Channel objects its link records pointed to are no longer needed.
      arch.router.uploaded(dead);
    }
    const live = rec.self ? [dead] : arch.brokers.filter((b) => b.up && b.registered && b !== dead);
    if (live.length === 0) {
      dead.failover = 1;
      return this.#nextScan(dead);
    }
    rec.owners = rec.groups.map((_, i) => live[(dead.index + i) % live.length]);
    arch.world.engine.send(this.actor, Kind.commitRecovery, arch.config.metadataCommitMicros, 0, 0, rec);
  }

  #openAll(rec: Recovery): void {
    const arch = this.arch;
    rec.pending = rec.groups.length;
    if (rec.pending === 0) return this.#opened(rec);
    rec.pending++;
    for (const owner of rec.owners) {
      arch.store.get(owner.host, arch.config.partitionMetaBytes, arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.opened, 0, 0, rec, Kind.opened);
    }
    this.#opened(rec);
  }

  #opened(rec: Recovery): void {
    if (--rec.pending > 0) return;
    const arch = this.arch;
    const dead = rec.dead;
    rec.groups.forEach((gi, i) => arch.moveGroup(gi, rec.owners[i]));
    dead.failover = 0;
    arch.world.timeline.push({ atMicros: arch.world.engine.nowMicros, what: rec.self ? "partitions reopened on the restarted broker" : "failover done; partitions reopened", broker: dead.index, bytes: rec.bytes });
  }
}

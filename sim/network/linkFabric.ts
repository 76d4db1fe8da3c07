// Every link of the network and which transfers each is serving: two NIC links per host (egress, ingress) and,
// only while a zone pair is narrowed by a bandwidth impairment, a path link per direction between the two zones.
// Links keep no events of their own: each link's next due time sits in one heap, and the network's wake timer is
// asked for a wake-up by the earliest, so a lone transfer's egress and ingress, finishing together, cost one event.

import type { Engine } from "../engine.ts";
import type { Micros } from "../units.ts";
import type { ImpairmentScope } from "./impairment.ts";
import type { ImpairmentState } from "./impairmentState.ts";
import { DueHeap } from "./dueHeap.ts";
import { PsLink } from "./psLink.ts";
import { TransferState, type TransferTable } from "./transferTable.ts";
import type { WakeTimer } from "./wakeTimer.ts";

/** Whom the fabric asks for wake-ups and tells when a transfer has left every link. */
export interface FabricWiring {
  engine: Engine;
  /** The network's timer; the fabric asks it for a wake-up by its earliest due time. */
  wakes: WakeTimer;
  table: TransferTable;
  state: ImpairmentState;
  zones: number;
  /** Configured capacity of each directed zone-pair path, in bytes/s, or undefined to derive it from the hosts. */
  pairBytesPerSecond: number | undefined;
  /** Host zones, indexed by host id (the network's own array, shared). */
  zoneOf: readonly number[];
  /** Called when a link has served every byte of a transfer; the network decrements its pending count. */
  linkServed: (id: number) => void;
}

/** The set of processor-sharing links and the transfers on them. */
export class LinkFabric {
  readonly #w: FabricWiring;
  readonly #links: PsLink[] = [];
  readonly #egressLink: number[] = [];
  readonly #ingressLink: number[] = [];
  readonly #egressBase: number[] = [];
  readonly #ingressBase: number[] = [];
  /** Link id per directed zone pair (zoneFrom × zones + zoneTo), or -1 before its first narrowing. */
  readonly #pathLinkOf: Int32Array;
  /** Each link's next due time in whole µs (Infinity while idle), ids as in #links. */
  readonly #due = new DueHeap();

  constructor(wiring: FabricWiring) {
    this.#w = wiring;
    this.#pathLinkOf = new Int32Array(wiring.zones * wiring.zones).fill(-1);
  }

  /** Creates a host's NIC links, capacities in bytes/s. */
  addHost(egressBytesPerSecond: number, ingressBytesPerSecond: number): void {
    this.#egressBase.push(egressBytesPerSecond);
    this.#ingressBase.push(ingressBytesPerSecond);
    this.#egressLink.push(this.#addLink(egressBytesPerSecond));
    this.#ingressLink.push(this.#addLink(ingressBytesPerSecond));
  }

  /** Puts a transfer of bytes (> 0) on its NIC links, and on its path link if the pair is narrowed now. */
  join(id: number, from: number, to: number, bytes: number): void {
    const t = this.#w.table;
    const now = this.#w.engine.nowMicros;
    const egress = this.#egressLink[from];
    const ingress = this.#ingressLink[to];
    t.egressEntry[id] = this.#links[egress].add(now, id, bytes);
    t.ingressEntry[id] = this.#links[ingress].add(now, id, bytes);
    t.pending[id] += 2;
    this.#schedule(egress, now);
    this.#schedule(ingress, now);
    const pair = this.#w.state.pairKey(this.#w.zoneOf[from], this.#w.zoneOf[to]);
    if (pair >= 0 && this.#w.state.pairs.factor[pair] !== 1) this.#joinPath(id, pair, bytes);
  }

  /** Takes an aborted transfer off every link it is on. */
  leave(id: number): void {
    const t = this.#w.table;
    if (t.egressEntry[id] >= 0) this.#cancel(this.#egressLink[t.from[id]], t.egressEntry[id]);
    if (t.ingressEntry[id] >= 0) this.#cancel(this.#ingressLink[t.to[id]], t.ingressEntry[id]);
    if (t.pathEntry[id] >= 0) this.#cancel(t.pathLink[id], t.pathEntry[id]);
    t.egressEntry[id] = -1;
    t.ingressEntry[id] = -1;
    t.pathEntry[id] = -1;
  }

  /** When the next link finishes serving something, in whole µs; Infinity when every link is idle. */
  nextDueMicros(): Micros {
    return this.#due.topKey();
  }

  /** Every link due by now reports the transfers it has finished serving; afterwards none is due by now. */
  serveDue(now: Micros): void {
    const t = this.#w.table;
    const due = this.#due;
    while (due.topKey() <= now) {
      const linkId = due.top();
      const link = this.#links[linkId];
      for (let id = link.popDue(now); id >= 0; id = link.popDue(now)) {
        if (linkId === this.#egressLink[t.from[id]]) t.egressEntry[id] = -1;
        else if (linkId === this.#ingressLink[t.to[id]]) t.ingressEntry[id] = -1;
        else t.pathEntry[id] = -1;
        this.#w.linkServed(id);
      }
      // Whatever is left finishes after now (popDue took every entry due by now), so this loop ends.
      due.set(linkId, this.#dueMicros(link, now));
    }
  }

  /** Re-reads bandwidth factors into the capacities of every link a scope covers. */
  refreshScope(scope: ImpairmentScope): void {
    const zones = this.#w.zones;
    if (scope.kind === "zonePair") {
      this.refreshPath(scope.zoneA * zones + scope.zoneB);
      this.refreshPath(scope.zoneB * zones + scope.zoneA);
      return;
    }
    for (let host = 0; host < this.#w.zoneOf.length; host++) {
      if (scope.kind === "host" ? host === scope.host : this.#w.zoneOf[host] === scope.zone) this.refreshHost(host);
    }
  }

  /** Re-reads a host's bandwidth factors (host × zone) into its NIC capacities. */
  refreshHost(host: number): void {
    const factor = this.#w.state.hostFactor(host, this.#w.zoneOf[host]);
    this.#setCapacity(this.#egressLink[host], this.#egressBase[host] * factor);
    this.#setCapacity(this.#ingressLink[host], this.#ingressBase[host] * factor);
  }

  /**
   * Re-reads a directed pair's factor. When it narrows, transfers already crossing join its path link with what
   * their slower NIC link has left; when it recovers, they leave it and hand any bytes the path still owed back
   * to their NIC links, so the narrowing costs exactly the window it lasted.
   */
  refreshPath(pair: number): void {
    const factor = this.#w.state.pairs.factor[pair];
    if (factor === 1 && this.#pathLinkOf[pair] < 0) return;
    const linkId = this.#pathLinkId(pair);
    this.#setCapacity(linkId, this.#pathCapacity(pair, factor));
    const t = this.#w.table;
    const now = this.#w.engine.nowMicros;
    const { zoneOf, state } = this.#w;
    for (let id = 0; id < t.used; id++) {
      if (t.state[id] !== TransferState.serving) continue;
      if (factor === 1) {
        if (t.pathLink[id] === linkId) this.#leavePath(id, linkId);
        continue;
      }
      if (t.pathLink[id] >= 0 || state.pairKey(zoneOf[t.from[id]], zoneOf[t.to[id]]) !== pair) continue;
      const remaining = Math.max(this.#remaining(this.#egressLink[t.from[id]], t.egressEntry[id], now),
        this.#remaining(this.#ingressLink[t.to[id]], t.ingressEntry[id], now));
      if (remaining > 0) this.#joinPath(id, pair, remaining);
    }
  }

  #leavePath(id: number, linkId: number): void {
    const t = this.#w.table;
    const now = this.#w.engine.nowMicros;
    const owed = this.#remaining(linkId, t.pathEntry[id], now);
    this.#cancel(linkId, t.pathEntry[id]);
    t.pathEntry[id] = -1;
    t.pathLink[id] = -1;
    t.egressEntry[id] = this.#topUp(id, this.#egressLink[t.from[id]], t.egressEntry[id], owed);
    t.ingressEntry[id] = this.#topUp(id, this.#ingressLink[t.to[id]], t.ingressEntry[id], owed);
    this.#w.linkServed(id);
  }

  /** Makes a NIC link owe the transfer at least `owed` bytes; returns the (possibly new) entry handle. */
  #topUp(id: number, linkId: number, entry: number, owed: number): number {
    const link = this.#links[linkId];
    const now = this.#w.engine.nowMicros;
    // Sub-µ-byte differences are float residue, not owed work.
    if (this.#remaining(linkId, entry, now) + 1e-6 >= owed) return entry;
    if (entry >= 0) link.cancel(now, entry);
    else this.#w.table.pending[id]++;
    const topped = link.add(now, id, owed);
    this.#schedule(linkId);
    return topped;
  }

  #remaining(linkId: number, entry: number, now: Micros): number {
    return entry >= 0 ? this.#links[linkId].remainingBytes(now, entry) : 0;
  }

  #joinPath(id: number, pair: number, bytes: number): void {
    const t = this.#w.table;
    const linkId = this.#pathLinkId(pair);
    t.pathLink[id] = linkId;
    t.pathEntry[id] = this.#links[linkId].add(this.#w.engine.nowMicros, id, bytes);
    t.pending[id]++;
    this.#schedule(linkId);
  }

  #pathLinkId(pair: number): number {
    let linkId = this.#pathLinkOf[pair];
    if (linkId < 0) {
      linkId = this.#addLink(this.#pathCapacity(pair, this.#w.state.pairs.factor[pair]));
      this.#pathLinkOf[pair] = linkId;
    }
    return linkId;
  }

  /**
   * Capacity of a directed pair's path in bytes/s. Without a configured figure it is the most the hosts could
   * ever push across — the lesser of the source zone's total egress and the target zone's total ingress — so
   * factor 1 never slows anything and factor 0.5 halves what can cross.
   */
  #pathCapacity(pair: number, factor: number): number {
    if (this.#w.pairBytesPerSecond !== undefined) return this.#w.pairBytesPerSecond * factor;
    const zoneFrom = Math.floor(pair / this.#w.zones);
    const zoneTo = pair % this.#w.zones;
    let egress = 0;
    let ingress = 0;
    for (let host = 0; host < this.#w.zoneOf.length; host++) {
      if (this.#w.zoneOf[host] === zoneFrom) egress += this.#egressBase[host];
      if (this.#w.zoneOf[host] === zoneTo) ingress += this.#ingressBase[host];
    }
    // A zone with no hosts has nothing to carry; any positive capacity keeps the link well defined.
    return Math.max(Math.min(egress, ingress), 1) * factor;
  }

  #cancel(linkId: number, entry: number): void {
    this.#links[linkId].cancel(this.#w.engine.nowMicros, entry);
    this.#schedule(linkId);
  }

  #setCapacity(linkId: number, bytesPerSecond: number): void {
    this.#links[linkId].setCapacity(this.#w.engine.nowMicros, bytesPerSecond);
    this.#schedule(linkId);
  }

  #addLink(bytesPerSecond: number): number {
    const linkId = this.#links.push(new PsLink(bytesPerSecond)) - 1;
    this.#due.add();
    return linkId;
  }

  /** Records a link's next due time after a change to it, and makes sure a wake-up comes by the earliest. */
  #schedule(linkId: number, now: Micros = this.#w.engine.nowMicros): void {
    this.#due.set(linkId, this.#dueMicros(this.#links[linkId], now));
    const due = this.#due.topKey();
    if (due !== Number.POSITIVE_INFINITY) this.#w.wakes.request(due);
  }

  #dueMicros(link: PsLink, now: Micros): number {
    const due = link.nextDueMicros();
    if (due < 0) return Number.POSITIVE_INFINITY;
    return due > now ? due : now;
  }
}

// The network every model moves bytes over: hosts with an egress and an ingress NIC link, grouped into zones, plus
// regional services (zone -1, the object store endpoint). Each link is a processor-sharing server (psLink.ts); a
// transfer is served by all its links at once, completes when the slowest has served every byte, then arrives one
// one-way latency later. Impairment windows (impairment.ts) cut, slow, delay or make lossy whatever they cover.
//
// Why decoupled processor-sharing links rather than a global max-min fair share (as SimGrid computes): each link
// shares itself equally among its own transfers, ignoring whether a transfer is held back elsewhere. That is exact
// for a transfer on one link and for a lone transfer on several; against max-min it can over-serve a flow on a
// link that is not its bottleneck (a slower link elsewhere decides its finish anyway, but the share it was given
// here is not handed to others). In exchange every transfer costs O(log n) per link and nothing is re-solved
// globally, which keeps 1 GiB/s over hours of simulated time cheap. Sharing, not FIFO, is the point: a 1 TiB
// recovery transfer never blocks a 1 MiB produce request queued behind it.

import type { Actor, Engine } from "../engine.ts";
import { InputError, requireFinite, requireNonNegativeInteger, requirePositive } from "../errors.ts";
import type { Rng } from "../random.ts";
import type { Micros } from "../units.ts";
import { ByteLedger } from "./byteLedger.ts";
import { FLOW_CLASS_COUNT, LOCALITY_COUNT, REGIONAL_ZONE, localityOf } from "./flowClass.ts";
import { type Impairment, requireIndex, validateImpairment } from "./impairment.ts";
import { ImpairmentState } from "./impairmentState.ts";
import { PathLinks } from "./pathLinks.ts";
import { PsLink } from "./psLink.ts";
import { mathisBytesPerSecond, retransmitProbability, retransmitTimeoutMicros } from "./tcpModel.ts";
import { TransferState, TransferTable } from "./transferTable.ts";

/** One host's NIC. Bandwidths in bytes/s; zone in 0..zones-1, or -1 for a regional service (object store). */
export interface HostSpec {
  name: string;
  zone: number;
  egressBytesPerSecond: number;
  ingressBytesPerSecond: number;
}

/** Shape and defaults of the network; latencies are one-way, in µs. */
export interface NetworkConfig {
  zones: number;
  sameZoneLatencyMicros?: Micros;
  crossZoneLatencyMicros?: Micros;
  /** Width of the per-interval byte buckets, in µs. */
  intervalMicros?: Micros;
  /** Capacity of the cross-zone path between two zones, each direction, in bytes/s, before any bandwidthFactor;
   * by default the most the hosts could push across it (min of the source zone's egress, target zone's ingress). */
  zonePairBytesPerSecond?: number;
}

/** One-way same-zone latency, in µs [D]: half the midpoint of same-AZ ping averages 0.259–0.410 ms RTT in
 * us-east-1 (orensol.com 2009, architectures.md B3). */
export const SAME_ZONE_LATENCY_MICROS_DEFAULT: Micros = 167;
/** One-way cross-zone latency, in µs [D]: half the midpoint of cross-AZ ping averages 0.937–1.126 ms RTT in
 * us-east-1 (orensol.com 2009, architectures.md B3). */
export const CROSS_ZONE_LATENCY_MICROS_DEFAULT: Micros = 516;
/** Default width of the per-interval byte buckets: one simulated second, in µs. */
export const NETWORK_INTERVAL_MICROS_DEFAULT: Micros = 1_000_000;

const Kind = { linkDue: 0, arrived: 1, rateFloorDone: 2, impairmentBegin: 3, impairmentEnd: 4 } as const;

/** The simulated network; registers itself as engine actor "network". */
export class Network implements Actor {
  readonly zones: number;
  readonly sameZoneLatencyMicros: Micros;
  readonly crossZoneLatencyMicros: Micros;
  readonly #engine: Engine;
  readonly #rng: Rng;
  readonly #self: number;
  readonly #names: string[] = [];
  readonly #zoneOf: number[] = [];
  readonly #egressBase: number[] = [];
  readonly #ingressBase: number[] = [];
  /** Every link; host h's NIC links are `#egressLink[h]` and `#ingressLink[h]`, path links are appended lazily. */
  readonly #links: PsLink[] = [];
  readonly #egressLink: number[] = [];
  readonly #ingressLink: number[] = [];
  readonly #paths: PathLinks;
  readonly #table = new TransferTable();
  readonly #ledger: ByteLedger;
  readonly #state: ImpairmentState;
  readonly #impairments: Impairment[] = [];
  readonly #active: Impairment[] = [];

  constructor(engine: Engine, rng: Rng, config: NetworkConfig) {
    if (typeof config !== "object" || config === null) throw new InputError("config", config, "a NetworkConfig object");
    this.zones = requirePositive("zones", config.zones);
    if (!Number.isInteger(this.zones)) throw new InputError("zones", config.zones, "a whole number > 0");
    this.sameZoneLatencyMicros = requireNonNegativeInteger(
      "sameZoneLatencyMicros",
      config.sameZoneLatencyMicros ?? SAME_ZONE_LATENCY_MICROS_DEFAULT,
    );
    this.crossZoneLatencyMicros = requireNonNegativeInteger(
      "crossZoneLatencyMicros",
      config.crossZoneLatencyMicros ?? CROSS_ZONE_LATENCY_MICROS_DEFAULT,
    );
    const intervalMicros = requireNonNegativeInteger("intervalMicros", config.intervalMicros ?? NETWORK_INTERVAL_MICROS_DEFAULT);
    if (intervalMicros === 0) throw new InputError("intervalMicros", 0, "a whole number of µs > 0");
    const pairBytesPerSecond = config.zonePairBytesPerSecond;
    if (pairBytesPerSecond !== undefined) requirePositive("zonePairBytesPerSecond", pairBytesPerSecond);
    this.#engine = engine;
    this.#rng = rng;
    this.#ledger = new ByteLedger(intervalMicros);
    this.#state = new ImpairmentState(this.zones);
    this.#paths = new PathLinks(this.zones, pairBytesPerSecond, this.#zoneOf, this.#egressBase, this.#ingressBase);
    this.#self = engine.register("network", this);
  }

  /** Adds a host and returns its id (0, 1, 2, … in call order). */
  addHost(spec: HostSpec): number {
    if (typeof spec !== "object" || spec === null) throw new InputError("host", spec, "a HostSpec object");
    if (typeof spec.name !== "string" || spec.name.length === 0) throw new InputError("host.name", spec.name, "a non-empty string");
    if (this.#names.includes(spec.name)) throw new InputError("host.name", spec.name, "a name not used by another host");
    requireFinite("host.zone", spec.zone);
    if (!Number.isInteger(spec.zone) || spec.zone < REGIONAL_ZONE || spec.zone >= this.zones) {
      throw new InputError("host.zone", spec.zone, `a zone from 0 to ${this.zones - 1}, or -1 for a regional service`);
    }
    const egress = requirePositive("host.egressBytesPerSecond", spec.egressBytesPerSecond);
    const ingress = requirePositive("host.ingressBytesPerSecond", spec.ingressBytesPerSecond);
    const host = this.#names.length;
    this.#names.push(spec.name);
    this.#zoneOf.push(spec.zone);
    this.#egressBase.push(egress);
    this.#ingressBase.push(ingress);
    this.#egressLink.push(this.#links.push(new PsLink(egress)) - 1);
    this.#ingressLink.push(this.#links.push(new PsLink(ingress)) - 1);
    this.#state.ensureHosts(host + 1);
    this.#ledger.ensureHosts(host + 1);
    return host;
  }

  /** Number of hosts added. */
  get hostCount(): number {
    return this.#names.length;
  }

  /** A host's name. */
  hostName(host: number): string {
    return this.#names[this.#requireHost("host", host)];
  }

  /** A host's zone, or -1 for a regional service. */
  zoneOf(host: number): number {
    return this.#zoneOf[this.#requireHost("host", host)];
  }

  /** False while a down impairment (on the host or its zone) or setHostDown covers the host. */
  isUp(host: number): boolean {
    this.#requireHost("host", host);
    return !this.#state.hostDown(host, this.#zoneOf[host]);
  }

  /** Transfers serving or in flight. */
  get activeTransfers(): number {
    return this.#table.live;
  }

  /** Bytes of aborted transfers so far (each transfer's full size). */
  get droppedBytes(): number {
    return this.#ledger.droppedBytes;
  }

  /**
   * Moves bytes from one host to another; delivers (notifyKind, a, b, ref) to notifyTarget when the last byte has
   * arrived, or (failKind, a, b, ref) if the transfer is aborted by a down impairment. Returns the transfer id (ids
   * are reused after completion), or -1 when the path is already down at the call (the failure is still notified).
   */
  transfer(
    from: number,
    to: number,
    bytes: number,
    flowClass: number,
    notifyTarget: number,
    notifyKind: number,
    a = 0,
    b = 0,
    ref?: unknown,
    failKind?: number,
  ): number {
    this.#requireHost("from", from);
    this.#requireHost("to", to);
    requireNonNegativeInteger("bytes", bytes);
    requireIndex("flowClass", flowClass, FLOW_CLASS_COUNT, "a FlowClass value");
    requireNonNegativeInteger("notifyTarget", notifyTarget);
    requireKind("notifyKind", notifyKind);
    requireFinite("a", a);
    requireFinite("b", b);
    if (failKind !== undefined) requireKind("failKind", failKind);
    const t = this.#table;
    const id = t.allocate();
    const zoneFrom = this.#zoneOf[from];
    const zoneTo = this.#zoneOf[to];
    t.from[id] = from;
    t.to[id] = to;
    t.bytes[id] = bytes;
    t.flowClass[id] = flowClass;
    t.locality[id] = localityOf(zoneFrom, zoneTo, from === to);
    t.state[id] = TransferState.serving;
    t.pending[id] = 0;
    t.notifyTarget[id] = notifyTarget;
    t.notifyKind[id] = notifyKind;
    t.failKind[id] = failKind ?? -1;
    t.argA[id] = a;
    t.argB[id] = b;
    t.ref[id] = ref;
    t.egressEntry[id] = -1;
    t.pathEntry[id] = -1;
    t.ingressEntry[id] = -1;
    t.pathLink[id] = -1;
    t.retransmitMicros[id] = 0;
    if (this.#state.pathDown(from, to, zoneFrom, zoneTo)) {
      this.#abort(id);
      return -1;
    }
    if (from !== to) this.#startOnLinks(id, from, to, bytes, zoneFrom, zoneTo);
    if (t.pending[id] === 0) this.#served(id);
    return id;
  }

  /** Schedules an impairment window; its begin and end are events of this actor. */
  addImpairment(impairment: Impairment): void {
    validateImpairment(impairment, this.hostCount, this.zones, this.#engine.nowMicros);
    const index = this.#impairments.length;
    this.#impairments.push({ ...impairment, scope: { ...impairment.scope } });
    this.#engine.sendAt(this.#self, Kind.impairmentBegin, impairment.fromMicros, index);
    if (impairment.untilMicros !== Number.POSITIVE_INFINITY) {
      this.#engine.sendAt(this.#self, Kind.impairmentEnd, impairment.untilMicros, index);
    }
  }

  /** Marks a host down or up at once (crash faults); going down aborts every transfer touching it. */
  setHostDown(host: number, down: boolean): void {
    this.#requireHost("host", host);
    if (typeof down !== "boolean") throw new InputError("down", down, "a boolean");
    this.#state.setManualDown(host, down);
    if (down) this.#abortCut();
  }

  /** Bytes delivered so far for a flow class and locality. */
  bytesMoved(flowClass: number, locality: number): number {
    requireIndex("flowClass", flowClass, FLOW_CLASS_COUNT, "a FlowClass value");
    requireIndex("locality", locality, LOCALITY_COUNT, "a Locality value");
    return this.#ledger.moved[flowClass * LOCALITY_COUNT + locality];
  }

  /** Bytes a host has sent and received through its NIC so far (delivered transfers only). */
  hostBytes(host: number): { egress: number; ingress: number } {
    this.#requireHost("host", host);
    return { egress: this.#ledger.hostEgress[host], ingress: this.#ledger.hostIngress[host] };
  }

  /** Per-interval delivered bytes per "flowClass.locality" series, plus "dropped"; plain copies. */
  intervalSnapshot(): { intervalMicros: number; names: string[]; values: Float64Array[] } {
    return this.#ledger.intervals.snapshot(this.#engine.nowMicros);
  }

  /** Engine entry point for the network's own timers. */
  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case Kind.linkDue:
        return this.#linkDue(a, b);
      case Kind.arrived:
        return this.#arrived(a, b);
      case Kind.rateFloorDone:
        return this.#rateFloorDone(a, b);
      case Kind.impairmentBegin:
        return this.#impairmentBegin(a);
      case Kind.impairmentEnd:
        return this.#impairmentEnd(a);
      default:
        throw new InputError("network event kind", kind, "a kind the network schedules for itself");
    }
  }

  #startOnLinks(id: number, from: number, to: number, bytes: number, zoneFrom: number, zoneTo: number): void {
    const t = this.#table;
    const now = this.#engine.nowMicros;
    const loss = this.#state.pathLossRatio(from, to, zoneFrom, zoneTo);
    if (loss > 0) {
      const rttMicros = 2 * (this.#baseLatencyMicros(zoneFrom, zoneTo) + this.#state.pathLatencyMicros(from, to, zoneFrom, zoneTo));
      if (this.#rng.chance(retransmitProbability(bytes, loss))) t.retransmitMicros[id] = retransmitTimeoutMicros(rttMicros);
      // The Mathis ceiling acts as one more link private to this flow: served alongside the shared links, it
      // only ever delays completion to bytes / ceiling, which fits the decoupled-links model exactly.
      const ceiling = mathisBytesPerSecond(rttMicros, loss);
      if (bytes > 0 && ceiling < Number.POSITIVE_INFINITY) {
        t.pending[id]++;
        this.#engine.send(this.#self, Kind.rateFloorDone, Math.ceil((bytes * 1e6) / ceiling), id, t.generation[id]);
      }
    }
    if (bytes === 0) return;
    const egress = this.#egressLink[from];
    const ingress = this.#ingressLink[to];
    t.egressEntry[id] = this.#links[egress].add(now, id, bytes);
    t.ingressEntry[id] = this.#links[ingress].add(now, id, bytes);
    t.pending[id] += 2;
    this.#schedule(egress);
    this.#schedule(ingress);
    const pair = this.#state.pairKey(zoneFrom, zoneTo);
    if (pair >= 0 && this.#state.pairs.factor[pair] !== 1) this.#joinPath(id, pair, bytes);
  }

  #joinPath(id: number, pair: number, bytes: number): void {
    const t = this.#table;
    const linkId = this.#pathLinkId(pair);
    t.pathLink[id] = linkId;
    t.pathEntry[id] = this.#links[linkId].add(this.#engine.nowMicros, id, bytes);
    t.pending[id]++;
    this.#schedule(linkId);
  }

  #pathLinkId(pair: number): number {
    let linkId = this.#paths.linkOf(pair);
    if (linkId < 0) {
      linkId = this.#links.push(new PsLink(this.#paths.capacity(pair, this.#state.pairs.factor[pair]))) - 1;
      this.#paths.setLink(pair, linkId);
    }
    return linkId;
  }

  #linkDue(linkId: number, generation: number): void {
    const link = this.#links[linkId];
    if (generation !== link.generation) return;
    link.scheduledMicros = -1;
    const now = this.#engine.nowMicros;
    const t = this.#table;
    for (let id = link.popDue(now); id >= 0; id = link.popDue(now)) {
      if (linkId === this.#egressLink[t.from[id]]) t.egressEntry[id] = -1;
      else if (linkId === this.#ingressLink[t.to[id]]) t.ingressEntry[id] = -1;
      else t.pathEntry[id] = -1;
      if (--t.pending[id] === 0) this.#served(id);
    }
    this.#schedule(linkId);
  }

  #rateFloorDone(id: number, generation: number): void {
    const t = this.#table;
    if (t.generation[id] !== generation || t.state[id] !== TransferState.serving) return;
    if (--t.pending[id] === 0) this.#served(id);
  }

  /** Every byte has left the sender's links: it arrives one one-way latency (plus any retransmission) later. */
  #served(id: number): void {
    const t = this.#table;
    t.state[id] = TransferState.flying;
    const from = t.from[id];
    const to = t.to[id];
    let delayMicros = 0;
    if (from !== to) {
      const zoneFrom = this.#zoneOf[from];
      const zoneTo = this.#zoneOf[to];
      delayMicros = this.#baseLatencyMicros(zoneFrom, zoneTo) + this.#state.pathLatencyMicros(from, to, zoneFrom, zoneTo);
      delayMicros += t.retransmitMicros[id];
    }
    this.#engine.send(this.#self, Kind.arrived, delayMicros, id, t.generation[id]);
  }

  #arrived(id: number, generation: number): void {
    const t = this.#table;
    if (t.generation[id] !== generation || t.state[id] !== TransferState.flying) return;
    const now = this.#engine.nowMicros;
    this.#ledger.delivered(now, t.flowClass[id], t.locality[id], t.from[id], t.to[id], t.bytes[id]);
    this.#engine.send(t.notifyTarget[id], t.notifyKind[id], 0, t.argA[id], t.argB[id], t.ref[id]);
    t.release(id);
  }

  /** Drops a transfer wherever it is, counts its bytes as dropped and tells the sender if it asked to be told. */
  #abort(id: number): void {
    const t = this.#table;
    const now = this.#engine.nowMicros;
    if (t.egressEntry[id] >= 0) this.#cancel(this.#egressLink[t.from[id]], t.egressEntry[id], now);
    if (t.ingressEntry[id] >= 0) this.#cancel(this.#ingressLink[t.to[id]], t.ingressEntry[id], now);
    if (t.pathEntry[id] >= 0) this.#cancel(t.pathLink[id], t.pathEntry[id], now);
    this.#ledger.dropped(now, t.bytes[id]);
    if (t.failKind[id] >= 0) this.#engine.send(t.notifyTarget[id], t.failKind[id], 0, t.argA[id], t.argB[id], t.ref[id]);
    t.release(id);
  }

  #cancel(linkId: number, entry: number, now: Micros): void {
    this.#links[linkId].cancel(now, entry);
    this.#schedule(linkId);
  }

  /** Aborts every live transfer whose path is now cut; runs only when something goes down. */
  #abortCut(): void {
    const t = this.#table;
    for (let id = 0; id < t.used; id++) {
      if (t.state[id] === TransferState.free) continue;
      const from = t.from[id];
      const to = t.to[id];
      if (this.#state.pathDown(from, to, this.#zoneOf[from], this.#zoneOf[to])) this.#abort(id);
    }
  }

  /** Keeps exactly one live completion event per busy link, at its next finishing time. */
  #schedule(linkId: number): void {
    const link = this.#links[linkId];
    const due = link.nextDueMicros();
    const at = due < 0 ? -1 : Math.max(due, this.#engine.nowMicros);
    if (at === link.scheduledMicros) return;
    link.generation++;
    link.scheduledMicros = at;
    if (at >= 0) this.#engine.sendAt(this.#self, Kind.linkDue, at, linkId, link.generation);
  }

  #impairmentBegin(index: number): void {
    const impairment = this.#impairments[index];
    this.#active.push(impairment);
    this.#applyChange(impairment);
  }

  #impairmentEnd(index: number): void {
    const impairment = this.#impairments[index];
    this.#active.splice(this.#active.indexOf(impairment), 1);
    this.#applyChange(impairment);
  }

  #applyChange(impairment: Impairment): void {
    this.#state.recompute(impairment.scope, this.#active);
    if (impairment.bandwidthFactor !== undefined) this.#refreshCapacity(impairment);
    if (impairment.down === true) this.#abortCut();
  }

  /** Re-reads bandwidth factors into the capacities of the links an impairment's scope covers. */
  #refreshCapacity(impairment: Impairment): void {
    const scope = impairment.scope;
    if (scope.kind === "zonePair") {
      this.#refreshPath(scope.zoneA * this.zones + scope.zoneB);
      this.#refreshPath(scope.zoneB * this.zones + scope.zoneA);
      return;
    }
    for (let host = 0; host < this.hostCount; host++) {
      if (scope.kind === "host" ? host !== scope.host : this.#zoneOf[host] !== scope.zone) continue;
      const factor = this.#state.hostFactor(host, this.#zoneOf[host]);
      this.#setCapacity(this.#egressLink[host], this.#egressBase[host] * factor);
      this.#setCapacity(this.#ingressLink[host], this.#ingressBase[host] * factor);
    }
  }

  /** Sets a path link's capacity; when it becomes narrower than normal, transfers already crossing join it. */
  #refreshPath(pair: number): void {
    const factor = this.#state.pairs.factor[pair];
    if (factor === 1 && this.#paths.linkOf(pair) < 0) return;
    const linkId = this.#pathLinkId(pair);
    this.#setCapacity(linkId, this.#paths.capacity(pair, factor));
    if (factor === 1) return;
    const t = this.#table;
    const now = this.#engine.nowMicros;
    for (let id = 0; id < t.used; id++) {
      if (t.state[id] !== TransferState.serving || t.pathLink[id] >= 0) continue;
      if (this.#state.pairKey(this.#zoneOf[t.from[id]], this.#zoneOf[t.to[id]]) !== pair) continue;
      // What is left to cross is what the slower NIC link still has to serve.
      let remaining = 0;
      if (t.egressEntry[id] >= 0) remaining = this.#links[this.#egressLink[t.from[id]]].remainingBytes(now, t.egressEntry[id]);
      if (t.ingressEntry[id] >= 0) {
        remaining = Math.max(remaining, this.#links[this.#ingressLink[t.to[id]]].remainingBytes(now, t.ingressEntry[id]));
      }
      if (remaining > 0) this.#joinPath(id, pair, remaining);
    }
  }

  #setCapacity(linkId: number, bytesPerSecond: number): void {
    this.#links[linkId].setCapacity(this.#engine.nowMicros, bytesPerSecond);
    this.#schedule(linkId);
  }

  #baseLatencyMicros(zoneFrom: number, zoneTo: number): Micros {
    // The object store endpoint is regional: its front ends sit in any zone, so it gets the cross-zone figure.
    return zoneFrom === zoneTo && zoneFrom !== REGIONAL_ZONE ? this.sameZoneLatencyMicros : this.crossZoneLatencyMicros;
  }

  #requireHost(field: string, host: number): number {
    return requireIndex(field, host, this.#names.length, "a host id");
  }
}

function requireKind(field: string, kind: unknown): void {
  if (typeof kind !== "number" || !Number.isInteger(kind) || kind < 0 || kind > 0x7fffffff) {
    throw new InputError(field, kind, "a whole number from 0 to 2^31-1 (an event kind)");
  }
}

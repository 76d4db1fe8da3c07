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
//
// Cost in engine events: links and arrivals keep their due times here, and one wake-up (wakeTimer.ts) serves all
// that is due at its instant — links finishing, then arrivals — so a lone transfer costs two events and a zero-byte
// one at most one. The notification rides in the arrival's event (Engine.deliverNow): the target hears within the
// network's handler, at the arrival instant, and may start transfers from there. Until that instant a transfer
// still counts as in flight: a down impairment beginning during its latency aborts it, as it always did.

import type { Actor, Engine } from "../engine.ts";
import { InputError } from "../errors.ts";
import type { Rng } from "../random.ts";
import type { Micros } from "../units.ts";
import { Arrivals } from "./arrivals.ts";
import { ByteLedger } from "./byteLedger.ts";
import { FLOW_CLASS_COUNT, LOCALITY_COUNT, localityOf } from "./flowClass.ts";
import { type Impairment, requireIndex, validateImpairment } from "./impairment.ts";
import { ImpairmentState } from "./impairmentState.ts";
import { LinkFabric } from "./linkFabric.ts";
import { type HostSpec, type NetworkConfig, resolveNetworkConfig, validateHostSpec } from "./networkConfig.ts";
import { mathisBytesPerSecond, retransmitProbability, retransmitTimeoutMicros } from "./tcpModel.ts";
import { checkTransferArgs } from "./transferArgs.ts";
import { TransferState, TransferTable } from "./transferTable.ts";
import { WakeTimer } from "./wakeTimer.ts";

export type { HostSpec, NetworkConfig } from "./networkConfig.ts";

const Kind = { wake: 0, rateFloorDone: 1, impairmentBegin: 2, impairmentEnd: 3 } as const;

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
  readonly #fabric: LinkFabric;
  readonly #wakes: WakeTimer;
  readonly #arrivals: Arrivals;
  readonly #table = new TransferTable();
  readonly #ledger: ByteLedger;
  readonly #state: ImpairmentState;
  readonly #impairments: Impairment[] = [];

  constructor(engine: Engine, rng: Rng, config: NetworkConfig) {
    const resolved = resolveNetworkConfig(config);
    this.zones = resolved.zones;
    this.sameZoneLatencyMicros = resolved.sameZoneLatencyMicros;
    this.crossZoneLatencyMicros = resolved.crossZoneLatencyMicros;
    this.#engine = engine;
    this.#rng = rng;
    this.#ledger = new ByteLedger(resolved.intervalMicros);
    this.#state = new ImpairmentState(this.zones);
    this.#self = engine.register("network", this);
    this.#wakes = new WakeTimer(engine, this.#self, Kind.wake);
    this.#fabric = new LinkFabric({
      engine,
      wakes: this.#wakes,
      table: this.#table,
      state: this.#state,
      zones: this.zones,
      pairBytesPerSecond: resolved.zonePairBytesPerSecond,
      zoneOf: this.#zoneOf,
      linkServed: (id) => this.#linkServed(id),
    });
    this.#arrivals = new Arrivals({
      engine,
      wakes: this.#wakes,
      table: this.#table,
      ledger: this.#ledger,
      state: this.#state,
      zoneOf: this.#zoneOf,
      sameZoneLatencyMicros: this.sameZoneLatencyMicros,
      crossZoneLatencyMicros: this.crossZoneLatencyMicros,
    });
  }

  /** Adds a host and returns its id (0, 1, 2, … in call order). */
  addHost(spec: HostSpec): number {
    validateHostSpec(spec, this.zones, this.#names);
    const host = this.#names.length;
    this.#names.push(spec.name);
    this.#zoneOf.push(spec.zone);
    this.#fabric.addHost(spec.egressBytesPerSecond, spec.ingressBytesPerSecond);
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
   * arrived — within the network's own event at that instant, never from inside this call — or (failKind, a, b,
   * ref), as a separate event, if the transfer is aborted by a down impairment. Returns the transfer id (ids are
   * reused after completion), or -1 when the path is already down at the call (the failure is still notified).
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
    checkTransferArgs(this.#names.length, from, to, bytes, flowClass, notifyTarget, notifyKind, a, b, failKind);
    const t = this.#table;
    const zoneFrom = this.#zoneOf[from];
    const zoneTo = this.#zoneOf[to];
    const locality = localityOf(zoneFrom, zoneTo, from === to);
    const id = t.open(from, to, bytes, flowClass, locality, notifyTarget, notifyKind, failKind ?? -1, a, b, ref);
    if (this.#state.pathDown(from, to, zoneFrom, zoneTo)) {
      this.#abort(id);
      return -1;
    }
    if (from !== to) this.#startOnLinks(id, from, to, bytes, zoneFrom, zoneTo);
    if (t.pending[id] === 0) this.#arrivals.depart(id);
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
      case Kind.wake:
        return this.#wake();
      case Kind.rateFloorDone:
        return this.#rateFloorDone(a, b);
      case Kind.impairmentBegin:
        return this.#applyChange(this.#impairments[a], true);
      case Kind.impairmentEnd:
        return this.#applyChange(this.#impairments[a], false);
      default:
        throw new InputError("network event kind", kind, "a kind the network schedules for itself");
    }
  }

  #startOnLinks(id: number, from: number, to: number, bytes: number, zoneFrom: number, zoneTo: number): void {
    const t = this.#table;
    const loss = this.#state.pathLossRatio(from, to, zoneFrom, zoneTo);
    if (loss > 0) {
      const rttMicros = 2 * this.#arrivals.latencyMicros(from, to, zoneFrom, zoneTo);
      if (this.#rng.chance(retransmitProbability(bytes, loss))) t.retransmitMicros[id] = retransmitTimeoutMicros(rttMicros);
      // The Mathis ceiling acts as one more link private to this flow: served alongside the shared links, it
      // only ever delays completion to bytes / ceiling, which fits the decoupled-links model exactly.
      const ceiling = mathisBytesPerSecond(rttMicros, loss);
      if (bytes > 0 && ceiling < Number.POSITIVE_INFINITY) {
        t.pending[id]++;
        this.#engine.send(this.#self, Kind.rateFloorDone, Math.ceil((bytes * 1e6) / ceiling), id, t.generation[id]);
      }
    }
    if (bytes > 0) this.#fabric.join(id, from, to, bytes);
  }

  #linkServed(id: number): void {
    if (--this.#table.pending[id] === 0) this.#arrivals.depart(id);
  }

  #rateFloorDone(id: number, generation: number): void {
    const t = this.#table;
    if (t.generation[id] !== generation || t.state[id] !== TransferState.serving) return;
    if (--t.pending[id] === 0) this.#arrivals.depart(id);
  }

  /** Serves every link due by now and delivers every arrival due by now, in one engine event. */
  #wake(): void {
    const now = this.#engine.nowMicros;
    const fabric = this.#fabric;
    const arrivals = this.#arrivals;
    // Links first, as their finishing may add arrivals due now; an arrival's target may start transfers that
    // are due now too (a host sending to itself), so loop until nothing is due by now.
    for (;;) {
      if (fabric.nextDueMicros() <= now) fabric.serveDue(now);
      else if (!arrivals.deliverNext(now)) break;
    }
    this.#wakes.fired();
    // Checked here, not in request(): passing Infinity to a call would box it, once per wake-up.
    const linksDue = fabric.nextDueMicros();
    if (linksDue !== Number.POSITIVE_INFINITY) this.#wakes.request(linksDue);
    const arrivalDue = arrivals.nextMicros();
    if (arrivalDue !== Number.POSITIVE_INFINITY) this.#wakes.request(arrivalDue);
  }

  /** Drops a transfer wherever it is, counts its bytes as dropped and tells the sender if it asked to be told. */
  #abort(id: number): void {
    const t = this.#table;
    this.#fabric.leave(id);
    this.#ledger.dropped(this.#engine.nowMicros, t.bytes[id]);
    if (t.failKind[id] >= 0) this.#engine.send(t.notifyTarget[id], t.failKind[id], 0, t.argA[id], t.argB[id], t.ref[id]);
    t.release(id);
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

  #applyChange(impairment: Impairment, begins: boolean): void {
    this.#state.setActive(impairment, begins);
    if (impairment.bandwidthFactor !== undefined) this.#fabric.refreshScope(impairment.scope);
    if (impairment.down === true && begins) this.#abortCut();
  }

  #requireHost(field: string, host: number): number {
    return requireIndex(field, host, this.#names.length, "a host id");
  }
}

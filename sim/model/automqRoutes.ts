// Where AutoMQ's clients send and fetch. Without the zone router a producer sends each partition to its leader and
// a consumer fetches from it, as in Kafka. With the router a client talks only to brokers in its own zone: a
// partition led elsewhere goes to that leader's proxy in the client's zone (one registered broker per zone and
// leader, the main-to-proxy mapping of ProxyNodeMapping.java), which also serves its snapshot reads. AutoMQ spreads
// the leaders of other zones over a zone's brokers by consistent hash and then moves leaders off any broker holding
// more than the rounded-up average (calMain2proxyByRack): the model deals them out in id order, which gives the same
// balanced counts deterministically.

import type { AutomqArchitecture } from "./automq.ts";
import type { FetchRoute, ProduceRoute } from "./world.ts";

/** How a request arriving at a proxy splits over the leaders it carries data for. */
export interface Split {
  leaders: number[];
  fractions: number[];
}

/** Produce and fetch routes of one AutoMQ architecture, cached until invalidated. */
export class AutomqRoutes {
  readonly #produce = new Map<number, ProduceRoute[]>();
  readonly #splits = new Map<number, Map<number, Split>>();
  readonly #fetch = new Map<number, FetchRoute[]>();
  #proxies: number[][] = [];
  // Per zone × broker: the proxy in that zone of a leader in another zone (-1: none assigned).
  #proxyOf = new Int32Array(0);

  constructor(readonly arch: AutomqArchitecture) {
    this.invalidate();
  }

  /** Forgets every cached route; the proxy lists are rebuilt from the registered brokers. */
  invalidate(): void {
    this.#produce.clear();
    this.#splits.clear();
    this.#fetch.clear();
    this.#proxies = [];
    for (let z = 0; z < this.arch.world.zones; z++) this.#proxies.push([]);
    for (const b of this.arch.brokers) if (b.registered) this.#proxies[b.zone].push(b.index);
    const n = this.arch.brokers.length;
    this.#proxyOf = new Int32Array(this.arch.world.zones * n).fill(-1);
    for (let z = 0; z < this.#proxies.length; z++) {
      const proxies = this.#proxies[z];
      if (proxies.length === 0) continue;
      let dealt = 0;
      for (const b of this.arch.brokers) {
        if (b.registered && b.zone !== z) this.#proxyOf[z * n + b.index] = proxies[dealt++ % proxies.length];
      }
    }
  }

  /** The broker in `zone` that proxies (and snapshot-reads) for leader, or -1 when the zone has none registered. */
  proxyFor(leader: number, zone: number): number {
    const list = this.#proxies[zone];
    if (!list || list.length === 0) return -1;
    const dealt = this.#proxyOf[zone * this.arch.brokers.length + leader];
    // A leader the controller has fenced keeps a proxy until its partitions move.
    return dealt >= 0 ? dealt : list[leader % list.length];
  }

  /** Shares of a zone's producers per target broker (by online partitions). */
  produceRoutes(zone: number): readonly ProduceRoute[] {
    const cached = this.#produce.get(zone);
    if (cached) return cached;
    const { groups, brokers, config } = this.arch;
    let online = 0;
    for (const g of groups) if (g.leader >= 0) online += g.partitions;
    const splits = new Map<number, Split>();
    const weights = new Map<number, number>();
    for (const b of brokers) {
      let led = 0;
      for (const gi of b.led) if (groups[gi].leader === b.index) led += groups[gi].partitions;
      if (led === 0) continue;
      const proxy = config.zoneRouter && b.zone !== zone ? this.proxyFor(b.index, zone) : b.index;
      const target = proxy < 0 ? b.index : proxy;
      weights.set(target, (weights.get(target) ?? 0) + led);
      const split = splits.get(target) ?? { leaders: [], fractions: [] };
      split.leaders.push(b.index);
      split.fractions.push(led);
      splits.set(target, split);
    }
    for (const [target, split] of splits) {
      const total = weights.get(target) as number;
      for (let i = 0; i < split.fractions.length; i++) split.fractions[i] /= total;
    }
    const routes = [...weights.entries()].sort((x, y) => x[0] - y[0]).map(([broker, w]) => ({ broker, share: w / online }));
    this.#produce.set(zone, routes);
    this.#splits.set(zone, splits);
    return routes;
  }

  /** How a request from `zone` arriving at broker splits over leaders, or undefined when it should not be there. */
  split(zone: number, broker: number): Split | undefined {
    this.produceRoutes(zone);
    return this.#splits.get(zone)?.get(broker);
  }

  /** Which broker serves which groups to a consumer in zone. */
  fetchRoutes(zone: number): readonly FetchRoute[] {
    const cached = this.#fetch.get(zone);
    if (cached) return cached;
    const { groups, brokers, config } = this.arch;
    const byBroker = new Map<number, number[]>();
    for (const g of groups) {
      if (g.leader < 0) continue;
      let server = g.leader;
      // Snapshot read: an in-zone broker serves partitions led in other zones from what it replayed.
      if (config.zoneRouter && brokers[g.leader].zone !== zone) {
        const proxy = this.proxyFor(g.leader, zone);
        if (proxy >= 0) server = proxy;
      }
      const list = byBroker.get(server) ?? [];
      list.push(g.id);
      byBroker.set(server, list);
    }
    const routes = [...byBroker.entries()].sort((x, y) => x[0] - y[0]).map(([broker, list]) => ({ broker, groups: list }));
    this.#fetch.set(zone, routes);
    return routes;
  }
}

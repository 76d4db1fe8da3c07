// The cross-zone path from one zone to another, as a link that exists only once a bandwidth impairment has
// narrowed it. Unimpaired, the path between zones is never the bottleneck (NICs are), so transfers skip it and
// pay nothing; only while a zone pair is narrowed do the transfers crossing it share its capacity.

/** Which link serves each directed zone pair (key zoneFrom × zones + zoneTo), and what that link's capacity is. */
export class PathLinks {
  readonly #linkOf: Int32Array;

  constructor(
    readonly zones: number,
    /** Configured capacity per direction in bytes/s, or undefined to derive it from the hosts. */
    readonly bytesPerSecond: number | undefined,
    readonly hostZone: readonly number[],
    readonly hostEgressBytesPerSecond: readonly number[],
    readonly hostIngressBytesPerSecond: readonly number[],
  ) {
    this.#linkOf = new Int32Array(zones * zones).fill(-1);
  }

  /** The link id serving a directed pair, or -1 if it has none yet. */
  linkOf(pair: number): number {
    return this.#linkOf[pair];
  }

  /** Records the link created for a directed pair. */
  setLink(pair: number, linkId: number): void {
    this.#linkOf[pair] = linkId;
  }

  /**
   * Capacity of the directed pair's path in bytes/s under a bandwidth factor. Without a configured figure it is
   * the most the hosts could ever push across: the lesser of the source zone's total egress and the target
   * zone's total ingress, so factor 1 never slows anything and factor 0.5 halves what can cross.
   */
  capacity(pair: number, factor: number): number {
    if (this.bytesPerSecond !== undefined) return this.bytesPerSecond * factor;
    const zoneFrom = Math.floor(pair / this.zones);
    const zoneTo = pair % this.zones;
    let egress = 0;
    let ingress = 0;
    for (let host = 0; host < this.hostZone.length; host++) {
      if (this.hostZone[host] === zoneFrom) egress += this.hostEgressBytesPerSecond[host];
      if (this.hostZone[host] === zoneTo) ingress += this.hostIngressBytesPerSecond[host];
    }
    // A zone with no hosts yet has nothing to carry; any positive capacity keeps the link well defined.
    return Math.max(Math.min(egress, ingress), 1) * factor;
  }
}

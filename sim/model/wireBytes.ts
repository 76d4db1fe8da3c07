// Transfers move whole bytes while the model's requests carry fractions of them (a partition group's share of a
// batch). Rounding each transfer up would add a byte per request — most of a slow topic's traffic at hundreds of
// requests a second — so each sender keeps the fraction left over and adds it to its next transfer.

/** A sender of transfers: the fraction of a byte its transfers so far left over, in [0, 1). */
export interface WireCarry {
  wireCarry: number;
}

/** The whole bytes to put on the wire for `bytes` now; the fraction left over is kept in sender.wireCarry. */
export function wholeWireBytes(sender: WireCarry, bytes: number): number {
  const wire = bytes + sender.wireCarry;
  const whole = Math.floor(wire);
  sender.wireCarry = wire - whole;
  return whole;
}

import { describe, it, expect } from "vitest";
import { DisklessObjectIndex, ObjectLevel } from "../../sim/model/disklessObjectIndex.ts";
import { preferredStore } from "../../sim/model/disklessReads.ts";

function committed(sizes: number[]) {
  const index = new DisklessObjectIndex();
  const ids = sizes.map((bytes, i) => {
    const id = index.createObject(bytes, ObjectLevel.l0, i * 1000);
    index.addCopy(id, 0);
    index.commit(id, i * 1000);
    return id;
  });
  return { index, ids };
}

describe("DisklessObjectIndex", () => {
  it("gives each committed object the stream offsets after everything committed before it", () => {
    const { index, ids } = committed([100, 250, 50]);
    expect(index.endBytes).toBe(400);
    expect([0, 1, 2].map((p) => index.startAt(p))).toEqual([0, 100, 350]);
    expect(index.entryAt(0)).toBe(0);
    expect(index.entryAt(99)).toBe(0);
    expect(index.entryAt(100)).toBe(1);
    expect(index.entryAt(399)).toBe(2);
    expect(index.entryAt(400)).toBe(-1);
    expect(index.idAt(index.entryAt(349))).toBe(ids[1]);
  });

  it("replaces an L0 prefix by one compacted object over the same offsets, keeping later entries in place", () => {
    const { index, ids } = committed([100, 250, 50, 70]);
    const compacted = index.createObject(350, ObjectLevel.l1, 1000);
    index.replaceL0Prefix(2, compacted);
    expect(index.size).toBe(3);
    expect(index.l0From).toBe(1);
    expect(index.idAt(0)).toBe(compacted);
    expect(index.idAt(1)).toBe(ids[2]);
    expect(index.startAt(1)).toBe(350);
    expect(index.entryAt(349)).toBe(0);
    expect(index.endBytes).toBe(470);
    // A compacted object must hold exactly its sources' bytes.
    const wrong = index.createObject(10, ObjectLevel.l1, 0);
    expect(() => index.replaceL0Prefix(1, wrong)).toThrow(/compacted object holds 10 bytes, sources 50/);
  });

  it("moves the log start past entries retention drops", () => {
    const { index } = committed([100, 250, 50]);
    index.dropHead();
    expect(index.startBytes).toBe(100);
    expect(index.entryAt(50)).toBe(-1);
    expect(index.l0From).toBe(1);
    index.dropHead();
    index.dropHead();
    expect(index.startBytes).toBe(index.endBytes);
  });

  it("reads a copy in the reader's zone first, then the regional bucket, then any copy", () => {
    const zones = [-1, 0, 1, 2];
    expect(preferredStore(0b1111, 1, zones)).toBe(2);
    expect(preferredStore(0b1011, 2, zones)).toBe(3);
    expect(preferredStore(0b0011, 2, zones)).toBe(0);
    expect(preferredStore(0b0100, 2, zones)).toBe(2);
    expect(() => preferredStore(0, 0, zones)).toThrow(/no stored copy/);
  });
});

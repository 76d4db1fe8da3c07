// Usage over one window of a metered run: counters as differences between the readings at its two ends, mean
// stored bytes from the stored-bytes integral, and steady-state growth of stored and log bytes as a least-squares
// slope over every reading inside the window (uploads arrive in lumps; a fit is steadier than two end points).

import { InputError } from "../errors.ts";
import { FLOW_CLASS_NAMES, LOCALITY_COUNT, Locality } from "../network/flowClass.ts";
import type { RunUsage } from "./meterRun.ts";
import type { StoreReading, UsageReading } from "./runProbe.ts";

/** One object store over a measured span of the run: its request and byte counts over the span, and storage. */
export interface StoreWindow extends Pick<StoreReading, "name" | "storageClass" | "putRequests" | "getRequests" | "deleteRequests" | "bytesPut" | "bytesGot"> {
  /** Time-averaged stored bytes over the window, in bytes. */
  meanStoredBytes: number;
  /** Least-squares slope of stored bytes over the window, bytes/s (negative while deletes outrun writes). */
  storedGrowthBytesPerSecond: number;
}

/** One block volume over a measured span of the run. */
export interface VolumeWindow {
  name: string;
  role: "log" | "wal";
  broker: number;
  capacityBytes: number;
  iops: number;
  throughputBytesPerSecond: number;
  /** Mean of the log bytes held over the window's readings, in bytes. */
  meanLogBytes: number;
  /** Least-squares slope of the log bytes held, bytes/s: the rate the broker's replicas write retained data. */
  logGrowthBytesPerSecond: number;
}

/** Usage over [fromMicros, toMicros]. */
export interface WindowUsage {
  fromMicros: number;
  toMicros: number;
  seconds: number;
  /** Bytes delivered per flow class name, by locality. */
  crossZoneBytes: Record<string, number>;
  objectStoreBytes: Record<string, number>;
  stores: StoreWindow[];
  volumes: VolumeWindow[];
  publishedBytes: number;
  consumedBytes: number;
}

/** Usage between two instants the meter read at (state boundaries always are). */
export function usageWindow(usage: RunUsage, fromMicros: number, toMicros: number): WindowUsage {
  const readings = usage.readings;
  const first = readings.findIndex((r) => r.atMicros === fromMicros);
  const last = readings.findIndex((r) => r.atMicros === toMicros);
  if (first < 0) throw new InputError("span.fromMicros", fromMicros, "an instant the meter read at (a state boundary or a sample)");
  if (last <= first) throw new InputError("span.toMicros", toMicros, `an instant the meter read at, after ${fromMicros}`);
  const a = readings[first];
  const b = readings[last];
  const inside = readings.slice(first, last + 1);
  const seconds = (toMicros - fromMicros) / 1e6;
  const crossZoneBytes: Record<string, number> = {};
  const objectStoreBytes: Record<string, number> = {};
  FLOW_CLASS_NAMES.forEach((name, f) => {
    crossZoneBytes[name] = delta(a, b, f * LOCALITY_COUNT + Locality.crossZone);
    objectStoreBytes[name] = delta(a, b, f * LOCALITY_COUNT + Locality.objectStore);
  });
  const stores = b.stores.map((s, i): StoreWindow => {
    const s0 = a.stores[i];
    return {
      name: s.name,
      storageClass: s.storageClass,
      putRequests: s.putRequests - s0.putRequests,
      getRequests: s.getRequests - s0.getRequests,
      deleteRequests: s.deleteRequests - s0.deleteRequests,
      bytesPut: s.bytesPut - s0.bytesPut,
      bytesGot: s.bytesGot - s0.bytesGot,
      meanStoredBytes: (s.storedByteMicros - s0.storedByteMicros) / (toMicros - fromMicros),
      storedGrowthBytesPerSecond: slopePerSecond(inside, (r) => r.stores[i].storedBytes),
    };
  });
  const volumes = b.volumes.map((v, i): VolumeWindow => ({
    name: v.name,
    role: v.role,
    broker: v.broker,
    capacityBytes: v.capacityBytes,
    iops: v.iops,
    throughputBytesPerSecond: v.throughputBytesPerSecond,
    meanLogBytes: inside.reduce((sum, r) => sum + r.volumes[i].logBytes, 0) / inside.length,
    logGrowthBytesPerSecond: slopePerSecond(inside, (r) => r.volumes[i].logBytes),
  }));
  return {
    fromMicros,
    toMicros,
    seconds,
    crossZoneBytes,
    objectStoreBytes,
    stores,
    volumes,
    publishedBytes: b.publishedBytes - a.publishedBytes,
    consumedBytes: b.consumedBytes - a.consumedBytes,
  };
}

function delta(a: UsageReading, b: UsageReading, index: number): number {
  return b.bytesMoved[index] - a.bytesMoved[index];
}

/** Least-squares slope of value(reading) against time, per second; 0 with fewer than two readings. */
export function slopePerSecond(readings: readonly UsageReading[], value: (r: UsageReading) => number): number {
  const n = readings.length;
  if (n < 2) return 0;
  let meanT = 0;
  let meanV = 0;
  for (const r of readings) {
    meanT += r.atMicros / n;
    meanV += value(r) / n;
  }
  let num = 0;
  let den = 0;
  for (const r of readings) {
    const dt = r.atMicros - meanT;
    num += dt * (value(r) - meanV);
    den += dt * dt;
  }
  return den === 0 ? 0 : (num / den) * 1e6;
}

// The bill's line items for one window of measured usage, each as a monthly rate: the window's rates extrapolated
// to the book's month. Quantities come from what the run measured (instance count, bytes by flow class ×
// locality, requests, stored-bytes growth, log growth); only retention sizing looks past the window.

import { InputError, requireFinite } from "../errors.ts";
import { objectStoreShares, pathOfFlow, type BytePath, type CostCategory } from "./bytePaths.ts";
import { bytesPerGigabyte, instanceCost, instanceLine, lineCost, monthSeconds, type PriceBook, type PriceLineId } from "./priceBook.ts";
import type { RunFacts } from "./runProbe.ts";
import type { StoreWindow, VolumeWindow, WindowUsage } from "./usageWindow.ts";

/** One line of the bill, as a monthly rate. */
export interface CostLine {
  id: string;
  label: string;
  category: CostCategory;
  path: BytePath;
  /** Billed quantity in one month at the window's rate, in `unit`. */
  quantity: number;
  unit: string;
  /** The book entries priced, e.g. "lines.s3StandardPut" or "instances.m7g.4xlarge". */
  priceLines: string[];
  usdPerMonth: number;
}

/** What sizes storage beyond the window, resolved (all in seconds or ratios). */
export interface ResolvedAssumptions {
  /** Retention of object-store data (topic retention.ms), s. */
  retentionSeconds: number;
  /** Retention of log volumes (local.retention.ms with tiering, else retention.ms), s. */
  localRetentionSeconds: number;
  /** Free space on log volumes as a fraction of the retained bytes. */
  volumeHeadroomRatio: number;
  /** Object stores whose growth is retained data, extrapolated over retention; others are billed at their mean. */
  retainedStoreClasses: ReadonlyArray<"standard" | "express">;
}

/** Every line item of one measured window, priced. */
export function costLines(span: WindowUsage, facts: RunFacts, book: PriceBook, a: ResolvedAssumptions): CostLine[] {
  if (!(span.seconds > 0)) throw new InputError("span.seconds", span.seconds, "a span longer than zero");
  const perMonth = monthSeconds(book) / span.seconds;
  return [
    computeLine(facts, book),
    ...volumeLines(span.volumes, book, a),
    ...span.stores.flatMap((s) => storeLines(s, span, perMonth, book, a)),
    ...crossZoneLines(span, perMonth, book),
  ].filter((line) => line.quantity > 0 || line.usdPerMonth > 0);
}

function computeLine(facts: RunFacts, book: PriceBook): CostLine {
  const line = instanceLine(book, facts.instanceType);
  const month = monthSeconds(book);
  const hourly = line.unit === "USD/hour";
  return {
    id: "compute.instances",
    label: `${facts.brokers} × ${facts.instanceType}`,
    category: "compute",
    path: "fixed",
    quantity: facts.brokers * (hourly ? month / 3_600 : 1),
    unit: hourly ? "instance-hours" : "instance-months",
    priceLines: [`instances.${facts.instanceType}`],
    usdPerMonth: facts.brokers * instanceCost(book, line, month),
  };
}

function volumeLines(volumes: readonly VolumeWindow[], book: PriceBook, a: ResolvedAssumptions): CostLine[] {
  const gb = bytesPerGigabyte(book);
  const out: CostLine[] = [];
  for (const role of ["log", "wal"] as const) {
    const group = volumes.filter((v) => v.role === role);
    if (group.length === 0) continue;
    const name = role === "log" ? "log volumes" : "WAL volumes";
    // A log volume holds what its replicas write over local retention, plus headroom; a WAL ring is fixed-size.
    const sizeBytes = (v: VolumeWindow) => role === "wal" ? v.capacityBytes
      : Math.max(v.logGrowthBytesPerSecond * a.localRetentionSeconds, v.meanLogBytes) * (1 + a.volumeHeadroomRatio);
    const capacityGb = group.reduce((sum, v) => sum + Math.ceil(sizeBytes(v) / gb), 0);
    const path = role === "log" ? "retained" : "fixed";
    out.push(line(`storage.${role}Volumes`, `${group.length} gp3 ${name}, capacity`, "storage", path, capacityGb, `${book.gigabyte}-month`, book, "ebsGp3Storage"));
    // Provisioned performance is billed per volume above what each volume includes.
    const iops = book.lines.ebsGp3Iops;
    const throughput = book.lines.ebsGp3Throughput;
    const mibps = (v: VolumeWindow) => v.throughputBytesPerSecond / 2 ** 20;
    out.push(perVolumeLine(`storage.${role}VolumeIops`, `${name}, IOPS above ${iops.included ?? 0}`, group, (v) => v.iops, "IOPS-month", "ebsGp3Iops", book));
    out.push(perVolumeLine(`storage.${role}VolumeThroughput`, `${name}, throughput above ${throughput.included ?? 0} MiB/s`, group, mibps, "MiBps-month", "ebsGp3Throughput", book));
  }
  return out;
}

function perVolumeLine(id: string, label: string, group: readonly VolumeWindow[], provisioned: (v: VolumeWindow) => number, unit: string, lineId: PriceLineId, book: PriceBook): CostLine {
  const priced = book.lines[lineId];
  const quantity = group.reduce((sum, v) => sum + Math.max(0, provisioned(v) - (priced.included ?? 0)), 0);
  const usdPerMonth = group.reduce((sum, v) => sum + lineCost(priced, provisioned(v)), 0);
  return { id, label, category: "storage", path: "fixed", quantity, unit, priceLines: [`lines.${lineId}`], usdPerMonth };
}

function storeLines(s: StoreWindow, span: WindowUsage, perMonth: number, book: PriceBook, a: ResolvedAssumptions): CostLine[] {
  const gb = bytesPerGigabyte(book);
  const express = s.storageClass === "express";
  const ids = express
    ? { storage: "s3ExpressStorage", put: "s3ExpressPut", get: "s3ExpressGet", del: "s3ExpressDelete" } as const
    : { storage: "s3StandardStorage", put: "s3StandardPut", get: "s3StandardGet", del: "s3StandardDelete" } as const;
  const retained = a.retainedStoreClasses.includes(s.storageClass);
  // Retained data grows at the steady-state rate for a whole retention period; what the window held on top of it
  // (WAL objects, channel objects, the window's own growth) is added as measured, a slight overcount.
  const storedBytes = s.meanStoredBytes + (retained ? Math.max(0, s.storedGrowthBytesPerSecond) * a.retentionSeconds : 0);
  const out: CostLine[] = [line(`storage.${s.name}`, `${s.name}: stored ${retained ? "(retention-sized)" : "(mean measured)"}`, "storage", "retained", storedBytes / gb, `${book.gigabyte}-month`, book, ids.storage)];
  const putShares = objectStoreShares(span.objectStoreBytes, true, "ingest");
  const getShares = objectStoreShares(span.objectStoreBytes, false, "fanOut");
  for (const [path, share] of putShares) {
    out.push(requestLine(`s3Api.${s.name}.put.${path}`, `${s.name}: PUT-class requests (${path})`, path, s.putRequests * share * perMonth, book, ids.put));
    if (express) out.push(line(`s3Api.${s.name}.upload.${path}`, `${s.name}: data uploaded (${path})`, "s3Api", path, (s.bytesPut * share * perMonth) / gb, book.gigabyte, book, "s3ExpressUpload"));
  }
  for (const [path, share] of getShares) {
    out.push(requestLine(`s3Api.${s.name}.get.${path}`, `${s.name}: GET-class requests (${path})`, path, s.getRequests * share * perMonth, book, ids.get));
    if (express) out.push(line(`s3Api.${s.name}.retrieval.${path}`, `${s.name}: data retrieved (${path})`, "s3Api", path, (s.bytesGot * share * perMonth) / gb, book.gigabyte, book, "s3ExpressRetrieval"));
  }
  out.push(requestLine(`s3Api.${s.name}.delete`, `${s.name}: DELETE requests`, "retained", s.deleteRequests * perMonth, book, ids.del));
  return out;
}

function crossZoneLines(span: WindowUsage, perMonth: number, book: PriceBook): CostLine[] {
  const gb = bytesPerGigabyte(book);
  const price = book.lines.interZoneTransferOut;
  const priceIn = book.lines.interZoneTransferIn;
  return Object.entries(span.crossZoneBytes).filter(([, bytes]) => bytes > 0).map(([flow, bytes]) => {
    const quantity = (bytes * perMonth) / gb;
    return {
      id: `crossZone.${flow}`,
      label: `cross-zone ${flow} bytes (out + in)`,
      category: "crossZone",
      path: pathOfFlow(flow),
      quantity,
      unit: book.gigabyte,
      priceLines: ["lines.interZoneTransferOut", "lines.interZoneTransferIn"],
      usdPerMonth: lineCost(price, quantity) + lineCost(priceIn, quantity),
    } satisfies CostLine;
  });
}

function requestLine(id: string, label: string, path: BytePath, requests: number, book: PriceBook, lineId: PriceLineId): CostLine {
  const priced = line(id, label, "s3Api", path, requests / 1000, "1000 requests", book, lineId);
  return { ...priced, quantity: requests, unit: "requests" };
}

function line(id: string, label: string, category: CostCategory, path: BytePath, quantity: number, unit: string, book: PriceBook, lineId: PriceLineId): CostLine {
  requireFinite(`${id}.quantity`, quantity);
  return { id, label, category, path, quantity, unit, priceLines: [`lines.${lineId}`], usdPerMonth: lineCost(book.lines[lineId], quantity) };
}

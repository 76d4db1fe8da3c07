// How the report writes numbers: bytes in binary units, latencies, durations, dollars and threshold quantities,
// each with its unit. Shared by the page shell (Node) and the page script (browser), so it touches neither.

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
const MINUS = "\u2212";

/** A number with three significant digits (whole numbers from 1,000 up, with separators); "–" when not finite. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : "";
  if (abs >= 1000) return sign + Math.round(abs).toLocaleString("en-US");
  if (abs === 0) return "0";
  return sign + Number(abs.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 12 });
}

/** Bytes in binary units: "1.23 GiB". */
export function formatBytes(bytes: number): string {
  return scaledBytes(bytes, BYTE_UNITS, 1024);
}

function scaledBytes(bytes: number, names: readonly string[], base: number): string {
  if (!Number.isFinite(bytes)) return "–";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= base && unit < names.length - 1) {
    value /= base;
    unit += 1;
  }
  const sign = bytes < 0 ? MINUS : "";
  return `${sign}${unit === 0 ? Math.round(value) : formatNumber(value)} ${names[unit]}`;
}

/** The binary unit suited to a range whose largest value is maxBytes: its size in bytes and its name. */
export function byteUnit(maxBytes: number): { bytes: number; name: string } {
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && Math.abs(maxBytes) >= 1024 ** (unit + 1)) unit += 1;
  return { bytes: 1024 ** unit, name: BYTE_UNITS[unit] };
}

/** A byte rate in binary units: "20 MiB/s". */
export function formatByteRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A latency given in ms: "7.9 ms", or seconds from 1 s up: "5.14 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return Math.abs(ms) >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

/** A duration given in seconds: "45 s", "2 min 30 s", "1 h 5 min", "7 d". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? MINUS : "";
  if (abs < 60) return `${sign}${formatNumber(abs)} s`;
  if (abs < 3600) {
    const minutes = Math.floor(abs / 60);
    const rest = Math.round(abs - minutes * 60);
    return `${sign}${minutes} min${rest > 0 ? ` ${rest} s` : ""}`;
  }
  if (abs < 2 * 86400) {
    const hours = Math.floor(abs / 3600);
    const minutes = Math.round((abs - hours * 3600) / 60);
    return `${sign}${hours} h${minutes > 0 ? ` ${minutes} min` : ""}`;
  }
  const days = Math.floor(abs / 86400);
  const hours = Math.round((abs - days * 86400) / 3600);
  return `${sign}${days} d${hours > 0 ? ` ${hours} h` : ""}`;
}

/** US dollars: "$7,161", with cents below $10. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return "–";
  const abs = Math.abs(usd);
  const text = abs === 0 ? "0" : abs < 10 ? abs.toFixed(2) : Math.round(abs).toLocaleString("en-US");
  // No sign on an amount that rounds to zero: "−$0.00" reads as a loss that is not there.
  const sign = usd < 0 && /[1-9]/.test(text) ? MINUS : "";
  return `${sign}$${text}`;
}

/**
 * Whether a threshold's check writes its limit in binary byte units ("98 MiB/s", "2 GiB"). Its byte figures are
 * shown the way it was written: binary then, decimal ("2 TB", "125 MB/s") otherwise — the rule of the terminal and
 * Markdown reports (formatMeasure in sim/scorecard/scorecardMarkdown.ts; a test keeps the two in step).
 */
export function checkUsesBinaryBytes(check: string): boolean {
  return /\d\s*[KMGTP]iB\b/i.test(check);
}

const DECIMAL_BYTE_UNITS = ["B", "kB", "MB", "GB", "TB", "PB"];

/** Bytes in decimal units: "1.23 GB". */
export function formatDecimalBytes(bytes: number): string {
  return scaledBytes(bytes, DECIMAL_BYTE_UNITS, 1000);
}

/** A threshold quantity in its unit ("ms", "s", "bytes", "B/s", "USD/month", "ratio", …); bytes in binary units unless binaryBytes is false. */
export function formatQuantity(value: number | null, unit: string, binaryBytes = true): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const u = unit.trim();
  const bytes = binaryBytes ? formatBytes : formatDecimalBytes;
  if (/^(b|bytes?)$/i.test(u)) return bytes(value);
  if (/^(b|bytes?)\/s$/i.test(u)) return `${bytes(value)}/s`;
  if (/^ms$/i.test(u)) return formatMs(value);
  if (/^(s|seconds?)$/i.test(u)) return formatSeconds(value);
  if (/^(usd|\$)$/i.test(u)) return formatUsd(value);
  if (/^(usd|\$)\s*\/\s*month$/i.test(u)) return `${formatUsd(value)}/month`;
  return u === "" || /^(count|ratio)$/i.test(u) ? formatNumber(value) : `${formatNumber(value)} ${u}`;
}

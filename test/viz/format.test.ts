import { describe, expect, it } from "vitest";
import { byteUnit, formatBytes, formatMs, formatNumber, formatQuantity, formatSeconds, formatUsd } from "../../viz/report/format.ts";

describe("report number formats", () => {
  it("writes bytes in binary units with three significant digits", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(20 * 1024 ** 2)).toBe("20 MiB");
    expect(formatBytes(1.2345 * 1024 ** 4)).toBe("1.23 TiB");
    expect(formatBytes(-2048)).toBe("\u22122 KiB");
    expect(byteUnit(3 * 1024 ** 3)).toEqual({ bytes: 1024 ** 3, name: "GiB" });
    expect(byteUnit(0)).toEqual({ bytes: 1, name: "B" });
  });

  it("writes latencies in ms below a second and in seconds from one", () => {
    expect(formatMs(7.896)).toBe("7.9 ms");
    expect(formatMs(999)).toBe("999 ms");
    expect(formatMs(5144.576)).toBe("5.14 s");
  });

  it("writes durations in the largest units that keep them short", () => {
    expect(formatSeconds(5.1)).toBe("5.1 s");
    expect(formatSeconds(150)).toBe("2 min 30 s");
    expect(formatSeconds(3900)).toBe("1 h 5 min");
    expect(formatSeconds(7 * 86400)).toBe("7 d");
  });

  it("writes dollars whole from $10 and never a negative zero", () => {
    expect(formatUsd(7160.4)).toBe("$7,160");
    expect(formatUsd(3.456)).toBe("$3.46");
    expect(formatUsd(-0.0029)).toBe("$0.00");
    expect(formatUsd(-12)).toBe("\u2212$12");
    expect(formatNumber(Number.NaN)).toBe("–");
  });

  it("writes threshold quantities in their unit", () => {
    expect(formatQuantity(5144.576, "ms")).toBe("5.14 s");
    expect(formatQuantity(7, "s")).toBe("7 s");
    expect(formatQuantity(2 * 1024 ** 4, "bytes")).toBe("2 TiB");
    expect(formatQuantity(7160, "USD/month")).toBe("$7,160/month");
    expect(formatQuantity(3.3373, "ratio")).toBe("3.34");
    expect(formatQuantity(0, "count")).toBe("0");
    expect(formatQuantity(null, "ms")).toBe("–");
  });
});

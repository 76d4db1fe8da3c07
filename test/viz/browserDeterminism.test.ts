import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, findChromium, scenarioReportOf } from "./support.ts";

// Every architecture kind, a fault and thresholds: the model's arithmetic (logs, powers, the seeded generator's
// streams, histograms) and the report's, all of it, must come out the same in the browser's engine.
const SCENARIO = `
name: browser-determinism
description: Every architecture kind through a zone outage, in Node and in a browser's web workers.
seed: 11
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload:
  topics: 2
  partitionsPerTopic: 6
  messageSize: 1 KiB
  producerRate: 20 MiB/s
  producersPerTopic: 2
  subscriptionsPerTopic: 1
  consumerPerSubscription: 2
  testDuration: 12 s
  warmupDuration: 0 s
sampleInterval: 1 s
architectures:
  - kind: kafka
  - kind: kafka-tiered
  - kind: automq
  - kind: diskless
faults:
  - name: zone-outage
    kind: zoneOutage
    at: 5 s
    duration: 3 s
    zone: 1
thresholds:
  - check: produce p99 < 50 ms during zone-outage
    area: write-path
`;

const bundle = (entry: string) =>
  build({ entryPoints: [fileURLToPath(new URL(entry, import.meta.url))], bundle: true, format: "iife", platform: "browser", target: "es2022", write: false, logLevel: "silent" })
    .then((result) => result.outputFiles[0].text);

const chromiumPath = findChromium();
let server: Server | undefined;
let browser: Browser | undefined;
let origin = "";

describe.skipIf(chromiumPath === undefined)("the same scenario and seed in a browser", () => {
  beforeAll(async () => {
    const [page, worker] = await Promise.all([bundle("./workerPage.ts"), bundle("../../viz/worker/simWorker.ts")]);
    const files: Record<string, [string, string]> = {
      "/": ["text/html", `<!doctype html><meta charset="utf-8"><script src="/page.js"></script>`],
      "/page.js": ["text/javascript", page],
      "/worker.js": ["text/javascript", worker],
    };
    server = createServer((req, res) => {
      const file = files[req.url ?? ""];
      res.writeHead(file ? 200 : 404, { "content-type": file ? `${file[0]}; charset=utf-8` : "text/plain" });
      res.end(file ? file[1] : "not found");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("gives the report Node gives, byte for byte, when run in web workers in slices", async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(origin);
    const inBrowser = await page.evaluate(([text, slice]) => window.runScenario(text, slice), [SCENARIO, 700_000] as const);
    expect(errors).toEqual([]);
    // 4 architectures, 12 s each in 0.7 s slices: the page really advanced in slices.
    expect(inBrowser.slices).toBe(4 * Math.ceil(12 / 0.7));
    const inNode = JSON.stringify(scenarioReportOf(SCENARIO, "browser.yaml"));
    expect(inBrowser.json.length).toBe(inNode.length);
    expect(inBrowser.json).toBe(inNode);
    await page.close();
  }, 240_000);

  it("passes a bad scenario's problems back from the worker, each with its path", async () => {
    const page = await browser!.newPage();
    await page.goto(origin);
    const bad = SCENARIO.replace("producerRate: 20 MiB/s", "producerRate: fast").replace("partitionsPerTopic: 6", "partitionsPerTopic: -1");
    const outcome = await page.evaluate((text) => window.runScenario(text, 1_000_000).then(() => "ran", (error: Error) => error.message), bad);
    expect(outcome).toMatch(/^invalid scenario browser\.yaml/);
    expect(outcome).toMatch(/workload\.producerRate/);
    expect(outcome).toMatch(/workload\.partitionsPerTopic/);
    await page.close();
  }, 60_000);
});

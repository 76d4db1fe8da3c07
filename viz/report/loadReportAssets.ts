// Node side of the HTML report: bundles the page script (viz/report/reportPage.ts) with the parts of d3 it uses into
// one minified IIFE with esbuild, once per process, so renderHtmlReport can inline it.

import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import type { ReportAssets } from "./renderHtmlReport.ts";

const ENTRY = fileURLToPath(new URL("./reportPage.ts", import.meta.url));

let cached: Promise<ReportAssets> | undefined;

/** The page script bundled with d3 (about 100 KB minified); built on first call and kept in memory. */
export function loadReportAssets(): Promise<ReportAssets> {
  cached ??= bundle().catch((error: unknown) => {
    // A failed build is not cached: the next call tries again.
    cached = undefined;
    throw error;
  });
  return cached;
}

async function bundle(): Promise<ReportAssets> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${ENTRY}`);
  return { script: output.text };
}

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/propertySeed.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI has two cores; more workers only add contention.
    maxWorkers: 2,
  },
});

// Registers the network benchmarks (networkBench.ts) with the runner, so `npm run bench -- engine` includes them.

import { networkBenchmarks } from "./networkBench.ts";
import { registerBenchmark } from "./registry.ts";

for (const benchmark of networkBenchmarks()) registerBenchmark(benchmark);

#!/usr/bin/env node
// The `bytepath` command: registers the TypeScript loader, then runs the command line in sim/cli/main.ts.
import { register } from "tsx/esm/api";

register();
await import("../sim/cli/main.ts");

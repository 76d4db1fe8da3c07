// Worker-thread entry: registers the TypeScript loader for this thread, then loads the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./sessionWorker.ts");

// Worker-thread entry of the CLI's pool (Node only): exposes the run-session API to the main thread over Comlink.
import { parentPort } from "node:worker_threads";
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { createSessionApi } from "../api/sessionApi.ts";

if (parentPort === null) throw new Error("sessionWorker.ts: must run in a worker thread");
expose(createSessionApi(), nodeEndpoint(parentPort));

// Worker-thread entry of the CLI's pool (Node only): exposes the worker API (sim/api/workerApi.ts) to the main
// thread over Comlink, the object a page's web workers expose too.
import { parentPort } from "node:worker_threads";
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { createWorkerApi } from "../api/workerApi.ts";

if (parentPort === null) throw new Error("sessionWorker.ts: must run in a worker thread");
expose(createWorkerApi(), nodeEndpoint(parentPort));

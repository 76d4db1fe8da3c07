// Web-worker entry of the browser side: the simulator's worker API exposed over Comlink, the same object the CLI's
// worker threads expose (sim/cli/sessionWorker.ts), so a page runs scenarios in slices exactly as the CLI does.
import { expose } from "comlink";
import { createWorkerApi } from "../../sim/api/workerApi.ts";

expose(createWorkerApi());

// Everything a worker exposes: scenario planning and reporting, and run sessions advanced in slices. The CLI's worker
// threads and a page's web workers expose this one object, so both drive the simulator the same way.

import { createScenarioApi, type ScenarioApi } from "./scenarioApi.ts";
import { createSessionApi, type SessionApi } from "./sessionApi.ts";

/** The worker API: a ScenarioApi and a SessionApi in one object. */
export type WorkerApi = ScenarioApi & SessionApi;

/** A fresh worker API with no sessions. */
export function createWorkerApi(): WorkerApi {
  return { ...createScenarioApi(), ...createSessionApi() };
}

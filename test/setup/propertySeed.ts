// Property tests draw their cases from one fixed seed, so a test run is as repeatable as a simulation run: a
// failure seen once is seen again, and a passing commit stays passing. FC_SEED=<integer> replays another seed;
// FC_SEED=random explores new cases (npm run test:explore), printing the seed of any failure to replay it.
import fc from "fast-check";

const DEFAULT_SEED = 20_251_126;

const requested = process.env.FC_SEED;
if (requested === undefined || requested === "") {
  fc.configureGlobal({ seed: DEFAULT_SEED });
} else if (requested !== "random") {
  const seed = Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED=${requested}: expected an integer or "random"`);
  fc.configureGlobal({ seed });
}

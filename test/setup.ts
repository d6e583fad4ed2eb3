import fc from "fast-check";

// Property tests explore new random inputs on every local run (that is how the lone-surrogate case
// in the cleaner property was found). In CI the seed is fixed, so a landing is judged on the same
// inputs every time; FC_SEED overrides it to replay a failure seen elsewhere.
if (process.env.CI || process.env.FC_SEED) {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
}

// Worker threads do not inherit the TypeScript loader of the main thread (tsx registers its hooks per
// thread), so the parse worker registers it itself before loading its TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");

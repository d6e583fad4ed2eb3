import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";

// Not implemented yet: mounted so app.ts compiles; every path here answers 404 until it is.
export function createRewriteRoutes(_deps: AppDeps) {
  return new Hono();
}

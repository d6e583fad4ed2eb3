import { afterAll, beforeAll } from "vitest";
import { createApp } from "../../server/app.ts";
import { makeTestDeps } from "./deps.ts";

type App = ReturnType<typeof createApp>;

/**
 * The app over real dependencies (makeTestDeps) for the tests of one describe block: call it in the
 * block; the app opens before its tests and closes after. `request` is the app's own.
 */
export function realApp(opts: Parameters<typeof makeTestDeps>[0] = {}): Pick<App, "request"> {
  let t: Awaited<ReturnType<typeof makeTestDeps>> | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    t = await makeTestDeps(opts);
    app = createApp(t.deps);
  });
  afterAll(async () => t?.cleanup());
  return { request: (...args: Parameters<App["request"]>) => app!.request(...args) };
}

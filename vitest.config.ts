import { defineConfig } from "vitest/config";

// Two projects: server-side tests run in Node against real LanceDB in temp folders;
// web component tests run in jsdom. End-to-end browser tests live in test/e2e and run in Node.
export default defineConfig({
  test: {
    globals: true,
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "server", environment: "node", include: ["test/server/**/*.test.ts", "test/e2e/**/*.test.ts"] },
      },
      {
        extends: true,
        test: { name: "web", environment: "jsdom", include: ["test/web/**/*.test.{ts,tsx}"] },
      },
    ],
  },
});

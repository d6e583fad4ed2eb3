/**
 * The derived indexes follow the store when another process writes to it: a command-line ingest into the
 * running server's data folder reaches its reuse fingerprints, its typo archive table and its memory search
 * copy. Before server/derived.ts, the periodic resync kept only the fingerprints current.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepInStep, reconcileDerived } from "../../server/derived.ts";
import { silentLogger } from "../../server/log.ts";
import { makeTestDeps } from "../helpers/deps.ts";
import { spawnTs, ROOT } from "./crash/child.ts";

const CLI = path.join(ROOT, "server", "cli.ts");
// A made-up report: its place names occur nowhere else.
const REPORT = [
  "青榆县委政法委2025年工作总结",
  "一、主要工作",
  "全年在青榆县榆湾镇设立矛盾纠纷调处工作室3个，化解邻里纠纷46件。",
  "二、下一步打算",
  "继续在榆湾镇推广调处工作室做法。",
].join("\n");

let env: Awaited<ReturnType<typeof makeTestDeps>>;
beforeAll(async () => {
  // The child process reads its configuration from the environment: the same vector size as ours.
  process.env.EMBED_DIMENSION = "128";
  env = await makeTestDeps({ env: { EMBED_DIMENSION: "128", SEARCH_MEMORY_MB: "16", CHECK_WORKERS: "0" } });
}, 300_000);
afterAll(async () => {
  delete process.env.EMBED_DIMENSION;
  await env?.cleanup();
});

async function ingestFromAnotherProcess(file: string): Promise<void> {
  const child = spawnTs(CLI, ["--data", env.dataDir, "ingest", file, "--json"]);
  const { code } = await child.exited;
  expect(code, child.stderr()).toBe(0);
}

describe("derived indexes and another process's ingest", () => {
  it("a CLI ingest reaches the reuse fingerprints, the typo archive table and the memory search copy", async () => {
    const { deps } = env;
    const derived = deps.derived;
    const archive = derived.archive!;
    await reconcileDerived(derived, deps.store, silentLogger);
    expect(archive.documentFrequency("榆湾镇")).toBe(0);
    const file = path.join(env.dataDir, "青榆县.txt");
    writeFileSync(file, REPORT);
    await ingestFromAnotherProcess(file);

    // Nothing in this process saw the commit: its hooks did not run.
    expect(deps.reuse.stats().documents).toBe(0);
    expect(archive.documents).toBe(0);

    const stop = keepInStep(derived, deps.store, silentLogger, 100);
    try {
      for (let i = 0; i < 600 && (archive.documents === 0 || deps.reuse.stats().documents === 0 || !deps.store.searchesFromMemory); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop();
    }
    expect(deps.reuse.stats().documents).toBe(1);
    expect(archive.documents).toBe(1);
    expect(archive.documentFrequency("榆湾镇")).toBe(1);
    expect(deps.store.searchesFromMemory).toBe(true);
    const found = await deps.store.searchPassages("调处工作室", { mode: "text" });
    expect(found.length).toBeGreaterThan(0);
  }, 300_000);
});

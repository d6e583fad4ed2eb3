import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../../../server/ingest/ingest.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import type { CorpusStore } from "../../../server/store/types.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const prompts = loadPrompts(path.join(ROOT, "prompts"));
let dir: string;
let store: CorpusStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-drafting-store-"));
  store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(128) });
  const outcomes = await ingestPaths({ store, hooks: {}, maxBytes: 10 * 1024 * 1024, logger: silentLogger }, [path.join(ROOT, "corpus")]);
  expect(outcomes.filter((o) => o.status !== "rejected").length).toBeGreaterThan(0);
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("drafting against the real LanceDB store with the sample corpus", () => {
  it("attaches passages of the section's role (and work line where tagged) as sources", async () => {
    const draft = await generateDraft(
      {
        unit: "东城区委政法委",
        year: 2025,
        facts: ["全年共排查矛盾纠纷6200件，调解成功6150件", "开展平安建设宣传活动45场", "组织政法干警业务培训12期"],
        problems: ["基层网格员队伍流动性较大"],
      },
      { store, model: null, prompts, logger: silentLogger },
      () => {},
    );
    const withSources = draft.sections.filter((s) => s.sources.length > 0);
    expect(withSources.length).toBeGreaterThan(2);
    for (const s of withSources) {
      for (const src of s.sources) {
        const chunks = await store.getChunks(src.docId);
        const c = chunks.find((x) => x.id === src.chunkId)!;
        expect(c, src.chunkId).toBeTruthy();
        expect(c.role).toBe(s.role);
        expect(src.text).toBe(c.text);
      }
    }
    // Sources are references only: the offline text still holds no figure from them.
    expect(draft.warnings.filter((w) => w.code === "invented_figure")).toEqual([]);
  });
});

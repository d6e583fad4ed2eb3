import { headingLabels } from "../../../server/text/headings.ts";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { draftMarkdown, draftOutline } from "../../../server/drafting/draft.ts";
import { DraftSchema } from "../../../server/drafting/types.ts";
import { openDraftSaveStore } from "../../../server/saves/file-store.ts";
import { LegacyDraftSchema } from "../../../server/saves/legacy-draft.ts";
import { isLegacyDraft, migrateLegacyDraft } from "../../../server/saves/migrate.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/saves/format-1.json");
const ID = "d-00m5k2x9qab12cd34ef56";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-migrate-"));
  await mkdir(path.join(dataDir, "drafts"));
  await copyFile(FIXTURE, path.join(dataDir, "drafts", `${ID}.json`));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function legacy() {
  return JSON.parse(await readFile(FIXTURE, "utf8")) as { draft: unknown; version: number };
}

describe("saved drafts of the first shape", () => {
  it("open as the current shape: one title, bare headings numbered as before, the outline's work lines, no stored Markdown", async () => {
    const store = openDraftSaveStore(dataDir);
    const saved = (await store.get(ID))!;
    expect(saved).toMatchObject({ id: ID, version: 3, title: "某区委政法委2024年工作总结", engine: "llm" });
    const draft = saved.draft;
    expect(DraftSchema.parse(draft)).toEqual(draft);
    expect(draft).not.toHaveProperty("outline");
    expect(draft).not.toHaveProperty("markdown");
    // The title the writer saw wins over the outline's stale copy.
    expect(draft.title).toBe("某区委政法委2024年工作总结");
    // The heading as shown wins over the outline's, and numbering is derived to the same labels.
    const old = LegacyDraftSchema.parse((await legacy()).draft);
    expect(headingLabels(draft.sections)).toEqual(old.sections.map((s) => s.heading));
    expect(draft.sections.map((s) => s.heading)).toEqual(["", "主要工作及成效", "坚持和发展新时代“枫桥经验”", "深化平安建设", "存在的问题"]);
    expect(draft.sections.map((s) => s.workLine)).toEqual([null, null, "矛盾纠纷", "平安建设", null]);
    // What was written, and how it went, comes across untouched.
    expect(draft.sections.map((s) => s.text)).toEqual(old.sections.map((s) => s.text));
    expect(draft.sections[2]).toMatchObject({ locked: true, sources: old.sections[2].sources, factIds: ["f1"] });
    expect(draft.sections[3]).toMatchObject({ status: "error", error: "模型超时" });
    expect(draft).toMatchObject({ model: "qwen-test", facts: old.facts, warnings: old.warnings, stats: old.stats, createdAt: old.createdAt });
    expect(draftOutline(draft)).toMatchObject({ title: draft.title, unit: "某区委政法委", year: 2024, period: "全年" });
    expect(draftMarkdown(draft)).toContain("### （一）坚持和发展新时代“枫桥经验”\n\n全年排查化解矛盾纠纷1.2万余件");
    expect((await store.list()).map((s) => [s.id, s.title])).toEqual([[ID, "某区委政法委2024年工作总结"]]);
  });

  it("are written in the current format at the next save, keeping the old file as the backup that still opens", async () => {
    const store = openDraftSaveStore(dataDir);
    const { draft } = (await store.get(ID))!;
    const next = await store.save(ID, 3, { ...draft, title: "某区委政法委2024年工作总结（修改稿）" });
    expect(next.version).toBe(4);
    const file = JSON.parse(await readFile(path.join(dataDir, "drafts", `${ID}.json`), "utf8"));
    expect(file.formatVersion).toBe(2);
    expect(file.draft).not.toHaveProperty("outline");
    const prev = JSON.parse(await readFile(path.join(dataDir, "drafts", `${ID}.prev.json`), "utf8"));
    expect(prev.formatVersion).toBe(1);
    await rm(path.join(dataDir, "drafts", `${ID}.json`));
    expect((await store.get(ID))!.draft).toEqual(draft);
  });

  it("are told apart from current drafts by their stored outline", async () => {
    const old = (await legacy()).draft;
    expect(isLegacyDraft(old)).toBe(true);
    expect(isLegacyDraft(migrateLegacyDraft(LegacyDraftSchema.parse(old)))).toBe(false);
    expect(isLegacyDraft(null)).toBe(false);
  });
});

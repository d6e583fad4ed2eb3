/**
 * The drafting engine and the offline rewrite follow the data folder's lists (extend, switch off),
 * as the check does: work-line keywords, the one wording list, the phrase bank, and the registry the
 * opening's guiding thought is derived from.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { checkText } from "../../../server/checking/check.ts";
import { run as rewriteCli } from "../../../server/cli/rewrite.ts";
import { scoreWorkLines, tagWorkLines } from "../../../server/corpus/classify.ts";
import { buildFacts } from "../../../server/drafting/facts.ts";
import { guidingThought } from "../../../server/drafting/guidance.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { formalize } from "../../../server/drafting/wording.ts";
import { loadOfficeLists } from "../../../server/lists/office.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { applyLexicon } from "../../../server/rewrite/offline.ts";
import { rewriteText } from "../../../server/rewrite/rewrite.ts";
import { emptyStore, testDeps } from "../../helpers/deps.ts";

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zj-office-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));

describe("work-line keywords from the data folder", () => {
  it("tags text by an added keyword and no longer by a switched-off one", () => {
    const dir = dataDir({
      "work-lines.json": {
        keywords: [{ line: "廉政", word: "家风家教", weight: 3 }, { line: "服务发展", word: "企业", off: true }],
      },
    });
    expect(tagWorkLines("组织家风家教主题活动")).toEqual([]);
    expect(tagWorkLines("组织家风家教主题活动", 3, loadOfficeLists(dir).workLines)).toEqual(["廉政"]);
    expect(scoreWorkLines("家风家教", loadOfficeLists(dir).workLines).get("廉政")).toBe(3);
    expect(tagWorkLines("走访企业120家")).toEqual(["服务发展"]);
    expect(tagWorkLines("走访企业120家", 3, loadOfficeLists(dir).workLines)).toEqual([]);
  });

  it("assigns an input fact by an added fact keyword when the engine is given the data folder", async () => {
    const dir = dataDir({ "work-lines.json": { factKeywords: [{ line: "矛盾纠纷", word: "拉家常" }, { line: "矛盾纠纷", word: "板凳会" }] } });
    const input = { unit: "甲区委政法委", year: 2025, facts: ["组织板凳会拉家常活动36场"] };
    const [builtin] = await buildFacts(input);
    expect(builtin.workLine).not.toBe("矛盾纠纷");
    const [office] = await buildFacts(input, { lists: loadOfficeLists(dir) });
    expect(office.workLine).toBe("矛盾纠纷");
  });
});

describe("the one wording list from the data folder", () => {
  const dir = dataDir({ "wording.json": { entries: [{ from: "拉呱", to: "座谈" }, { from: "弄了", off: true }] } });

  it("is used by the drafting engine's fact wording", () => {
    expect(formalize("和群众拉呱12次")).toBe("和群众拉呱12次");
    expect(formalize("和群众拉呱12次", loadOfficeLists(dir).wording)).toBe("和群众座谈12次");
  });

  it("is used by the offline rewrite, with a switched-off entry left alone", async () => {
    expect(applyLexicon("弄了一次拉呱")).toBe("组织了一次拉呱");
    expect(applyLexicon("弄了一次拉呱", loadOfficeLists(dir).wording)).toBe("弄了一次座谈");
    const r = await rewriteText({ text: "我们弄了3次拉呱。", mode: "polish" }, { lists: loadOfficeLists(dir) });
    expect(r.text).toBe("我们弄了3次座谈。");
  });

  it("is used by the command line's rewrite (--data)", async () => {
    const file = path.join(dir, "段落.txt");
    writeFileSync(file, "我们弄了3次拉呱。");
    let out = "";
    const ctx = {
      dataDir: dir,
      stdout: new Writable({ write(c, _e, cb) { out += c.toString(); cb(); } }),
      stderr: new Writable({ write(_c, _e, cb) { cb(); } }),
      isTTY: false,
    };
    expect(await rewriteCli([file, "--engine", "offline"], ctx)).toBe(0);
    expect(out).toBe("我们弄了3次座谈。\n");
  });
});

describe("the guiding thought follows the registry", () => {
  const plenum = { "registry.json": { plenums: [{ term: 20, plenum: 5, date: "2026-10-20" }] } };

  it("names a plenum added only to the data folder's registry from the period it was held in", () => {
    const dir = dataDir(plenum);
    expect(guidingThought(2026)).toBe("党的二十大和二十届二中、三中、四中全会精神");
    expect(guidingThought(2026, "全年", loadOfficeLists(dir).registry)).toBe("党的二十大和二十届二中、三中、四中、五中全会精神");
    expect(guidingThought(2026, "上半年", loadOfficeLists(dir).registry)).toBe("党的二十大和二十届二中、三中、四中全会精神");
    expect(guidingThought(2027, "全年", loadOfficeLists(dir).registry)).toBe("党的二十大和二十届二中、三中、四中、五中全会精神");
  });

  it("starts again at a new congress, and cites 历次全会 from the sixth plenum on", () => {
    const dir = dataDir({
      "registry.json": {
        congresses: [{ term: 21, date: "2027-10-15" }],
        plenums: [5, 6].map((p) => ({ term: 20, plenum: p, date: `202${p + 1}-03-01` })).concat([{ term: 21, plenum: 1, date: "2027-10-23" }]),
      },
    });
    expect(guidingThought(2026, "全年", loadOfficeLists(dir).registry)).toBe("党的二十大和二十届二中、三中、四中、五中全会精神");
    expect(guidingThought(2027, "上半年", loadOfficeLists(dir).registry)).toBe("党的二十大和二十届历次全会精神");
    expect(guidingThought(2027, "全年", loadOfficeLists(dir).registry)).toBe("党的二十一大精神");
  });

  it("writes the new plenum into an offline draft's opening, which the check then accepts", async () => {
    const dir = dataDir(plenum);
    const input = { unit: "甲区委政法委", year: 2026, facts: ["全年调解矛盾纠纷1200件", "问题：基层力量不足"] };
    const draft = await generateDraft(input, { model: null, prompts, logger: silentLogger, lists: loadOfficeLists(dir) }, () => {});
    const opening = draft.sections[0].text;
    expect(opening).toContain("党的二十大和二十届二中、三中、四中、五中全会精神");
    const text = `甲区委政法委2026年工作总结\n${opening}`;
    expect((await checkText(text, { lists: loadOfficeLists(dir) })).findings.filter((f) => f.kind === "outdated")).toEqual([]);
    const builtin = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => {});
    expect(builtin.sections[0].text).not.toContain("五中");
  });
});

describe("the phrase bank from the data folder", () => {
  it("is used by the engine's sections", async () => {
    const dir = dataDir({ "drafting-phrases.json": { closing: "本单位自定的结束语。" } });
    const input = { unit: "甲区委政法委", year: 2025, facts: ["全年调解矛盾纠纷1200件"] };
    const builtin = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => {});
    const office = await generateDraft(input, { model: null, prompts, logger: silentLogger, lists: loadOfficeLists(dir) }, () => {});
    expect(builtin.sections.at(-1)!.text).not.toContain("本单位自定的结束语");
    expect(office.sections.at(-1)!.text).toContain("本单位自定的结束语");
  });
});

describe("the server passes its data folder to drafting and the rewrite", () => {
  it("uses the office's work-line keywords for /api/drafts/outline and its wording for /api/rewrite", async () => {
    const dir = dataDir({
      "work-lines.json": { factKeywords: [{ line: "矛盾纠纷", word: "板凳会" }, { line: "矛盾纠纷", word: "拉家常" }] },
      "wording.json": { entries: [{ from: "拉呱", to: "座谈" }] },
    });
    const app = createApp(testDeps(dir, {}, { prompts, store: emptyStore() }));
    const post = (url: string, body: unknown) => app.request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const outline = await post("/api/drafts/outline", { unit: "甲区委政法委", year: 2025, facts: ["组织板凳会拉家常活动36场"] });
    expect(outline.status).toBe(200);
    const { facts } = (await outline.json()) as { facts: Array<{ workLine: string | null }> };
    expect(facts[0].workLine).toBe("矛盾纠纷");
    const rewrite = await post("/api/rewrite", { text: "我们拉呱了3次。", mode: "polish", engine: "offline" });
    expect(((await rewrite.json()) as { text: string }).text).toBe("我们座谈了3次。");
  });
});

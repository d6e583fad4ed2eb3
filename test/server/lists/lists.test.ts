import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { AppError } from "../../../server/errors.ts";
import { loadRepetition } from "../../../server/lists/repetition.ts";
import { loadStockPhrases } from "../../../server/lists/stock-phrases.ts";
import { loadPhraseBank } from "../../../server/lists/phrase-bank.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { loadOfficeLists } from "../../../server/lists/office.ts";
import { normalise } from "../../../server/text/normalise.ts";

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh data folder holding the given files (removed after the tests). */
function dataDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zj-lists-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return dir;
}

function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("office lists: the data folder extends the built-in list", () => {
  it("adds new entries and keeps every built-in one", () => {
    const builtin = loadRegistry();
    const dir = dataDir({ "registry.json": { campaigns: [{ name: "某某专项行动", start: "2020-01", end: "2020-12" }] } });
    const r = loadRegistry(dir);
    expect(r.campaigns.map((c) => c.name)).toEqual([...builtin.campaigns.map((c) => c.name), "某某专项行动"]);
    expect(r.congresses).toEqual(builtin.congresses);
    expect(r.formulations).toEqual(builtin.formulations);
  });

  it("replaces a built-in entry that has the same key, in place", () => {
    const dir = dataDir({ "registry.json": { campaigns: [{ name: "扫黑除恶专项斗争", start: "2018-01", end: "2021-03", replacement: "常态化扫黑除恶" }] } });
    const r = loadRegistry(dir);
    const at = loadRegistry().campaigns.findIndex((c) => c.name === "扫黑除恶专项斗争");
    expect(r.campaigns[at]).toMatchObject({ name: "扫黑除恶专项斗争", replacement: "常态化扫黑除恶" });
    expect(r.campaigns).toHaveLength(loadRegistry().campaigns.length);
  });

  it("switches a built-in JSON entry off with its key and \"off\": true", async () => {
    const text = "2024年工作总结\n深入推进扫黑除恶专项斗争。";
    const before = await checkText(text);
    expect(before.findings.some((f) => f.kind === "outdated" && f.text === "扫黑除恶专项斗争")).toBe(true);
    const dir = dataDir({ "registry.json": { campaigns: [{ name: "扫黑除恶专项斗争", off: true }] } });
    expect(loadRegistry(dir).campaigns.some((c) => c.name === "扫黑除恶专项斗争")).toBe(false);
    const after = await checkText(text, { lists: loadOfficeLists(dir) });
    expect(after.findings.some((f) => f.kind === "outdated" && f.text === "扫黑除恶专项斗争")).toBe(false);
  });

  it("adds to and switches off text list lines (a line starting with !)", () => {
    const builtin = loadStockPhrases();
    const gone = "不忘初心、牢记使命";
    expect(builtin).toContain(normalise(gone).text);
    const dir = dataDir({ "stock-phrases.txt": `# 本单位的套话\n坚持和发展新时代“枫桥经验”\n!${gone}\n` });
    const list = loadStockPhrases(dir);
    expect(list).toContain(normalise("坚持和发展新时代“枫桥经验”").text);
    expect(list).not.toContain(normalise(gone).text);
    expect(list).toHaveLength(builtin.length + (builtin.includes(normalise("坚持和发展新时代“枫桥经验”").text) ? 0 : 1) - 1);
  });

  it("merges record fields by name and replaces plain values", () => {
    const bank = loadPhraseBank();
    const line = Object.keys(bank.lines)[0];
    const dir = dataDir({ "drafting-phrases.json": { lines: { [line]: { off: true }, 新工作线: { short: "新工作", leads: ["甲。"], closings: ["乙。"] } }, closing: "结尾。" } });
    const merged = loadPhraseBank(dir);
    expect(Object.keys(merged.lines)).not.toContain(line);
    expect(merged.lines["新工作线"]?.short).toBe("新工作");
    expect(merged.closing).toBe("结尾。");
    expect(merged.opening).toBe(bank.opening);
  });

  it("picks the data folder's repetition list up in a check", async () => {
    const text = "2024年工作总结\n全年办理案件测试测验共计多起。";
    expect((await checkText(text)).findings.some((f) => f.kind === "repetition" && f.text === "测试测验")).toBe(false);
    const dir = dataDir({ "repetition.json": { semanticDoubles: [{ pattern: "测试测验", message: "“测试”与“测验”语义重复" }] } });
    expect(loadRepetition(dir).semantic.length).toBe(loadRepetition().semantic.length + 1);
    const r = await checkText(text, { lists: loadOfficeLists(dir) });
    expect(r.findings.find((f) => f.kind === "repetition" && f.text === "测试测验")?.message).toBe("“测试”与“测验”语义重复");
  });

  it("reads the built-in list once; a data folder's lists are read when the app loads them (once, at start)", () => {
    expect(loadRegistry()).toBe(loadRegistry(path.join(os.tmpdir(), "zj-no-such-folder")));
    expect(loadOfficeLists(path.join(os.tmpdir(), "zj-no-such-folder")).registry).toBe(loadRegistry());
    const dir = dataDir({ "registry.json": { campaigns: [{ name: "某某专项行动", start: "2020-01", end: "2020-12" }] } });
    expect(loadOfficeLists(dir).registry.campaigns.map((c) => c.name)).toContain("某某专项行动");
    expect(loadRegistry().campaigns.map((c) => c.name)).not.toContain("某某专项行动");
  });
});

describe("office lists: a bad file is a clear Chinese error naming it", () => {
  it("reports a file that is not JSON", () => {
    const dir = dataDir({ "registry.json": "{ campaigns: [" });
    const e = thrown(() => loadRegistry(dir));
    expect(e.code).toBe("internal:office_list");
    expect(e.message).toContain("清单文件无法使用");
    expect(e.message).toContain(path.join(dir, "registry.json"));
    expect(e.message).toContain("不是有效的 JSON");
  });

  it("reports an entry that does not fit the list, with where it is", () => {
    const dir = dataDir({ "registry.json": { congresses: [{ term: "二十一", date: "2027-10" }] } });
    const e = thrown(() => loadRegistry(dir));
    expect(e.message).toContain(path.join(dir, "registry.json"));
    expect(e.message).toMatch(/congresses\.\d+\.term/);
  });

  it("reports a field of the wrong kind and a switch-off of an entry that does not exist", () => {
    expect(thrown(() => loadRegistry(dataDir({ "registry.json": { campaigns: { name: "x" } } }))).message).toContain("campaigns 应为数组");
    expect(thrown(() => loadRegistry(dataDir({ "registry.json": { campaigns: [{ name: "没有的专项", off: true }] } }))).message).toContain("没有的专项");
    expect(thrown(() => loadStockPhrases(dataDir({ "stock-phrases.txt": "!没有这条套话的内置条目\n" }))).message).toContain("没有这条套话的内置条目");
  });

  it("reports a rewrite pattern that is not a regular expression", () => {
    const e = thrown(() => loadOfficeLists(dataDir({ "wording.json": { entries: [{ pattern: "(未闭合", to: "" }] } })));
    expect(e.message).toContain("wording.json");
    expect(e.message).toContain("不是有效的正则表达式");
  });

  it("reports a work-line keyword for a work line that does not exist", () => {
    const e = thrown(() => loadOfficeLists(dataDir({ "work-lines.json": { keywords: [{ line: "环保", word: "排污" }] } })));
    expect(e.message).toContain("work-lines.json");
    expect(e.message).toContain("不是已有的工作条线");
  });

  it("loads every built-in list cleanly", () => {
    expect(() => loadOfficeLists()).not.toThrow();
  });

  it("refuses a broken regular expression the same way in every list that holds one", () => {
    const broken = [
      { "registry.json": { formulations: [{ correct: "某某提法", pattern: "某某(提法" }] } },
      { "repetition.json": { semanticDoubles: [{ pattern: "[甲乙", message: "重复" }] } },
      { "typos.json": { entries: [{ wrong: "某某", right: "某些", followedBy: "{date}(" }] } },
      { "wording.json": { entries: [{ pattern: "(甲", to: "乙" }] } },
    ];
    for (const files of broken) {
      const e = thrown(() => loadOfficeLists(dataDir(files)));
      expect(e.message, Object.keys(files)[0]).toContain(Object.keys(files)[0]);
      expect(e.message).toContain("不是有效的正则表达式");
    }
  });

  it("is one object read at start: a file changed afterwards reaches only a new load (a restart)", () => {
    const dir = dataDir({ "stock-phrases.txt": "本单位自定的一条套话\n" });
    const lists = loadOfficeLists(dir);
    expect(lists.dataDir).toBe(dir);
    expect(lists.stockPhrases).toContain(normalise("本单位自定的一条套话").text);
    writeFileSync(path.join(dir, "stock-phrases.txt"), "本单位后来加的套话\n");
    expect(lists.stockPhrases).toContain(normalise("本单位自定的一条套话").text);
    expect(loadOfficeLists(dir).stockPhrases).toContain(normalise("本单位后来加的套话").text);
    expect(loadOfficeLists(dir).stockPhrases).not.toContain(normalise("本单位自定的一条套话").text);
  });
});

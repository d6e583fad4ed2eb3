import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { prepareDraft } from "../../../server/drafting/run.ts";
import { silentLogger } from "../../../server/log.ts";
import { extractSubmissions } from "../../../server/facts/batch.ts";
import { clauseSignals, isBoilerplate, quantities } from "../../../server/facts/clauses.ts";
import { extractCandidates } from "../../../server/facts/extract.ts";
import { candidatesToInput, candidatesToText } from "../../../server/facts/text-form.ts";
import { unitFromText, unitOf } from "../../../server/facts/unit.ts";
import type { ParseService } from "../../../server/ingest/parse-pool.ts";
import { splitSentences } from "../../../server/text/sentences.ts";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/submissions");
const files = () => readdirSync(DIR).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(DIR, name))) }));
/** Reads in-process: the unit tests need the extraction, not the worker threads (the route test uses those). */
const inProcess = { prepare: (name: string, bytes: Uint8Array) => prepareReport(name, bytes) } as unknown as ParseService;

describe("offline extraction from one submission", () => {
  it("turns every sentence with a figure into candidates that carry all its figures, cut from the file's own text", async () => {
    for (const f of files()) {
      const { document } = await prepareReport(f.name, f.bytes);
      const cands = extractCandidates(document, { unit: "测试单位", idPrefix: "t" });
      const headings = document.structure.headings;
      for (const s of splitSentences(document.cleanedText)) {
        const sentence = document.cleanedText.slice(s.start, s.end);
        if (headings.some((h) => h.start <= s.start && s.end <= h.end) || s.start < document.structure.sections[0].end) continue;
        for (const fig of quantities(sentence)) {
          expect(cands.some((c) => sentence.includes(c.text) && c.figures.some((g) => g.raw === fig.raw)), `${f.name}: ${fig.raw}`).toBe(true);
        }
      }
      for (const c of cands) {
        expect(document.cleanedText.includes(c.text)).toBe(true);
        expect(c.sources[0].passage.includes(c.text)).toBe(true);
        expect(document.cleanedText.slice(c.sources[0].start, c.sources[0].end)).toBe(c.sources[0].passage);
      }
    }
  });

  it("never takes an opening's guiding thought, a 在…领导下 or a closing slogan for a fact", async () => {
    const ex = await extractSubmissions(files(), { parser: inProcess });
    for (const c of ex.candidates) expect(c.text).not.toMatch(/领导下|为指导|为指引|新篇章|更大贡献|贡献法院力量|以人民为中心/);
  });

  it("reads the role from the document's structure, and a plan inside the work part as a plan", async () => {
    const ex = await extractSubmissions(files(), { parser: inProcess });
    const by = (t: string) => ex.candidates.find((c) => c.text.includes(t))!;
    expect(by("缺编15%").role).toBe("问题");
    expect(by("尚未联网").role).toBe("问题");
    expect(by("新建智慧安防小区30个").role).toBe("打算");
    expect(by("刑事案件立案1234件").role).toBe("成效");
    expect(by("命案发案3起").workLine).toBe("平安建设");
    expect(by("司法确认调解协议318件").workLine).toBe("矛盾纠纷");
  });
});

describe("boilerplate is a rule over the clause, not a list of sentences", () => {
  const bp = (s: string) => isBoilerplate(clauseSignals(s));
  it("holds framing in any wording to be boilerplate", () => {
    expect(bp("在镇党委的统一领导下")).toBe(true);
    expect(bp("始终坚持以党的创新理论为指引")).toBe(true);
    expect(bp("为开创全镇平安建设新局面贡献更大力量")).toBe(true);
    expect(bp("认真贯彻落实上级关于政法工作的决策部署")).toBe(true);
  });
  it("keeps a figure, a named initiative or a concrete action, even in a sentence with framing words", () => {
    expect(bp("在县委领导下化解信访积案17件")).toBe(false);
    expect(bp("推行“院坝说事”议事制度")).toBe(false);
    expect(bp("建成镇级综治中心")).toBe(false);
    expect(bp("印发《网格员管理办法》")).toBe(false);
  });
  it("holds a stance, a slogan in quotes, a document merely followed and a frame of means or time to be boilerplate", () => {
    expect(bp("始终坚持“稳中求进”不放松")).toBe(true);
    expect(bp("大力弘扬“老黄牛”精神")).toBe(true);
    expect(bp("充分发挥综治中心的“前哨”作用")).toBe(true);
    expect(bp("认真学习贯彻《平安建设条例》")).toBe(true);
    expect(bp("严格落实“周例会”制度")).toBe(true);
    expect(bp("通过集中轮训、以案说法等方式")).toBe(true);
    expect(bp("凡是涉及群众切身利益的事项")).toBe(true);
    expect(bp("以“零容忍”的姿态整治作风顽疾")).toBe(true);
    expect(bp("在开展“平安家庭”创建期间")).toBe(true);
    expect(bp("镇党委始终坚持把综治工作摆在突出位置来抓")).toBe(true);
    expect(bp("基层调解员的业务能力有待进一步提高")).toBe(true);
    expect(bp("为全年目标顺利完成打下坚实基础")).toBe(true);
    expect(bp("以“三官进网格”为契机")).toBe(true);
  });
  it("keeps the same openings when they carry a figure, a blank count or a campaign carried out", () => {
    expect(bp("坚持每月排查一次，全年排查隐患46处")).toBe(false);
    expect(bp("通过集中轮训，培训网格员320人次")).toBe(false);
    expect(bp("召开专题推进会XX次")).toBe(false);
    expect(bp("开展“清源护苗”专项行动")).toBe(false);
    expect(bp("创新推出“板凳议事”小程序")).toBe(false);
    expect(bp("编印《调解员工作手册》")).toBe(false);
    expect(bp("依法打击盗窃电动车犯罪")).toBe(false);
  });
});

describe("units, merging and conflicts across files", () => {
  it("tags each file with the unit named in its title or file name", () => {
    expect(unitFromText("溪山县公安局2025年工作总结")).toBe("溪山县公安局");
    expect(unitFromText("关于报送溪山县人民法院2025年度工作情况的报告")).toBe("溪山县人民法院");
    expect(unitFromText("青石镇2025年综治工作总结.docx")).toBe("青石镇");
    expect(unitOf("工作总结", "县信访局材料.pdf")).toBe("县信访局");
    expect(unitOf("工作总结", "材料一.docx")).toBe("材料一");
  });

  it("merges one figure two units report alike, keeping both sources, and flags every planted conflict unticked", async () => {
    const ex = await extractSubmissions(files(), { parser: inProcess });
    expect(ex.files.map((f) => f.unit)).toEqual(["溪山县人民法院", "溪山县公安局", "溪山县司法局"]);
    const merged = ex.candidates.find((c) => c.text.includes("318件") && c.role === "成效")!;
    expect(merged.sources.map((s) => s.unit).sort()).toEqual(["溪山县人民法院", "溪山县司法局"]);
    const pairs = ex.conflicts.map((c) => c.entries.map((e) => e.raw).sort().join("/"));
    expect(pairs.sort()).toEqual(["1502件/1520件", "412人/421人", "856件/865件"]);
    for (const c of ex.conflicts) for (const e of c.entries) expect(ex.candidates.find((x) => x.id === e.candidateId)!.chosen).toBe(false);
    // Different things counted alike are no conflict: 排查 is not 审结, 受理 is not 调解成功.
    expect(ex.conflicts).toHaveLength(3);
  });

  it("keeps one bad file as that file's error and reads the others", async () => {
    const bad = { name: "损坏.docx", bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) };
    const ex = await extractSubmissions([...files(), bad], { parser: inProcess });
    expect(ex.files.at(-1)).toMatchObject({ file: "损坏.docx", status: "rejected" });
    expect(ex.files.at(-1)!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(ex.files.filter((f) => f.status === "read")).toHaveLength(3);
  });

  it("feeds the chosen candidates to the outline step unchanged, conflicts left for the writer", async () => {
    const ex = await extractSubmissions(files(), { parser: inProcess });
    const input = candidatesToInput(ex.candidates, "溪山县委政法委", 2025);
    expect(input.facts.some((f) => f.includes("865件") || f.includes("856件"))).toBe(false);
    expect(input.problems?.length).toBeGreaterThan(0);
    expect(input.plans?.length).toBeGreaterThan(0);
    const { outline, facts } = await prepareDraft(input, { store: null, logger: silentLogger });
    expect(facts.length).toBe(input.facts.length + input.problems!.length + input.plans!.length);
    expect(outline.sections.some((s) => s.role === "problems")).toBe(true);
    expect(candidatesToText(ex.candidates, "溪山县委政法委", 2025)).toMatch(/^单位：溪山县委政法委\n年度：2025\n- /);
  });
});

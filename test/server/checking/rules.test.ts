import { describe, expect, it } from "vitest";
import { testTempDir } from "../../helpers/temp.ts";
import { checkText } from "../../../server/checking/check.ts";
import { reportYear } from "../../../server/text/report.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { checkArithmetic } from "../../../server/checking/rules/arithmetic.ts";
import { checkOutdated } from "../../../server/checking/rules/outdated.ts";
import { checkPlaceholder } from "../../../server/checking/rules/placeholder.ts";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { checkPunctuation } from "../../../server/checking/rules/punctuation.ts";
import { checkRepetition } from "../../../server/checking/rules/repetition.ts";
import { lineCol } from "../../../server/text/chars.ts";
import { normalise } from "../../../server/text/normalise.ts";
import { loadPlanted, PLANTED_KINDS, scorePlanted } from "../../fixtures/check/planted.ts";
import { loadOfficeLists } from "../../../server/lists/office.ts";

const ctx = (year: number) => ({ year, registry: loadRegistry() });

describe("planted fixtures", () => {
  for (const kind of PLANTED_KINDS) {
    it(`finds every planted ${kind} case at its exact offsets and flags nothing else as ${kind}`, async () => {
      const p = loadPlanted(kind);
      expect(p.spans.length).toBeGreaterThan(2);
      const r = await checkText(p.text);
      const mine = r.findings.filter((f) => f.kind === kind);
      for (const s of p.spans) {
        expect(mine.some((f) => f.start === s.start && f.end === s.end), `missed ${JSON.stringify(s.text)} at ${s.start}`).toBe(true);
      }
      for (const f of mine) {
        expect(p.spans.some((s) => s.start === f.start && s.end === f.end), `false ${kind}: ${JSON.stringify(f.text)} (${f.message})`).toBe(true);
        expect(f.text).toBe(p.text.slice(f.start, f.end));
      }
      const score = scorePlanted(p, r.findings);
      expect(score.precision).toBe(1);
      expect(score.recall).toBe(1);
    });
  }
});

describe("check result", () => {
  it("sorts findings by offset, counts them by kind and severity and reports the time taken", async () => {
    const text = "某区2025年工作总结\n全年排查XX件,化解率达到％。\n大约100人左右参加。";
    const r = await checkText(text);
    const starts = r.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(r.stats.placeholder).toBe(r.findings.filter((f) => f.kind === "placeholder").length);
    expect(r.stats.total).toBe(r.findings.length);
    expect(r.stats.error + r.stats.warning + r.stats.info).toBe(r.findings.length);
    expect(r.stats.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("takes the year from the option, then the title, then the opening, then the clock", () => {
    expect(reportYear("某区委政法委2023年工作总结\n正文", 2025)).toBe(2025);
    expect(reportYear("某区委政法委2023年工作总结\n正文")).toBe(2023);
    expect(reportYear("2021年，在区委的坚强领导下，全区政法工作……")).toBe(2021);
    expect(reportYear("政法工作汇报\n近年来……")).toBe(new Date().getFullYear());
  });

  it("judges the same wording differently by report year", () => {
    const text = "全年扎实开展扫黑除恶专项斗争，深入学习贯彻党的十九大精神。";
    expect(checkOutdated(text, ctx(2019))).toEqual([]);
    const later = checkOutdated(text, ctx(2023));
    expect(later.map((f) => f.text)).toEqual(["党的十九大", "扫黑除恶专项斗争"].sort((a, b) => text.indexOf(a) - text.indexOf(b)));
    expect(later.find((f) => f.text === "扫黑除恶专项斗争")?.suggestion).toBe("常态化扫黑除恶斗争");
    expect(later.find((f) => f.text === "党的十九大")?.suggestion).toBe("党的二十大");
  });

  it("lets the office override the registry from the data folder", async () => {
    const { writeFile } = await import("node:fs/promises");
    const path = await import("node:path");
    const dir = testTempDir("zj-reg-");
    await writeFile(path.join(dir, "registry.json"), JSON.stringify({ campaigns: [{ name: "某某专项行动", start: "2020-01", end: "2020-12", replacement: "常态化专项工作" }] }));
    const r = await checkText("2024年工作总结\n继续开展某某专项行动。", { lists: loadOfficeLists(dir) });
    expect(r.findings.filter((f) => f.kind === "outdated").map((f) => f.text)).toEqual(["某某专项行动"]);
  });
});

describe("rules on tricky clean text", () => {
  it("does not take Latin words, codes or products for placeholders", () => {
    expect(checkPlaceholder("覆盖WiFi、wifi和Xbox，面积3×4米，编号〔2025〕3号，5G基站，占比85%。", ctx(2025))).toEqual([]);
  });

  it("keeps decimals, thousands and times in half-width", () => {
    expect(checkPunctuation("共1,000人，10:30开会，增长3.5%，English text, fine.", ctx(2025))).toEqual([]);
  });

  it("accepts legitimate reduplication and words that only share a character across a boundary", () => {
    const text = "常常深入基层，人人参与，层层压实，大大提升，学习习近平法治思想，改进工作作风，推进人民民主。";
    expect(checkRepetition(text, ctx(2025))).toEqual([]);
  });

  it("lets a body take up the words of its heading or of the title, but still flags a run repeated within the body", () => {
    const text = [
      "东城区委政法委2025年工作总结",
      "（四）深化平安建设，健全社会治安防控体系",
      "坚持以人民为中心，持续深化平安建设，健全立体化社会治安防控体系，东城区委政法委2025年工作总结提出的目标全部完成。",
    ].join("\n");
    expect(checkRepetition(text, ctx(2025))).toEqual([]);
    // The same run twice in the body is still reported.
    const twice = `${text}\n全区完善矛盾纠纷多元化解工作机制，又完善矛盾纠纷多元化解工作机制。`;
    const found = checkRepetition(twice, ctx(2025));
    expect(found).toHaveLength(1);
    expect(twice.slice(found[0].start, found[0].end)).toContain("完善矛盾纠纷多元化解工作机制");
    expect(found[0].start).toBeGreaterThan(text.length + 10);
    // The same with Markdown heading marks, as the CLI writes drafts.
    const md = text.replace("（四）", "### （四）").replace(/^东城/, "# 东城");
    expect(checkRepetition(md, ctx(2025))).toEqual([]);
    // Two 【待补】 notes may share their wording: each is a placeholder, not a repetition.
    const notes = `${text}\n二、存在的问题\n【待补】请根据本单位实际补充，本系统不代写问题。\n三、下一步工作打算\n【待补】请根据本单位实际补充，本系统不代写计划。`;
    expect(checkRepetition(notes, ctx(2025))).toEqual([]);
  });

  it("accepts a rate that agrees after rounding or truncation and skips approximate counts", () => {
    expect(checkArithmetic("排查6200件，调解成功6150件，成功率99.2%。", ctx(2025))).toEqual([]);
    expect(checkArithmetic("排查6200件，调解成功6150件，成功率99.1%。", ctx(2025))).toEqual([]);
    expect(checkArithmetic("排查6200件，调解成功6150件，成功率99%。", ctx(2025))).toEqual([]);
    expect(checkArithmetic("排查6200件，调解成功6150件，成功率100%。", ctx(2025))).toHaveLength(1);
    expect(checkArithmetic("排查约6200件，调解成功6150件，成功率90%。", ctx(2025))).toEqual([]);
  });

  it("suggests the computed rate", () => {
    const [f] = checkArithmetic("受理500件，办结480件，办结率98.5%。", ctx(2025));
    expect(f.suggestion).toBe("96.0%");
  });

  it("reads numbering that starts below the first level and restarts under each parent", () => {
    const text = "（一）政治建设\n1.学习\n2.培训\n（二）平安建设\n1.防控\n2.排查\n一是排查。二是化解。三是回访。\n一是再起一组。二是继续。";
    expect(checkNumbering(text, ctx(2025))).toEqual([]);
  });
});

describe("text helpers", () => {
  it("normalises away punctuation and keeps a map to original offsets", () => {
    const n = normalise("坚持，以ＡＢ 12人。");
    expect(n.text).toBe("坚持以ab12人");
    expect([...n.map]).toEqual([0, 1, 3, 4, 5, 7, 8, 9]);
  });
  it("gives 1-based line and column", () => {
    expect(lineCol("ab\ncd", 4)).toEqual({ line: 2, col: 2 });
  });
});

import { describe, expect, it } from "vitest";
import { buildFacts } from "../../../server/drafting/facts.ts";
import { checkOutline, proposeOutline } from "../../../server/drafting/outline.ts";
import { headingLabels } from "../../../server/text/headings.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import path from "node:path";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
const input = {
  unit: "东城区委政法委",
  year: 2025,
  facts: ["化解矛盾纠纷620件", "打掉涉恶团伙3个", "开展政法干警培训5期", "全区刑事案件发案数同比下降12%"],
  problems: ["基层力量不足"],
};

describe("outline", () => {
  it("puts one （一） per work line present, in the conventional order, between the opening and 二、三、", async () => {
    const facts = await buildFacts(input);
    const outline = proposeOutline(input, facts);
    expect(outline.title).toBe("东城区委政法委2025年工作总结");
    const level2 = outline.sections.filter((s) => s.level === 2).map((s) => s.workLine);
    expect(level2).toEqual(["队伍建设", "扫黑除恶", "平安建设", "矛盾纠纷"]);
    // Each title names only what its facts show (training → 政法队伍建设, not 党的绝对领导; no fact names 枫桥经验).
    expect(headingLabels(outline.sections).filter(Boolean)).toEqual([
      "一、主要工作及成效",
      "（一）加强政法队伍建设",
      "（二）推进常态化扫黑除恶斗争",
      "（三）深化平安建设",
      "（四）化解矛盾纠纷",
      "二、存在的问题",
      "三、下一步工作打算",
    ]);
    expect(outline.sections.find((s) => s.role === "problems")!.factIds).toEqual(["p1"]);
  });

  it("accepts an edited outline: renamed, reordered, a section dropped with its fact moved", async () => {
    const facts = await buildFacts(input);
    const outline = proposeOutline(input, facts);
    const work = outline.sections.filter((s) => s.level === 2);
    const dropped = work[0];
    const kept = work.slice(1).reverse();
    kept[0] = { ...kept[0], heading: "深入践行新时代“枫桥经验”", factIds: [...kept[0].factIds, ...dropped.factIds] };
    const edited = { ...outline, sections: [outline.sections[0], outline.sections[1], ...kept, ...outline.sections.filter((s) => s.level !== 2).slice(2)] };
    expect(checkOutline(edited, facts)).toEqual([]);
    const draft = await generateDraft({ ...input, outline: edited, options: { engine: "offline" } }, { model: null, prompts, logger: silentLogger }, () => {});
    const headings = headingLabels(draft.sections).filter((_, i) => draft.sections[i].level === 2);
    expect(headings[0]).toBe("（一）深入践行新时代“枫桥经验”");
    expect(draft.sections.find((s) => s.heading.includes("枫桥"))!.text).toContain("培训5期");
    expect(draft.warnings.filter((w) => w.code === "invented_figure" || w.code === "uncovered_fact")).toEqual([]);
  });

  it("warns about a fact the edited outline leaves out, and rejects unknown or duplicated facts", async () => {
    const facts = await buildFacts(input);
    const outline = proposeOutline(input, facts);
    const without = { ...outline, sections: outline.sections.filter((s) => !s.factIds.includes("f2")) };
    expect(checkOutline(without, facts).map((w) => [w.code, w.factId])).toEqual([["fact_unassigned", "f2"]]);
    const unknown = structuredClone(outline);
    unknown.sections[2].factIds.push("f99");
    expect(() => checkOutline(unknown, facts)).toThrow(/f99/);
    const dup = structuredClone(outline);
    dup.sections[3].factIds.push(dup.sections[2].factIds[0]);
    expect(() => checkOutline(dup, facts)).toThrow(/两个小节/);
    const orphan = structuredClone(outline);
    orphan.sections = orphan.sections.filter((s) => s.level !== 1);
    expect(() => checkOutline(orphan, facts)).toThrow(/一级标题/);
  });
});

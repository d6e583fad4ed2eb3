import { describe, expect, it } from "vitest";
import { buildFacts } from "../../../server/drafting/facts.ts";
import { cleanModelText } from "../../../server/drafting/writer-model.ts";
import { buildAuditSheet } from "../../../server/docx/audit.ts";
import { checkSectionText, describeProblems, factCovered, sectionWarnings } from "../../../server/drafting/verify.ts";

async function facts() {
  return buildFacts({
    unit: "东城区委政法委",
    year: 2025,
    facts: ["全年共排查矛盾纠纷1.2万件，调解成功率99.2%", "全区刑事案件发案数同比下降12.5%", "打掉涉恶团伙3个"],
  });
}

describe("number fidelity", () => {
  it("accepts input figures in another written form, the report year and the next, ordinals and fixed terms", async () => {
    const fs = await facts();
    const ctx = { facts: fs, unit: "东城区委政法委", year: 2025 };
    const text =
      "2025年，我区全面贯彻党的二十大和二十届二中、三中、四中全会精神，增强“四个意识”、坚定“四个自信”、做到“两个维护”。" +
      "一是排查矛盾纠纷12000件，调解成功率99.2%。二是刑事案件发案数同比下降12.5%。第三，打掉涉恶团伙三个。2026年将继续努力。";
    expect(checkSectionText(text, [], ctx).invented).toEqual([]);
  });

  it("finds an invented figure with its exact position, and a changed one", async () => {
    const fs = await facts();
    const ctx = { facts: fs, unit: "东城区委政法委", year: 2025 };
    const text = "排查矛盾纠纷1.2万件，化解信访积案48件，调解成功率99.5%。2023年以来成效明显。";
    const { invented } = checkSectionText(text, [], ctx);
    expect(invented.map((f) => f.raw)).toEqual(["48件", "99.5%", "2023年"]);
    for (const f of invented) expect(text.slice(f.start, f.end)).toBe(f.raw);
  });
});

describe("coverage", () => {
  it("needs a fact's figures and key terms in one sentence, not spread over two", async () => {
    const [f1] = await facts();
    expect(factCovered("全年排查化解矛盾纠纷1.2万件，调解成功率达99.2%。", f1)).toBe(true);
    expect(factCovered("全年排查化解矛盾纠纷1.2万件。调解成功率达99.2%。", f1)).toBe(false);
    expect(factCovered("全年完成各项任务1.2万件，成功率99.2%。", f1)).toBe(false);
  });

  it("tells the model exactly what is wrong for the repair round", async () => {
    const fs = await facts();
    const text = "打掉涉恶团伙3个，破获案件77起。";
    const check = checkSectionText(text, fs, { facts: fs, unit: "东城区委政法委", year: 2025 });
    const msg = describeProblems(check, text);
    expect(msg).toContain("“77起”不在要点中");
    expect(msg).toContain("[f1]");
    expect(msg).toContain("[f2]");
    expect(msg).not.toContain("[f3]");
  });
});

describe("cleaning model output", () => {
  it("drops a repeated heading, Markdown marks and bullets but keeps the text", () => {
    const raw = "```\n### （二）推进常态化扫黑除恶斗争\n\n**一是**打掉涉恶团伙3个。\n- 二是起诉案件9件。\n```";
    expect(cleanModelText(raw, "（二）推进常态化扫黑除恶斗争")).toBe("一是打掉涉恶团伙3个。\n二是起诉案件9件。");
    expect(cleanModelText("好的，以下是本节正文：\n\n坚持依法严惩。", "（二）推进常态化扫黑除恶斗争")).toBe("坚持依法严惩。");
  });
});

describe("derived figures", () => {
  const UNIT = "青河县委政法委";
  const derivedFacts = () =>
    buildFacts({ unit: UNIT, year: 2025, facts: ["受理信访事项240件，办结228件", "调解纠纷300件，其中村级调解180件", "群众满意率96.5%，上年为94.1%"] });

  it("accepts a share, a difference or a change in points worked out from figures of the same sentence, and says how", async () => {
    const fs = await derivedFacts();
    const ctx = { facts: fs, unit: UNIT, year: 2025 };
    const text = "全年受理信访事项240件，办结228件，办结率95%。调解纠纷300件，其中村级调解180件、镇级调解120件。群众满意率96.5%，比上年的94.1%提高2.4个百分点。";
    const check = checkSectionText(text, [], ctx);
    expect(check.invented).toEqual([]);
    expect(check.derived.map((d) => [d.raw, d.formula, d.by])).toEqual([
      ["95%", "228 ÷ 240 × 100% = 95%", "sentence"],
      ["120件", "300 − 180 = 120", "sentence"],
      ["2.4个百分点", "96.5% − 94.1% = 2.4个百分点", "sentence"],
    ]);
    const warnings = sectionWarnings({ id: "s1" }, check, text);
    expect(warnings.filter((w) => w.code === "derived_figure").map((w) => w.message)[0]).toContain("228 ÷ 240 × 100% = 95%");
  });

  it("refuses a wrong result and operands from another sentence", async () => {
    const fs = await derivedFacts();
    const ctx = { facts: fs, unit: UNIT, year: 2025 };
    expect(checkSectionText("受理信访事项240件，办结228件，办结率96%。", [], ctx).invented.map((f) => f.raw)).toEqual(["96%"]);
    expect(checkSectionText("受理信访事项240件。办结228件，办结率95%。", [], ctx).invented.map((f) => f.raw)).toEqual(["95%"]);
  });

  it("takes a 同比 change the writer worked out only once confirmed, with its formula either way, as the audit sheet does", async () => {
    const fs = await derivedFacts();
    const text = "受理信访事项240件，同比上升20%。";
    const d = { kind: "percent" as const, value: 20, formula: "（240 − 200）÷ 200 × 100% = 20%" };
    const open = checkSectionText(text, [], { facts: fs, unit: UNIT, year: 2025, derivations: [{ ...d, confirmed: false }] });
    const at = text.indexOf("20%");
    expect(open.invented).toEqual([{ raw: "20%", start: at, end: at + 3, formula: d.formula }]);
    expect(sectionWarnings({ id: "s1" }, open, text)[0].message).toContain("尚未确认");
    const done = checkSectionText(text, [], { facts: fs, unit: UNIT, year: 2025, derivations: [{ ...d, confirmed: true }] });
    expect(done.invented).toEqual([]);
    expect(done.derived).toEqual([{ raw: "20%", start: at, end: at + 3, formula: d.formula, by: "writer" }]);
    // The audit sheet licenses figure by figure as the check does.
    for (const confirmed of [false, true]) {
      const draft = { unit: UNIT, year: 2025, facts: fs, sections: [{ id: "s1", role: "work" as const, heading: "信访工作", level: 1, workLine: null, factIds: [], text: text + "全年受理240件，办结228件，办结率95%。", sources: [], status: "done" as const }] };
      const check = checkSectionText(draft.sections[0].text, [], { facts: fs, unit: UNIT, year: 2025, derivations: [{ ...d, confirmed }] });
      const sheet = buildAuditSheet(draft, [], [{ ...d, confirmed }]);
      expect(sheet.filter((e) => e.unsourced).map((e) => e.text)).toEqual(check.invented.map((f) => f.raw));
      expect(sheet.filter((e) => e.formula).map((e) => [e.text, e.formula])).toEqual([["20%", d.formula], ["95%", "228 ÷ 240 × 100% = 95%"]]);
    }
  });
});

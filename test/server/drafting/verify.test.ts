import { describe, expect, it } from "vitest";
import { buildFacts } from "../../../server/drafting/facts.ts";
import { cleanModelText } from "../../../server/drafting/writer-model.ts";
import { checkSectionText, describeProblems, factCovered } from "../../../server/drafting/verify.ts";

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

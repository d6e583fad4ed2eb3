import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { checkNumberConsistency } from "../../../server/checking/rules/number-consistency.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { chineseInteger, parseChineseNumeral } from "../../../server/text/numerals.ts";

const ctx = { year: 2025, registry: loadRegistry() };
const fix = (text: string) => checkNumberForm(text, ctx).map((f) => [f.text, f.suggestion]);

describe("number forms (GB/T 15835)", () => {
  it("writes a two-digit calendar year in full, in the report's century", () => {
    expect(fix("23年以来，工作稳步推进；自24年上半年起")).toEqual([["23年", "2023年"], ["24年", "2024年"]]);
    expect(fix("截至99年底")).toEqual([["99年", "1999年"]]);
  });

  it("writes a percentage in Arabic digits with % alone, never after 百分之", () => {
    expect(fix("调解成功率达到百分之98%，结案率百分之95.5")).toEqual([["百分之98%", "98%"], ["百分之95.5", "95.5%"]]);
    expect(fix("调解成功率达到98%，结案率95.5%")).toEqual([]);
    expect(fix("调解成功率达到百分之九十八")).toEqual([]);
  });

  it("leaves durations and full years alone", () => {
    expect(fix("连续工作23年，2024年全年，服役12年")).toEqual([]);
  });

  it("replaces 千/百 after Arabic digits with the number, but not units such as 千米", () => {
    expect(fix("培训3千人次，发放5百份，投入1.5千元")).toEqual([["3千", "3000"], ["5百", "500"], ["1.5千", "1500"]]);
    expect(fix("道路3千米，功率5千瓦，1.2万元")).toEqual([]);
  });

  it("drops the 顿号 in an adjacent-numeral estimate, never in a list", () => {
    expect(fix("持续三、四天，一、二、三项工作")).toEqual([["三、四", "三四"]]);
  });
});

describe("one form per kind in a document (GB/T 15835)", () => {
  const consistency = (text: string) => checkNumberConsistency(text);
  const STATS = "全年受理矛盾纠纷1260件，调解成功1245件，排查重点人员86人，化解率98.8%，群众满意度97.5%，2024年以来持续推进。";

  it("reports the 汉字 statistics in a text that writes them in Arabic, with the Arabic form", () => {
    const text = `${STATS}其中十二人已落实稳控，三十余名网格员参与走访，满意度达百分之九十七点五。`;
    expect(consistency(text).map((f) => [f.text, f.suggestion])).toEqual([
      ["十二人", "12人"],
      ["三十余名", "30余名"],
      ["百分之九十七点五", "97.5%"],
    ]);
  });

  it("reports as info, naming the majority form and how many times each form occurs", () => {
    const [f] = consistency(`${STATS}另有十二人参与。`);
    expect(f.severity).toBe("info");
    expect(f.kind).toBe("number");
    expect(f.message).toContain("本文多用阿拉伯数字");
    expect(f.message).toContain("阿拉伯数字3处、汉字1处");
  });

  it("widens a 汉字 date to month and day and converts it whole", () => {
    const text = `2025年工作总结\n2025年，全县政法工作稳步推进。\n某县委政法委\n二〇二五年十二月二十日`;
    expect(consistency(text).map((f) => [f.text, f.suggestion])).toEqual([["二〇二五年十二月二十日", "2025年12月20日"]]);
  });

  it("reports the Arabic figures when 汉字 is the majority, converting to 汉字 where certain", () => {
    const text = "共化解纠纷十二件，帮扶困难群众三十五户，走访一百零五人，另有18人参加培训；二〇二四年以来，二〇二四年底前完成，2025年继续。";
    const found = consistency(text).map((f) => [f.text, f.suggestion]);
    expect(found).toEqual([["18人", "十八人"], ["2025年", "二〇二五年"]]);
    expect(consistency(text)[0].message).toContain("本文多用汉字");
    expect(consistency(text)[0].message).toContain("或全文统一为阿拉伯数字");
  });

  it("leaves an Arabic figure with 千/百 to the rule that already flags it", () => {
    expect(checkNumberForm("化解纠纷十二件，走访三十户，帮扶五十五人，培训3千人次。", ctx).map((f) => f.text)).toEqual(["3千"]);
  });

  it("on a tie reports the 汉字 forms, since GB/T 15835 §4.1.1 asks Arabic for figures used to measure", () => {
    const found = consistency("二〇二四年受理12件，2024年底办结十五件。");
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([["二〇二四年", "2024年"], ["十五件", "15件"]]);
    expect(found[0].message).toContain("各占一半");
  });

  it("keeps what surrounds the numeral: 约, 余, 以上, 左右", () => {
    const text = `${STATS}抓获45人、78人，约百分之五十以上的纠纷在村级化解，近十二人次、一万余人、二十名左右、两千余人。`;
    expect(consistency(text).map((f) => [f.text, f.suggestion])).toEqual([
      ["约百分之五十以上", "约50%以上"],
      ["近十二人次", "近12人次"],
      ["一万余人", "1万余人"],
      ["二十名左右", "20名左右"],
      ["两千余人", "2000余人"],
    ]);
  });

  it("uses the percent sign the text already uses", () => {
    expect(consistency("化解率98.8％，满意度97.5％，回访率百分之百，覆盖率达百分之九十。").map((f) => f.suggestion)).toEqual(["90％"]);
  });

  it("ignores fixed terms, set phrases, estimates, durations, 两 and single 一", () => {
    const text = `${STATS}坚持以习近平新时代中国特色社会主义思想为指导，学习贯彻党的二十届三中全会精神，增强“四个意识”、做到“两个维护”，落实中央八项规定精神。` +
      "一是推进一村一警、一站式化解，一把手亲自抓；二是开展百日会战，落实三年行动，统筹发展和安全两件大事，办好十件实事，成立五人小组。" +
      "按照排查、化解、回访三个环节推进，聚焦四项举措，近两年以来第一次一体化推进“十四五”规划，三四天内与公安一起排查，两名干部驻村，三成群众参与，数十名志愿者、十来人、几十件、上百人，连续十五年保持平安县称号，二十天内办结，公检法三家单位会商，推行三所一庭、十户联防。";
    expect(consistency(text)).toEqual([]);
  });

  it("reports nothing when each kind keeps to one form", () => {
    expect(consistency(STATS)).toEqual([]);
    expect(consistency("化解纠纷十二件，走访三十户，二〇二四年以来满意度百分之九十。")).toEqual([]);
  });

  it("is part of the number rule", () => {
    expect(checkNumberForm(`${STATS}其中十二人已落实稳控。`, ctx).map((f) => f.text)).toEqual(["十二人"]);
  });

  it("writes integers in 汉字 that read back to the same number", () => {
    for (let n = 0; n < 100000; n += n < 2000 ? 1 : 37) expect(parseChineseNumeral(chineseInteger(n)!), String(n)).toBe(n);
    expect([10, 12, 105, 1010, 30080, 120000].map(chineseInteger)).toEqual(["十", "十二", "一百零五", "一千零一十", "三万零八十", "十二万"]);
  });
});

describe("one percent sign in a document", () => {
  it("reports the minority sign with the majority as its suggestion, and leaves a tie alone", () => {
    const text = "调解成功率98.5%，群众安全感99.1%，破案率提升3.2％，见义勇为奖励覆盖率100%。";
    const found = checkNumberConsistency(text).filter((f) => f.text === "％" || f.text === "%");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "number", severity: "info", text: "％", suggestion: "%" });
    expect(text.slice(found[0].start, found[0].end)).toBe("％");
    expect(found[0].message).toMatch(/“%”3处、“％”1处/);
    expect(checkNumberConsistency("成功率98.5%，安全感99.1％。").filter((f) => /[%％]/.test(f.text))).toEqual([]);
    // A percent sign not after a figure (a table header, 百分号) is not counted.
    expect(checkNumberConsistency("单位：％。成功率98.5%，安全感99.1%。")).toEqual([]);
  });
});

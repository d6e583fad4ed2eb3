import { describe, expect, it } from "vitest";
import { diffFigures, extractFigures, figureKey, inventedFigures } from "../../../server/numbers/index.ts";
import { parseChineseNumeral } from "../../../server/text/numerals.ts";

const pick = (text: string) => extractFigures(text).map((f) => [f.raw, f.value, f.kind]);

describe("parseChineseNumeral", () => {
  it.each([
    ["十", 10], ["十二", 12], ["二十三", 23], ["一百零五", 105], ["三千二百", 3200], ["两万", 20000],
    ["一万二千", 12000], ["三亿五千万", 350_000_000], ["二〇二五", 2025], ["五十六", 56],
  ])("reads %s as %d", (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });
  it("refuses malformed runs", () => {
    expect(parseChineseNumeral("")).toBeNull();
    expect(parseChineseNumeral("万")).toBeNull();
    expect(parseChineseNumeral("三四十")).toBeNull();
  });
});

describe("extractFigures", () => {
  it("normalises Arabic numbers with 万/亿 multipliers and approximations", () => {
    const [a, b, c] = extractFigures("受理1.2万余件，涉及近300人，投入50万元");
    expect([a.value, a.unit, a.approx]).toEqual([12000, "件", "余"]);
    expect([b.value, b.unit, b.approx, b.raw]).toEqual([300, "人", "近", "近300人"]);
    expect([c.value, c.unit]).toEqual([500000, "元"]);
  });

  it("scales a figure by the place after its qualifier (40余万元, 300多万, 三十多万) as by one before it", () => {
    const fs = extractFigures("追回财物40余万元，投入300多万元，补助三十多万元，挽损40来万，另有40万元左右");
    expect(fs.map((f) => [f.value, f.approx])).toEqual([[400000, "余"], [3000000, "多"], [300000, "多"], [400000, "来"], [400000, "左右"]]);
    expect(fs.slice(0, 3).map((f) => f.unit)).toEqual(["元", "元", "元"]);
  });

  it("tells percents, percentage points and years apart", () => {
    expect(pick("调解成功率99.2%，高于全市平均水平2.3个百分点，2025年")).toEqual([
      ["99.2%", 99.2, "percent"], ["2.3个百分点", 2.3, "points"], ["2025年", 2025, "year"],
    ]);
    expect(pick("百分之九十五的群众满意，发案下降三成")).toEqual([["百分之九十五", 95, "percent"], ["三成", 30, "percent"]]);
  });

  it("reads Chinese numerals only before a measure word", () => {
    expect(pick("共计五十六人参加，十分重视，进一步加强")).toEqual([["五十六人", 56, "number"]]);
  });

  it("skips list markers, 一是/二是, fixed terms and quoted names", () => {
    const text = "（一）坚持党的领导\n1.深学细悟。一是落实两个维护，增强四个意识，开展三个“一批”，实施“1+5+N”机制。\n二、存在的问题";
    expect(extractFigures(text)).toEqual([]);
  });

  it("marks 第N as an ordinal and records the direction of a change", () => {
    const [o] = extractFigures("第3季度");
    expect(o.kind).toBe("ordinal");
    const [d] = extractFigures("刑事案件同比下降12.3%");
    expect(d.direction).toBe("down");
    const [u] = extractFigures("破案率同比提高5个百分点");
    expect(u.direction).toBe("up");
  });

  it("keeps exact offsets, including with full-width digits", () => {
    const text = "全年排查纠纷６２００件，调解成功6150件。";
    for (const f of extractFigures(text)) expect(text.slice(f.start, f.end)).toBe(f.raw);
    expect(extractFigures(text)[0].value).toBe(6200);
  });

  it("does not read codes glued to Latin letters as figures", () => {
    expect(extractFigures("建成5G基站和4K监控")).toEqual([]);
  });
});

describe("comparing figures", () => {
  it("treats 1.2万 and 12000 as the same quantity", () => {
    const [a] = extractFigures("1.2万件");
    const [b] = extractFigures("12000件");
    expect(figureKey(a)).toBe(figureKey(b));
  });

  it("finds invented figures but allows the report year and ordinals", () => {
    const inputs = extractFigures("化解纠纷3200件，成功率99.2%");
    const out = extractFigures("2025年，第一阶段化解纠纷3200件，成功率99.2%，满意度98%");
    expect(inventedFigures(inputs, out, { years: [2025, 2026] }).map((f) => f.raw)).toEqual(["98%"]);
  });

  it("diffFigures reports added and dropped figures as multisets", () => {
    const src = extractFigures("排查6200件，调解6150件");
    const out = extractFigures("排查6200件，调解6200件");
    const { added, missing } = diffFigures(src, out);
    expect(added.map((f) => f.raw)).toEqual(["6200件"]);
    expect(missing.map((f) => f.raw)).toEqual(["6150件"]);
  });
});

describe("party congress and plenum names", () => {
  it("are never figures", () => {
    expect(extractFigures("深入学习贯彻党的二十大和二十届二中、三中、四中全会精神，十九届四中全会")).toEqual([]);
  });
});

describe("approximate figures compare by meaning", () => {
  const diff = (a: string, b: string) => {
    const { added, missing } = diffFigures(extractFigures(a), extractFigures(b));
    return added.length + missing.length;
  };
  it.each([
    ["摸排出七十多处隐患", "摸排出70余处隐患"],
    ["摸排出七十余处隐患", "摸排出70多处隐患"],
    ["摸排出70来处隐患", "摸排出约70处隐患"],
    ["摸排出70处左右隐患", "摸排出七十多处隐患"],
    ["走访了四百多户", "走访400余户"],
    ["走访了四百多户", "走访400多户"],
    ["满意的占百分之八十几", "满意率达80%以上"],
    ["满意的占百分之八十几", "满意率超过80%"],
    ["培训了1500来人", "培训1500人左右"],
    ["培训了一千五百来人", "培训约1500人"],
    ["查了十几个窝点", "查处10余个窝点"],
    ["收了三百出头的线索", "收到线索300余条"],
    ["大概八成已经办结", "约80%已办结"],
    ["开了三次会", "召开会议3次"],
    ["还有一件没结", "尚有1件未办结"],
    ["有个村还没装", "尚有1个村未安装"],
    ["其中有一批是外地来的", "其中1批为外地人员"],
  ])("%s ≡ %s, both ways", (a, b) => {
    expect(diff(a, b)).toBe(0);
    expect(diff(b, a)).toBe(0);
  });

  it.each([
    ["摸排出七十多处隐患", "摸排出70处隐患"],
    ["摸排出70余处隐患", "摸排出70处隐患"],
    ["摸排出七十多处隐患", "摸排出80余处隐患"],
    ["培训了1500来人", "培训1600人左右"],
    ["满意的占百分之八十几", "满意率达90%以上"],
    ["走访了近四百户", "走访400余户"],
    ["还有一件没结", "尚有2件未办结"],
    ["还有一件没结", "尚有1件未办结，另有1件在审"],
    ["安排了一批骨干", "安排了1批骨干"],
  ])("%s → %s is a change, both ways", (a, b) => {
    expect(diff(a, b)).toBeGreaterThan(0);
    expect(diff(b, a)).toBeGreaterThan(0);
  });

  it("keeps a lone 一 out of the figures the checker sees", () => {
    expect(extractFigures("还有一件没结，一批骨干，进一步加强")).toEqual([]);
  });
});

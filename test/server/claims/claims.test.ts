import { describe, expect, it } from "vitest";
import { claimsBeyondFacts, compareClaims, splitClauses } from "../../../server/claims/compare.ts";
import { clauseClaims } from "../../../server/claims/markers.ts";
import { extractNames, unitNames } from "../../../server/claims/names.ts";
import { figureViolations } from "../../../server/rewrite/rewrite.ts";
import { PAIRS, UNIT } from "./pairs.ts";

const kinds = (before: string, after: string) => [...new Set(compareClaims(before, after, { unit: UNIT }).map((c) => c.kind))].sort();

describe("claims of a rewrite, hand-written pairs", () => {
  it.each(PAIRS)("$before → $after", ({ before, after, changed }) => {
    // Every pair keeps its figures: the figure guard alone would let each of them through.
    const f = figureViolations(before, after);
    expect([...f.added, ...f.missing]).toEqual([]);
    expect(kinds(before, after)).toEqual([...changed].sort());
  });

  it("catches every unfaithful pair and passes every faithful one", () => {
    const unfaithful = PAIRS.filter((p) => p.changed.length > 0);
    const faithful = PAIRS.filter((p) => p.changed.length === 0);
    expect(unfaithful.filter((p) => kinds(p.before, p.after).length > 0)).toHaveLength(unfaithful.length);
    expect(faithful.filter((p) => kinds(p.before, p.after).length === 0)).toHaveLength(faithful.length);
    // Each guard has at least one case of its own and one faithful control in its group.
    for (const k of ["status", "negation", "modality", "scope", "approval", "name"]) expect(unfaithful.some((p) => p.changed.includes(k as never))).toBe(true);
  });

  it("says which claim changed, with the wording before and after and the clauses they sit in", () => {
    const [c] = compareClaims("计划年内建成综治中心3个", "年内已建成综治中心3个");
    expect(c).toMatchObject({ kind: "status", before: "计划", after: "已", beforeText: "计划年内建成综治中心3个", afterText: "年内已建成综治中心3个" });
    expect(c.message).toContain("计划中");
    expect(c.message).toContain("已完成");
  });
});

describe("what a clause claims", () => {
  it("reads a plan as governing the completion verb after it", () => {
    expect(clauseClaims("计划年内建成").status).toBe("planned");
    expect(clauseClaims("年内建成").status).toBe("done");
    expect(clauseClaims("正在建设").status).toBe("ongoing");
  });

  it("does not read negation into words that negate nothing", () => {
    for (const s of ["不断加强", "未成年人保护", "不仅如此", "打击非法集资", "无人机巡查", "不少群众"]) expect(clauseClaims(s).negations, s).toBe(0);
    for (const s of ["未发生", "没有实现", "尚未建成", "不够熟练", "无一遗漏"]) expect(clauseClaims(s).negations, s).toBe(1);
  });

  it("splits clauses and drops their enumeration markers", () => {
    expect(splitClauses("一是建成3个；二是计划建设2个。").map((c) => c.text)).toEqual(["建成3个", "计划建设2个"]);
  });
});

describe("proper names", () => {
  it("finds people, places, units and quoted projects, and no generic ones", () => {
    const names = extractNames("王小明同志带领西山县青石镇派出所、大河村调委会推进“雪亮工程”，全县各乡镇积极参与。").map((n) => n.text);
    expect(names).toEqual(expect.arrayContaining(["王小明", "“雪亮工程”", "大河村"]));
    expect(names.some((n) => n.includes("青石镇"))).toBe(true);
    expect(names.some((n) => /各乡镇|全县/.test(n))).toBe(false);
  });

  it("lets a unit name itself and its superiors", () => {
    const allowed = unitNames("西山县委政法委");
    expect(allowed).toEqual(expect.arrayContaining(["西山县委政法委", "西山县", "县委", "市委政法委", "中央政法委"]));
  });
});

describe("a drafted section against its facts", () => {
  const facts = ["计划年内建成综治中心3个", "初步建立矛盾纠纷多元化解机制"];

  it("passes a section that states its facts as they are, among stock lines", () => {
    const text = "坚持和发展新时代“枫桥经验”，着力把矛盾化解在基层。一是计划年内建成综治中心3个。二是初步建立矛盾纠纷多元化解机制。";
    expect(claimsBeyondFacts(text, facts, { unit: UNIT, allowed: ["“枫桥经验”"] })).toEqual([]);
  });

  it("flags a section that reports a plan as done, inflates a scope, or names a village the facts never mention", () => {
    const text = "一是年内已建成综治中心3个。二是全面建立矛盾纠纷多元化解机制，大河村率先试点。";
    const found = claimsBeyondFacts(text, facts, { unit: UNIT }).map((c) => c.kind).sort();
    expect(found).toEqual(["name", "scope", "status"]);
  });

  it("allows the unit and its superior, and an approval only when a fact has it", () => {
    expect(claimsBeyondFacts("在县委的坚强领导下，西山县委政法委初步建立矛盾纠纷多元化解机制。", facts, { unit: UNIT })).toEqual([]);
    expect(claimsBeyondFacts("经县委常委会审议，初步建立矛盾纠纷多元化解机制。", facts, { unit: UNIT }).map((c) => c.kind)).toEqual(["approval"]);
  });
});

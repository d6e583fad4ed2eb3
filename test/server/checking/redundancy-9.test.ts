import { describe, expect, it } from "vitest";
import { checkRedundancy } from "../../../server/checking/rules/redundancy.ts";
import { checkGrammarFrames } from "../../../server/checking/rules/grammar-frames.ts";

// Issue 16, redundancy as a class (our own sentences): each class is decided by the kind of its parts,
// with official prose as the veto, and the neighbouring correct forms stay silent.

const spans = (fs: Array<{ text: string; suggestion?: string }>) => fs.map((f) => [f.text, f.suggestion ?? null]);

describe("成分赘余: a verb whose second morpheme marks where it ends (入/及/乎/至) + 到/于", () => {
  it("reports the class, not a list: 入, 乎, 及 verbs the rule names nowhere", () => {
    expect(spans(checkRedundancy("将矛盾纠纷排查纳入到网格化管理。"))).toEqual([["纳入到", "纳入"]]);
    expect(spans(checkRedundancy("这项工作关乎到群众切身利益。"))).toEqual([["关乎到", "关乎"]]);
    expect(spans(checkRedundancy("主动融入到全市发展大局之中。"))).toEqual([["融入到", "融入"]]);
    expect(spans(checkRedundancy("整治行动触及到深层次问题。"))).toEqual([["触及到", "触及"]]);
    expect(spans(checkRedundancy("相关数据均已录入于系统。"))).toEqual([["录入于", "录入"]]);
  });
  it("runs inside the whole frame check", () => {
    expect(spans(checkGrammarFrames("全力投入到平安建设中。"))).toEqual([["投入到", "投入"]]);
  });
  it("leaves 到 that begins a word of its own, a verb opened by an adjective, and verbs without the morpheme", () => {
    expect(checkRedundancy("部分贷款进入到期阶段。")).toEqual([]);
    expect(checkRedundancy("干部深入到基层一线。")).toEqual([]);
    expect(checkRedundancy("把责任落实到每个岗位。")).toEqual([]);
    expect(checkRedundancy("覆盖面扩大到全部乡镇。")).toEqual([]);
    expect(checkRedundancy("纳入网格化管理。")).toEqual([]);
  });
  it("leaves a pair that official prose writes (涉及到 is in the national reports; the repetition list names it)", () => {
    expect(checkRedundancy("涉及到群众利益的问题。")).toEqual([]);
  });
});

describe("语义重复: two adverbs of one sense side by side", () => {
  it("reports two neighbours of one group", () => {
    expect(spans(checkRedundancy("部分群众的诉求仍然还没有解决。"))).toEqual([["仍然还", "仍然"]]);
    expect(spans(checkRedundancy("各单位均都按时报送了材料。"))).toEqual([["均都", "均"]]);
    expect(spans(checkRedundancy("务必一定要抓好落实。"))).toEqual([["务必一定", "务必"]]);
    expect(spans(checkRedundancy("发现问题后立即马上整改。"))).toEqual([["立即马上", "立即"]]);
    expect(spans(checkRedundancy("这项工作已经早已部署。"))).toEqual([["已经早已", "已经"]]);
  });
  it("leaves adverbs of different senses, the same adverb, and characters inside longer words", () => {
    expect(checkRedundancy("问题仍然都没有解决。")).toEqual([]);
    expect(checkRedundancy("与国际社会一道共同应对。")).toEqual([]);
    expect(checkRedundancy("首都都市圈建设加快。")).toEqual([]);
    expect(checkRedundancy("人均收入还在增长。")).toEqual([]);
  });
});

/**
 * The claim guard reads meanings: what refuses a rewrite (strong evidence) and what only flags it for
 * the writer, and generated colloquial ↔ formal pairs over marker tables and clause templates, with a
 * planted change of every kind that must be refused. All sentences here are written for the test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareClaims } from "../../../server/claims/compare.ts";
import type { ClaimKind } from "../../../server/claims/types.ts";
import { refusing } from "../../../server/claims/types.ts";
import { claimOptions, figureJudgement } from "../../../server/rewrite/figure-judgement.ts";
import type { RewriteMode } from "../../../server/rewrite/types.ts";
import { RUNS } from "../properties/arbitraries.ts";

const UNIT = "西山县委政法委";
const held = (before: string, after: string, mode: RewriteMode = "polish") => compareClaims(before, after, { unit: UNIT, ...claimOptions(mode) });
const refusedKinds = (before: string, after: string, mode: RewriteMode = "polish") => [...new Set(refusing(held(before, after, mode)).map((c) => c.kind))];
const flaggedKinds = (before: string, after: string, mode: RewriteMode = "polish") => held(before, after, mode).filter((c) => c.weak).map((c) => c.kind);

describe("refused (a claim changed) apart from flagged (weaker evidence, shown beside an accepted rewrite)", () => {
  it("refuses a plan, work in progress or unfinished work said to be done, and done work said to be planned", () => {
    expect(refusedKinds("打算下个月把台账报上去。", "台账已报送。")).toContain("status");
    expect(refusedKinds("调解室还在装修。", "调解室已装修完毕。")).toContain("status");
    expect(refusedKinds("今年搞了两次廉政教育。", "今年计划开展廉政教育2次。")).toContain("status");
    expect(refusedKinds("培训准备下周搞。", "培训已于本周举办。")).toContain("status");
    expect(refusedKinds("当事人答应把钱退回来。", "当事人已退回款项。")).toContain("status");
  });

  it("only flags 正在 said or left out, and a plan word put on what the note already places in the future", () => {
    expect(refusedKinds("我们在跟住建局对接。", "与住建局对接。")).toEqual([]);
    expect(flaggedKinds("我们在跟住建局对接。", "与住建局对接。")).toContain("status");
    expect(refusedKinds("月底前想办法再催一催。", "计划月底前继续督促。")).toEqual([]);
  });

  it("refuses a negation dropped or added, and only flags a count of negations on the same side of yes and no", () => {
    expect(refusedKinds("没发现新的隐患。", "发现新的隐患。")).toContain("negation");
    expect(refusedKinds("当事人一直不签字。", "当事人已签字确认。")).toContain("negation");
    expect(refusedKinds("还差两个村没交。", "尚有2个村未报送。")).toEqual([]);
    expect(refusedKinds("其中一户一直不签字。", "其中1户一直未签字而未能办结。")).toEqual([]);
  });

  it("reads a hedge and a legal suspicion as different claims, and loose amounts as amounts", () => {
    expect(refusedKinds("有点像传销。", "涉嫌传销。")).toContain("modality");
    expect(refusedKinds("有点像传销。", "疑似传销。")).toEqual([]);
    expect(refusedKinds("反对的人不少。", "反对意见较少。")).toContain("scope");
    expect(refusedKinds("来咨询的不多。", "咨询量较少。")).toEqual([]);
  });

  it("turns a scope round under a negation: a limit added to what is not done says the rest is done", () => {
    expect(refusedKinds("村里的调解室还没建起来。", "部分村调解室尚未建成。")).toContain("scope");
    expect(refusedKinds("有的村调解室还没建起来。", "部分村调解室尚未建成。")).toEqual([]);
    // Outside a negation a limit added says less than the note: a flag, as before.
    expect(refusedKinds("村里的调解室建起来了。", "部分村调解室已建成。")).toEqual([]);
    expect(flaggedKinds("村里的调解室建起来了。", "部分村调解室已建成。")).toContain("scope");
  });

  it("names offices and levels: a 副 dropped or a level raised is a changed name", () => {
    expect(refusedKinds("副县长来过一次。", "县长到场1次。")).toContain("name");
    expect(refusedKinds("报的那个市级的批下来了。", "申报的省级示范点已获批准。")).toContain("name");
    expect(refusedKinds("县局说可以先试。", "县公安局表示可以先行试点。")).toEqual([]);
  });

  it("lets a shortening leave out a name or a figure, shown to the writer, never a polish", () => {
    const note = "我们跟派出所一起查了3家网吧，罚了1家。";
    expect(refusedKinds(note, "检查网吧3家，处罚1家。", "shorten")).toEqual([]);
    expect(flaggedKinds(note, "检查网吧3家，处罚1家。", "shorten")).toContain("name");
    expect(refusedKinds(note, "检查网吧3家，处罚1家。", "polish")).toContain("name");
    const short = figureJudgement("每个村报了3个，一共45个人参加培训。", "45人参加培训。", "shorten");
    expect(short.refusal.missing).toEqual([]);
    expect(short.dropped.map((f) => f.value)).toEqual([3]);
    expect(figureJudgement("每个村报了3个，一共45个人参加培训。", "45人参加培训。", "polish").refusal.missing.map((f) => f.value)).toEqual([3]);
  });

  it("shows a total worked out from the note's own figures, and refuses one that is not", () => {
    expect(figureJudgement("三个乡镇各搞了两次。", "3个乡镇各开展2次，共6次。", "polish").derived.map((f) => f.value)).toEqual([6]);
    expect(figureJudgement("三个乡镇各搞了两次。", "3个乡镇各开展2次，共7次。", "polish").refusal.added.map((f) => f.value)).toEqual([7]);
  });

  it("adds no result the note does not report, in its words or in a clerk's", () => {
    expect(refusedKinds("巡逻队每晚都出。", "巡逻队每晚出巡，辖区盗窃案件同比下降。")).toContain("outcome");
    expect(refusedKinds("盗窃案比去年少了5起。", "盗窃案件较上年减少5起。")).toEqual([]);
    expect(refusedKinds("老百姓都说好。", "群众普遍认可。")).toEqual([]);
    expect(refusedKinds("帮教对象都稳定。", "帮教对象总体稳定，无一人重新违法犯罪。")).toContain("outcome");
    expect(refusedKinds("解矫的5个人没有一个再犯的。", "解除矫正5人，无一人重新违法犯罪。")).toEqual([]);
  });
});

/**
 * Generated pairs: a note built from clause templates, each clause's status said in a clerk's
 * words, and its formal rewrite said in formal words, merged or kept apart. Every faithful pair is
 * accepted; a rewrite with one planted change (of any kind) is refused for it.
 */
const SAY = {
  planned: { c: ["打算", "准备", "想"], f: ["计划", "拟"] },
  ongoing: { c: ["还在", "一直在"], f: ["正在"] },
  notdone: { c: ["还没"], f: ["尚未", "还未"] },
  done: { c: ["已经"], f: ["已"] },
} as const;
type Said = keyof typeof SAY;
const WORKS: Array<{ verb: string; formal: string; thing: string }> = [
  { verb: "排查", formal: "排查", thing: "出租屋" },
  { verb: "走访", formal: "走访", thing: "重点人员" },
  { verb: "整改", formal: "整改", thing: "消防隐患" },
  { verb: "培训", formal: "培训", thing: "调解员" },
];
const PLACES = ["青石镇", "柳林镇", "东关街道"];
const clause = fc.record({ status: fc.constantFrom(...(Object.keys(SAY) as Said[])), work: fc.nat({ max: WORKS.length - 1 }), count: fc.integer({ min: 3, max: 90 }), c: fc.nat(), f: fc.nat() });
const note = fc.record({ place: fc.constantFrom(...PLACES), clauses: fc.uniqueArray(clause, { minLength: 1, maxLength: 3, selector: (c) => c.work }) });
type Note = { place: string; clauses: Array<{ status: Said; work: number; count: number; c: number; f: number }> };

const pick = <T,>(xs: readonly T[], k: number) => xs[k % xs.length];
function colloquialOf(n: Note): string {
  return n.clauses
    .map((c, i) => {
      const w = WORKS[c.work];
      const verb = c.status === "done" ? `${w.verb}了` : w.verb;
      return `${i === 0 ? n.place : "另外"}的${w.thing}我们${pick(SAY[c.status].c, c.c)}${verb}，有${c.count}处。`;
    })
    .join("");
}
function formalOf(n: Note, change?: { at: number; to: Said }): string {
  return n.clauses
    .map((c, i) => {
      const w = WORKS[c.work];
      const status = change && change.at === i ? change.to : c.status;
      const word = pick(SAY[status].f, c.f);
      return `${i === 0 ? n.place : "同时"}${w.thing}${word}${w.formal}${c.count}处。`;
    })
    .join("");
}

describe("generated colloquial ↔ formal pairs", () => {
  it("the formal rewrite of a generated note is accepted (no refusal)", () => {
    fc.assert(
      fc.property(note, (n) => {
        expect(refusing(held(colloquialOf(n), formalOf(n))), `${colloquialOf(n)} → ${formalOf(n)}`).toEqual([]);
      }),
      RUNS,
    );
  });

  it("a planted change of status between not done (or planned, or in progress) and done is refused", () => {
    fc.assert(
      fc.property(note, fc.nat(), (n, k) => {
        const at = k % n.clauses.length;
        const from = n.clauses[at].status;
        const to: Said = from === "done" ? pick(["planned", "notdone", "ongoing"] as const, k) : "done";
        const after = formalOf(n, { at, to });
        const kinds = refusedKinds(colloquialOf(n), after);
        expect(kinds.some((x) => x === "status" || x === "negation"), `${colloquialOf(n)} → ${after}`).toBe(true);
      }),
      RUNS,
    );
  });

  // One planted change per kind, made in the formal rewrite of a generated note.
  const PLANTS: Array<[ClaimKind | "figure", (formal: string, n: Note) => string]> = [
    ["figure", (t, n) => t.replace(`${n.clauses[0].count}处`, `${n.clauses[0].count + 1}处`)],
    ["negation", (t) => `${t.replace(/。$/, "")}，未发现问题。`],
    ["modality", (t) => t.replace(/。$/, "，必须每周报告。")],
    ["scope", (t, n) => t.replace(WORKS[n.clauses[0].work].thing, `全部${WORKS[n.clauses[0].work].thing}`)],
    ["approval", (t) => t.replace(/。$/, "，经县委常委会审议通过。")],
    ["name", (t, n) => t.replace(n.place, `${n.place}和石桥镇`)],
    ["outcome", (t) => t.replace(/。$/, "，群众安全感明显提升。")],
  ];

  it.each(PLANTS)("a planted %s change is refused", (kind, plant) => {
    fc.assert(
      fc.property(note, (n) => {
        const before = colloquialOf(n);
        const after = plant(formalOf(n), n);
        const fig = figureJudgement(before, after, "polish").refusal;
        const kinds: string[] = refusedKinds(before, after);
        if (fig.added.length || fig.missing.length) kinds.push("figure");
        expect(kinds, `${before} → ${after}`).toContain(kind);
      }),
      RUNS,
    );
  });
});

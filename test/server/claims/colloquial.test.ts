import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareClaims } from "../../../server/claims/compare.ts";
import { refusing } from "../../../server/claims/types.ts";
import { clauseClaims } from "../../../server/claims/markers.ts";
import { figureViolations } from "../../../server/rewrite/figure-judgement.ts";
import { claimOptions } from "../../../server/rewrite/figure-judgement.ts";
import { RUNS } from "../properties/arbitraries.ts";
import { COLLOQUIAL, COLLOQUIAL_UNIT } from "./colloquial-pairs.ts";

const polish = { unit: COLLOQUIAL_UNIT, ...claimOptions("polish") };

describe("a clerk's colloquial note and its formal rewrite (our own pairs)", () => {
  it("every pair keeps its figures, so only the claim guard can tell faithful from unfaithful", () => {
    for (const c of COLLOQUIAL) {
      for (const t of [c.faithful, ...c.unfaithful.map((u) => u.text)]) {
        const f = figureViolations(c.colloquial, t);
        expect([...f.added, ...f.missing], t).toEqual([]);
      }
    }
  });

  it("accepts at least 95% of the faithful rewrites and catches every unfaithful one", () => {
    const refused = COLLOQUIAL.filter((c) => compareClaims(c.colloquial, c.faithful, polish).length > 0);
    expect(refused.length / COLLOQUIAL.length).toBeLessThanOrEqual(0.05);
    const missed = COLLOQUIAL.flatMap((c) => c.unfaithful.filter((u) => compareClaims(c.colloquial, u.text, polish).length === 0).map((u) => u.text));
    expect(missed).toEqual([]);
    expect(COLLOQUIAL.length).toBeGreaterThanOrEqual(60);
  });

  it("reads colloquial and formal markers as the same claims (the issue's examples)", () => {
    const same: Array<[string, string]> = [
      ["还没弄完", "尚未完成"],
      ["我们还在跟", "正在跟进"],
      ["还在起草", "正在起草"],
      ["打算下半年报县委", "拟于下半年报送县委"],
      ["想在年底前建好台账", "计划于年底前建立台账"],
      ["隐患都查完了", "隐患已全部核查完毕"],
      ["调解室都弄起来了", "调解室均已建立"],
    ];
    for (const [c, f] of same) expect(compareClaims(c, f, polish), `${c} → ${f}`).toEqual([]);
    expect(clauseClaims("还没弄完").statuses).toEqual(["notdone"]);
    expect(clauseClaims("尚未完成").statuses).toEqual(["notdone"]);
    expect(clauseClaims("还在跟").statuses).toEqual(["ongoing"]);
    expect(clauseClaims("准备组织培训").statuses).toEqual(["planned"]);
    expect(clauseClaims("都查完了").scope).toEqual(["full"]);
  });

  it("compares a sentence the rewrite merged from two with both of them", () => {
    // Two notes, one plan and one done, merged into one formal sentence: each keeps its status.
    const note = "综治中心建好了。明年打算再建2个。";
    expect(compareClaims(note, "综治中心已建成，明年计划再建2个。", polish)).toEqual([]);
    expect(compareClaims(note, "综治中心已建成，明年再建成2个已完成。", polish).map((c) => c.kind)).toContain("status");
    // Reordered: the plan moved to the front still pairs with its note.
    expect(compareClaims(note, "明年计划再建综治中心2个；现有综治中心已建成。", polish)).toEqual([]);
  });
});

/**
 * Generated colloquial ↔ formal pairs: a clerk's wording of a status on one side, a formal wording of
 * the same status on the other, around the same subject, work and figure. The pair is accepted; a
 * formal wording of another status is reported.
 */
const STATUS_WORDING = {
  planned: { c: ["打算搞", "准备搞", "想搞", "打算开展"], f: ["计划开展", "拟开展", "将开展"] },
  ongoing: { c: ["还在搞", "一直在搞", "还在弄"], f: ["正在开展", "正在推进"] },
  notdone: { c: ["还没搞完", "还没有弄完", "还没弄好"], f: ["尚未完成", "还未完成"] },
  done: { c: ["都搞完了", "都弄好了", "全都弄完了"], f: ["已全部完成", "均已完成", "已全部办结"] },
} as const;
type StatusClass = keyof typeof STATUS_WORDING;
const CLASSES = Object.keys(STATUS_WORDING) as StatusClass[];
const SUBJECTS = ["青石镇", "各村调解室", "县综治中心", "网格员队伍"];
const WORK = ["反诈宣传", "矛盾纠纷排查", "台账建设", "专项整治"];
const FIGURE = ["", "3场", "12次", "85户"];

const pair = fc.record({
  cls: fc.constantFrom(...CLASSES),
  subject: fc.constantFrom(...SUBJECTS),
  work: fc.constantFrom(...WORK),
  figure: fc.constantFrom(...FIGURE),
  c: fc.nat(),
  f: fc.nat(),
});

function colloquial(p: { cls: StatusClass; subject: string; work: string; figure: string; c: number }): string {
  const w = STATUS_WORDING[p.cls].c;
  return `${p.subject}的${p.work}${w[p.c % w.length]}${p.figure ? `，一共${p.figure}` : ""}。`;
}
function formal(p: { cls: StatusClass; subject: string; work: string; figure: string; f: number }): string {
  const w = STATUS_WORDING[p.cls].f;
  return `${p.subject}${p.work}${w[p.f % w.length]}${p.figure ? `，共${p.figure}` : ""}。`;
}

describe("generated colloquial ↔ formal pairs", () => {
  it("a formal wording of the same status is accepted", () => {
    fc.assert(
      fc.property(pair, (p) => {
        expect(compareClaims(colloquial(p), formal(p), polish)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("a formal wording of another status is reported (as a status or a dropped or added negation)", () => {
    fc.assert(
      fc.property(pair, fc.nat(), (p, k) => {
        const others = CLASSES.filter((x) => x !== p.cls);
        const other = others[k % others.length];
        const kinds = compareClaims(colloquial(p), formal({ ...p, cls: other }), polish).map((c) => c.kind);
        expect(kinds.some((x) => x === "status" || x === "negation"), `${colloquial(p)} → ${formal({ ...p, cls: other })}`).toBe(true);
      }),
      RUNS,
    );
  });
});

/**
 * A second set of our own notes (test/fixtures/claims/clerk-notes8.jsonl, written in a clerk's voice by
 * the engineer of this round, marked as ours), in the held-out file format: faithful rewrites in three
 * modes, unfaithful versions labelled by kind. Judged exactly as the bench judges a held-out file.
 */
describe("our second set of clerk's notes, in three modes", () => {
  it("accepts at least 95% of the faithful rewrites and refuses every unfaithful version", async () => {
    const { readPairsFile, scoreColloquial } = await import("../../../bench/claims.ts");
    const set = readPairsFile(path.resolve(import.meta.dirname, "../../fixtures/claims/clerk-notes8.jsonl"));
    const s = scoreColloquial(set.faithful, set.unfaithful);
    expect(s.faithful).toBeGreaterThanOrEqual(40);
    expect(s.accepted / s.faithful).toBeGreaterThanOrEqual(0.95);
    expect(s.missed.map((j) => `${j.kind}: ${j.text}`)).toEqual([]);
  }, 120_000);
});

/**
 * Generated from the marker vocabulary of scope and modality: a clerk's wording of a class and a formal
 * wording of the same class around the same subject are one claim; a formal wording of another class
 * that widens the claim or replaces it (部分 → 全部, 可以 → 必须) is refused, not merely flagged.
 */
const SCOPE_WORDING = {
  partial: { c: ["有的村", "有几个村", "一些村"], f: ["部分村", "个别村"] },
  full: { c: ["所有的村都", "村村都"], f: ["各村均", "全部村均"] },
} as const;
const MODAL_WORDING = {
  permit: { c: ["可以", "可以自己"], f: ["可", "可以"] },
  must: { c: ["必须", "一定要"], f: ["必须", "务必"] },
} as const;
const VERB = ["建了调解室", "配了法律顾问", "装了监控"];

describe("generated scope and modality pairs from the marker vocabulary", () => {
  it("a formal wording of the same scope or modality is accepted; another that widens or replaces it is refused", () => {
    const pick = <T,>(xs: readonly T[], k: number) => xs[k % xs.length];
    fc.assert(
      fc.property(fc.constantFrom("partial", "full"), fc.constantFrom("permit", "must"), fc.nat(), fc.nat(), fc.nat(), (sc, md, i, j, v) => {
        const verb = pick(VERB, v);
        const formalVerb = verb.replace("了", "");
        const note = `${pick(SCOPE_WORDING[sc].c, i)}${verb}。`;
        const same = `${pick(SCOPE_WORDING[sc].f, j)}已${formalVerb}。`;
        expect(refusing(compareClaims(note, same, polish)), `${note} → ${same}`).toEqual([]);
        const other = sc === "partial" ? "full" : "partial";
        const wider = `${pick(SCOPE_WORDING[other].f, j)}已${formalVerb}。`;
        expect(refusing(compareClaims(note, wider, polish)).map((c) => c.kind), `${note} → ${wider}`).toContain("scope");
        const rule = `乡镇${pick(MODAL_WORDING[md].c, i)}先行调处。`;
        const kept = `乡镇${pick(MODAL_WORDING[md].f, j)}先行调处。`;
        expect(refusing(compareClaims(rule, kept, polish)), `${rule} → ${kept}`).toEqual([]);
        const swapped = `乡镇${pick(MODAL_WORDING[md === "permit" ? "must" : "permit"].f, j)}先行调处。`;
        expect(refusing(compareClaims(rule, swapped, polish)).map((c) => c.kind), `${rule} → ${swapped}`).toContain("modality");
      }),
      RUNS,
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareClaims } from "../../../server/claims/compare.ts";
import type { ClaimKind } from "../../../server/claims/types.ts";
import { enumerate, polishOffline } from "../../../server/rewrite/offline.ts";
import { RUNS } from "./arbitraries.ts";

/**
 * Sentences built from slots whose wording varies within a claim class. Re-wording a slot within its
 * class must never be reported; moving one slot to another class must always be, as its own kind.
 */
const SLOTS = {
  status: { planned: ["计划", "拟", "将", "打算"], ongoing: ["正在"], done: ["已", "已经", "业已"] },
  negation: { negated: ["未", "没有", "尚未"] },
  modality: { permit: ["可以"], encourage: ["鼓励"], should: ["应当", "应该"], must: ["必须", "务必"], forbid: ["严禁", "禁止", "不得"] },
} as const;
const SCOPES = { partial: ["部分", "个别"], basic: ["基本", "基本上"], initial: ["初步"], full: ["全部", "所有"] } as const;
const SUBJECTS = ["乡镇综治中心", "县公安局", "网格员队伍", "青石镇", "各派出所", "村调解组织"];
const VERBS = ["开展", "组织", "实施", "举办"];
const OBJECTS = ["矛盾纠纷排查", "反诈宣传", "法治培训", "专项整治"];
const FIGURES = ["", "12次", "3轮", "856人次"];

type SlotDim = keyof typeof SLOTS;
interface Spec {
  subject: string;
  scope: keyof typeof SCOPES | null;
  dim: SlotDim | null;
  cls: string | null;
  verb: string;
  object: string;
  figure: string;
}

function variants(spec: Spec): { scope: readonly string[]; slot: readonly string[] } {
  const scope = spec.scope ? SCOPES[spec.scope] : [""];
  const slot = spec.dim && spec.cls ? (SLOTS[spec.dim] as Record<string, readonly string[]>)[spec.cls] : [""];
  return { scope, slot };
}

function render(spec: Spec, pickScope: number, pickSlot: number, perfective: boolean): string {
  const { scope, slot } = variants(spec);
  // 开展了 is the same claim as 开展; a plan takes no 了.
  const le = perfective && spec.cls !== "planned" ? "了" : "";
  return `${spec.subject}${scope[pickScope % scope.length]}${slot[pickSlot % slot.length]}${spec.verb}${le}${spec.object}${spec.figure}`;
}

const classOf = (dim: SlotDim) => Object.keys(SLOTS[dim]);
const spec: fc.Arbitrary<Spec> = fc
  .record({
    subject: fc.constantFrom(...SUBJECTS),
    scope: fc.constantFrom(null, ...(Object.keys(SCOPES) as Array<keyof typeof SCOPES>)),
    dim: fc.constantFrom<SlotDim | null>(null, "status", "negation", "modality"),
    clsPick: fc.nat(),
    verb: fc.constantFrom(...VERBS),
    object: fc.constantFrom(...OBJECTS),
    figure: fc.constantFrom(...FIGURES),
  })
  .map(({ clsPick, ...r }) => ({ ...r, cls: r.dim ? classOf(r.dim)[clsPick % classOf(r.dim).length] : null }));

describe("claim guard properties over generated sentences", () => {
  it("wording within a claim class (已经 → 已, 开展了 → 开展, 应该 → 应当) is never reported", () => {
    fc.assert(
      fc.property(spec, fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), (s, a, b, c, d, p, q) => {
        expect(compareClaims(render(s, a, b, p), render(s, c, d, q))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("moving the status, negation, modality or scope of a sentence to another class is reported as that kind", () => {
    fc.assert(
      fc.property(spec, fc.constantFrom<"slot" | "scope">("slot", "scope"), fc.nat(), fc.nat(), (s, which, pick, v) => {
        let changed: Spec;
        let kind: ClaimKind;
        if (which === "scope") {
          const others = [null, ...Object.keys(SCOPES)].filter((k) => k !== s.scope) as Spec["scope"][];
          changed = { ...s, scope: others[pick % others.length] };
          kind = "scope";
        } else {
          // Another class of the same slot, or none at all; negation has one class, so it goes or comes.
          const dim = s.dim ?? (["status", "negation", "modality"] as const)[pick % 3];
          // In a report of the work done, plain narration reads as done: 已 and no status word are one class.
          const same = (k: string | null, cls: string | null) => k === cls || (dim === "status" && (k ?? "done") === (cls ?? "done"));
          const options = [null, ...classOf(dim)].filter((k) => !same(k, s.dim === dim ? s.cls : null));
          const cls = options[(pick >> 2) % options.length];
          changed = { ...s, dim: cls ? dim : null, cls };
          kind = dim;
        }
        const found = compareClaims(render(s, v, v, false), render(changed, v, v, false)).map((c) => c.kind);
        expect(found).toContain(kind);
      }),
      RUNS,
    );
  });

  it("the offline polish and 一是/二是 restructuring keep every claim of generated paragraphs", () => {
    const colloquial = fc.constantFrom("", "，老百姓都说好", "，咱们一共搞了3场", "，效果挺好");
    const paragraph = fc.array(fc.tuple(spec, fc.nat(), colloquial), { minLength: 1, maxLength: 4 }).map((xs) => xs.map(([s, n, tail]) => `${render(s, n, n, false)}${tail}。`).join(""));
    fc.assert(
      fc.property(paragraph, (text) => {
        expect(compareClaims(text, polishOffline(text))).toEqual([]);
        expect(compareClaims(text, enumerate(polishOffline(text)))).toEqual([]);
      }),
      RUNS,
    );
  });
});

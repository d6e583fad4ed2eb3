/**
 * The offline engine: a deterministic, formal first draft with no model. Facts become full 公文
 * sentences (formal wording, full-width punctuation, units kept) inside 一是/二是 runs framed by stock
 * phrasing per work line (lists/drafting-phrases.json); the opening names the guidance in force for the
 * period (drafting/guidance.ts, from the dated registry). It adds no number of its own: the phrase bank holds none.
 */
import { unsupportedOutcomes } from "../claims/outcomes.ts";
import { builtinOfficeLists, type OfficeLists } from "../lists/office.ts";
import type { PhraseBank } from "../lists/phrase-bank.ts";
import { enumerateItems } from "../text/enumerate.ts";
import { unitParts } from "../text/names.ts";
import { guidingThought } from "./guidance.ts";
import type { Fact, OutlineSection } from "./types.ts";
import { formalize } from "./wording.ts";


/** What the unit's name says about where it sits: 区委政法委 → 区委, 全区, XX区. */
export function unitPlace(unit: string): { parent: string; place: string; placeName: string; we: string } {
  const { place, level: kind } = unitParts(unit);
  if (!kind) return { parent: "上级党委", place: "全域", placeName: "中国", we: "我们" };
  // 平安东城, 法治东城: the place name drops 区/县 when what is left still names it (2+ characters).
  const base = place.replace(/^.*[省市州](?=.{2,}$)/, "");
  return { parent: `${kind}委`, place: `全${kind}`, placeName: base.length >= 2 ? base : `${place}${kind}`, we: `我${kind}` };
}

export interface OfflineContext {
  unit: string;
  year: number;
  period: string;
  /** Work lines present in part 一, for the opening's list of focuses. */
  workLines: string[];
  length?: "short" | "medium" | "long";
  /** The office's lists (phrases, wording, registry); default: the built-ins. */
  lists?: OfficeLists;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
}

function periodWords(ctx: OfflineContext) {
  const period = ctx.period && ctx.period !== "全年" ? `${ctx.year}年${ctx.period}` : `${ctx.year}年`;
  const next = ctx.period && ctx.period !== "全年" ? (/上半年/.test(ctx.period) ? "下半年" : "下一步") : `${ctx.year + 1}年`;
  return { period, next };
}

// Deterministic choice among variants, so the same input always gives the same draft.
function pick<T>(list: T[], seed: string): T {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return list[h % list.length];
}

/** Whether a and b share a run of `n` or more characters (punctuation ignored), as the checker's repetition rule sees it. */
export function sharesRun(a: string, b: string, n = 8): boolean {
  const strip = (s: string) => s.replace(/[\p{P}\s]/gu, "");
  const x = strip(a);
  const y = strip(b);
  for (let i = 0; i + n <= x.length; i++) if (y.includes(x.slice(i, i + n))) return true;
  return false;
}

/**
 * The seeded pick of `list`, or the next entry after it that shares no 8-character run with
 * `avoid`: a section's closing must not echo its lead (夯实基层社会治理基础……基层社会治理基础进一步夯实),
 * which the checker would report as a repetition in our own draft.
 */
function pickAvoiding(list: string[], seed: string, avoid: string): string {
  const first = list.indexOf(pick(list, seed));
  for (let k = 0; k < list.length; k++) {
    const c = list[(first + k) % list.length];
    if (!sharesRun(avoid, c)) return c;
  }
  return list[first];
}

function sentence(text: string): string {
  return /[。！？]$/.test(text) ? text : `${text}。`;
}

/** 一是……；二是……。 runs of at most five items per paragraph (text/enumerate.ts); later paragraphs open with a connective. */
function enumerate(items: string[], seed: string, bank: PhraseBank): string[] {
  if (items.length === 1) return [sentence(items[0])];
  const paras: string[] = [];
  for (let i = 0; i < items.length; i += 5) {
    const group = items.slice(i, i + 5);
    const run = group.length === 1 ? sentence(group[0]) : enumerateItems(group);
    paras.push(i === 0 ? run : `${pick(bank.connectives, seed + i)}${run}`);
  }
  return paras;
}

/** Body text of one section, written from its facts only. */
export function writeSectionOffline(section: OutlineSection, facts: Fact[], ctx: OfflineContext): string {
  const lists = ctx.lists ?? builtinOfficeLists();
  const phrases = lists.phraseBank;
  const words = periodWords(ctx);
  const where = unitPlace(ctx.unit);
  const vars = { ...words, unit: ctx.unit, ...where };
  const own = section.factIds.map((id) => facts.find((f) => f.id === id)).filter((f): f is Fact => Boolean(f));
  // The plans intro already says when ("2026年，……"), so a leading 明年/下一步 in a plan is dropped.
  const items = own.map((f) => {
    const t = formalize(f.text, lists.wording);
    return section.role === "plans" ? t.replace(/^(明年|下一步|下半年|来年|今后)[，,]?/, "") || t : t;
  });
  const seed = `${ctx.unit}${section.id}`;

  switch (section.role) {
    case "opening": {
      const focus = ctx.workLines.map((l) => phrases.lines[l]?.short).filter(Boolean).slice(0, 5).join("、") || "平安建设、法治建设";
      return fill(phrases.opening, { ...vars, thought: guidingThought(ctx.year, ctx.period, lists.registry), focus });
    }
    case "closing":
      return fill(phrases.closing, vars);
    case "problems":
      if (items.length === 0) return phrases.problemsMissing;
      return [phrases.problemsIntro + enumerate(items, seed, phrases).join("\n"), phrases.problemsClosing].filter(Boolean).join("\n");
    case "plans":
      if (items.length === 0) return phrases.plansMissing;
      return [fill(phrases.plansIntro, vars) + enumerate(items, seed, phrases).join("\n"), phrases.plansClosing].filter(Boolean).join("\n");
    default: {
      const bank = section.workLine ? phrases.lines[section.workLine] : undefined;
      // A part heading over its work lines has no body; a work line the writer gave no facts gets one
      // general line of its stock phrasing and a 【待补】 note, never content of its own.
      if (items.length === 0) return section.level < 2 ? "" : [bank ? fill(pick(bank.leads, seed), vars) : "", phrases.workMissing].filter(Boolean).join("\n");
      const lead = bank ? fill(pick(bank.leads, seed), vars) : "";
      const paras = enumerate(items, seed, phrases);
      // A closing judges the outcome (群众安全感进一步提升): written only when the facts state that outcome.
      const judged = bank && ctx.length !== "short" ? pickAvoiding(bank.closings, seed, lead + section.heading) : "";
      const closing = judged && unsupportedOutcomes(judged, own.map((f) => f.text)).length === 0 ? `通过以上举措，${judged}` : "";
      paras[0] = lead + paras[0];
      if (closing) paras[paras.length - 1] += closing;
      return paras.join("\n");
    }
  }
}

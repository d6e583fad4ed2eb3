/**
 * Verification shared by both engines: number fidelity (every figure in the text is an input
 * figure or an allowed extra), coverage (each fact's figures and key terms in one sentence) and
 * claims (the section says of each fact what the fact says: see docs/claims.md).
 */
import { claimsBeyondFacts, describeClaimChange } from "../claims/compare.ts";
import type { ClaimChange } from "../claims/types.ts";
import { extractNames } from "../claims/names.ts";
import { unsupportedOutcomes, type OutcomeClaim } from "../claims/outcomes.ts";
import type { Role } from "../corpus/types.ts";
import { builtinOfficeLists, type OfficeLists } from "../lists/office.ts";
import { splitSentences } from "../text/sentences.ts";
import { allowedFigureKeys, extractFigures, isLicensed } from "./figures.ts";
import { figureKey } from "../numbers/index.ts";
import type { DraftSection, DraftWarning, Fact } from "./types.ts";

export interface InventedFigure {
  raw: string;
  start: number;
  end: number;
}

export interface SectionCheck {
  invented: InventedFigure[];
  uncovered: Fact[];
  /** Claims of the section that its facts do not make. */
  claims: ClaimChange[];
  /** Outcome or evaluative claims (安全感进一步提升) no fact of the section states; a warning, not a repair. */
  outcomes: OutcomeClaim[];
}

export interface VerifyContext {
  /** Every input fact of the draft: a figure from any fact may appear in any section. */
  facts: Fact[];
  unit: string;
  year: number;
  /** The office's lists: the names of its phrase bank are the house's own, its name lists find names. */
  lists?: OfficeLists;
}

function bigrams(s: string): string[] {
  const cjk = s.replace(/[^\u3400-\u9fff]/g, "");
  const out: string[] = [];
  for (let i = 0; i + 1 < cjk.length; i++) out.push(cjk.slice(i, i + 2));
  return out;
}

/** True when one sentence of `text` carries the fact's figures and enough of its key terms. */
export function factCovered(text: string, fact: Fact): boolean {
  const need = fact.figures.map((g) => figureKey({ kind: g.kind as never, value: g.value }));
  const terms = fact.keyTerms;
  const needTerms = terms.length === 0 ? 0 : Math.max(1, Math.ceil(terms.length / 2));
  const grams = terms.length === 0 && need.length === 0 ? bigrams(fact.text) : [];
  for (const span of splitSentences(text)) {
    const s = text.slice(span.start, span.end);
    const keys = new Set(extractFigures(s).map(figureKey));
    if (!need.every((k) => keys.has(k))) continue;
    if (terms.filter((t) => s.includes(t)).length < needTerms) continue;
    if (grams.length && grams.filter((g) => s.includes(g)).length < grams.length / 2) continue;
    return true;
  }
  return false;
}

const stock = new WeakMap<object, string[]>();
/**
 * Names the house phrasing itself uses (“枫桥经验”, 习近平法治思想): a section may always use them,
 * as the engine's own stock lines do. Per data folder, since an office may extend the phrase bank.
 */
function stockNames(lists: OfficeLists): string[] {
  const known = stock.get(lists.phraseBank);
  if (known) return known;
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") texts.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(lists.phraseBank);
  const names = [...new Set(texts.flatMap((t) => extractNames(t, lists.names).map((n) => n.text.replace(/^[“《]|[”》]$/g, ""))))];
  stock.set(lists.phraseBank, names);
  return names;
}

/** Check one section's text against the facts assigned to it and the figures of all inputs. */
export function checkSectionText(text: string, sectionFacts: Fact[], ctx: VerifyContext, role?: Role): SectionCheck {
  const lists = ctx.lists ?? builtinOfficeLists();
  const keys = allowedFigureKeys(ctx.facts, ctx.unit);
  const invented = extractFigures(text)
    .filter((f) => !isLicensed(f, keys, ctx.year))
    .map((f) => ({ raw: f.raw, start: f.start, end: f.end }));
  const uncovered = sectionFacts.filter((f) => !factCovered(text, f));
  // A plans section is about the future as a whole: a plan written without its 计划/打算 claims no more.
  const claims = claimsBeyondFacts(text, sectionFacts.map((f) => f.text), { unit: ctx.unit, allowed: stockNames(lists), names: lists.names, impliedPlan: role === "plans" });
  // The opening and closing sum up the year in stock terms; a section about the work claims only what its facts state.
  const outcomes = role === "opening" || role === "closing" ? [] : unsupportedOutcomes(text, sectionFacts.map((f) => f.text));
  return { invented, uncovered, claims, outcomes };
}

/** The problems of a section as the repair prompt states them to the model. */
export function describeProblems(check: SectionCheck, text: string): string {
  const lines: string[] = [];
  for (const f of check.invented) {
    const ctx = text.slice(Math.max(0, f.start - 12), Math.min(text.length, f.end + 12)).replace(/\s+/g, "");
    lines.push(`- 数字“${f.raw}”不在要点中（出现在“……${ctx}……”处），必须删除或改为要点中给出的数字，不得估算或编造。`);
  }
  for (const f of check.uncovered) {
    const parts = [
      f.figures.length ? `数字 ${f.figures.map((g) => `“${g.raw}”`).join("、")}` : "",
      f.keyTerms.length ? `关键词 ${f.keyTerms.map((t) => `“${t}”`).join("、")}` : "",
    ].filter(Boolean);
    lines.push(`- 要点 [${f.id}]“${f.text}”没有写入，或其${parts.join("和") || "内容"}没有出现在同一句话里；请用一句话完整写入。`);
  }
  for (const c of check.claims) {
    const fact = c.beforeText ? `要点原话是“${c.beforeText}”，` : "";
    lines.push(`- ${fact}${describeClaimChange(c)}。必须按要点原意写，不得改变进度、肯定否定、语气要求、范围程度、审批事项，不得写入要点中没有的单位、地名、人名或项目名。`);
  }
  return lines.join("\n");
}

/** The sentence of `text` that holds [start, end). */
function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const span = splitSentences(text).find((x) => x.start <= start && end <= x.end);
  return span ?? { start, end };
}

/** Warnings (with positions) for whatever a section still fails after generation and repair. */
export function sectionWarnings(section: Pick<DraftSection, "id">, check: SectionCheck, text?: string): DraftWarning[] {
  return [
    ...check.invented.map((f) => ({
      code: "invented_figure",
      message: `数字“${f.raw}”在要点中找不到，请核实或删除`,
      sectionId: section.id,
      start: f.start,
      end: f.end,
      figure: f.raw,
    })),
    ...check.uncovered.map((f) => ({
      code: "uncovered_fact",
      message: `要点未完整写入（数字和关键词应在同一句中）：“${f.text.slice(0, 60)}”`,
      sectionId: section.id,
      factId: f.id,
    })),
    ...check.outcomes.map((o) => {
      const s = sentenceAround(text ?? "", o.start, o.end);
      return {
        code: "unsupported_outcome",
        message: `“${o.text}”是对成效的评价，本节要点中没有依据，请核实或删去`,
        sectionId: section.id,
        ...(text !== undefined ? { start: s.start, end: s.end } : {}),
      };
    }),
    ...check.claims.map((c) => {
      const at = c.afterText && text !== undefined ? text.indexOf(c.afterText) : -1;
      return {
        code: "changed_claim",
        message: `与要点不符：${c.message}（${[c.beforeText && `要点“${c.beforeText}”`, c.afterText && `正文“${c.afterText}”`].filter(Boolean).join("，")}），请核实`,
        sectionId: section.id,
        ...(at >= 0 ? { start: at, end: at + c.afterText.length } : {}),
        claim: c,
      };
    }),
  ];
}

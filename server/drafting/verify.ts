/**
 * Verification shared by both engines: number fidelity (every figure in the text is an input
 * figure or an allowed extra) and coverage (each fact's figures and key terms in one sentence).
 */
import { splitSentences } from "../text/sentences.ts";
import { allowedFigureKeys, extractFigures, figureKey, isLicensed } from "./figures.ts";
import type { DraftSection, DraftWarning, Fact } from "./types.ts";

export interface InventedFigure {
  raw: string;
  start: number;
  end: number;
}

export interface SectionCheck {
  invented: InventedFigure[];
  uncovered: Fact[];
}

export interface VerifyContext {
  /** Every input fact of the draft: a figure from any fact may appear in any section. */
  facts: Fact[];
  unit: string;
  year: number;
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

/** Check one section's text against the facts assigned to it and the figures of all inputs. */
export function checkSectionText(text: string, sectionFacts: Fact[], ctx: VerifyContext): SectionCheck {
  const keys = allowedFigureKeys(ctx.facts, ctx.unit);
  const invented = extractFigures(text)
    .filter((f) => !isLicensed(f, keys, ctx.year))
    .map((f) => ({ raw: f.raw, start: f.start, end: f.end }));
  const uncovered = sectionFacts.filter((f) => !factCovered(text, f));
  return { invented, uncovered };
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
  return lines.join("\n");
}

/** Warnings (with positions) for whatever a section still fails after generation and repair. */
export function sectionWarnings(section: Pick<DraftSection, "id">, check: SectionCheck): DraftWarning[] {
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
  ];
}

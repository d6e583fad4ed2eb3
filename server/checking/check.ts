import { builtinOfficeLists, type OfficeLists } from "../lists/office.ts";
import { checkArithmetic } from "./rules/arithmetic.ts";
import { checkCollocation } from "./rules/collocation.ts";
import { checkConsistency } from "./rules/consistency.ts";
import { checkFunctionWords } from "./rules/function-words.ts";
import { checkGrammarFrames } from "./rules/grammar-frames.ts";
import { checkLeaders } from "./rules/leaders.ts";
import { checkMissingWords } from "./rules/missing-words.ts";
import { checkNumberForm } from "./rules/number-form.ts";
import { checkNumbering } from "./rules/numbering.ts";
import { checkOutdated } from "./rules/outdated.ts";
import { checkPlaceholder } from "./rules/placeholder.ts";
import { eachParagraph, eachParagraphCached, type ParagraphRule } from "./rules/paragraphs.ts";
import { punctuationAcrossText, punctuationInParagraph } from "./rules/punctuation.ts";
import { repetitionAcrossText, repetitionInParagraph } from "./rules/repetition.ts";
import type { RuleContext } from "./rules/types.ts";
import type { ArchiveLexicon } from "./typo/archive.ts";
import { checkTypos, type TypoContext } from "./typo/index.ts";
import { normalise } from "../text/normalise.ts";
import { periodEndFromText, reportYear, yearFromText } from "../text/report.ts";
import { FINDING_KINDS, type CheckResult, type Finding, type ReuseIndex } from "./types.ts";

export interface CheckOptions {
  /** Report year; else from the title, else the current year. */
  year?: number;
  reuse?: ReuseIndex;
  excludeDocIds?: string[];
  /** The office's lists (registry, stock phrases, repetition words, typos, names); default: the built-ins. */
  lists?: OfficeLists;
  /** Word use across the archive, for the typo check (without one the check runs on the dictionary alone). */
  archive?: ArchiveLexicon;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The rule findings only (no archive): pure and synchronous. */
export function checkRules(text: string, ctx: RuleContext, stockPhrases: string[] = [], typo: TypoContext = {}): Finding[] {
  return [...ruleFindings(text, ctx, stockPhrases), ...checkTypos(text, { year: ctx.year, ...typo })];
}

/** The rules that judge a paragraph by itself (see rules/paragraphs.ts). */
function paragraphRules(ctx: RuleContext): ParagraphRule {
  return (p) => [
    ...checkLeaders(p, ctx),
    ...checkCollocation(p, ctx),
    ...checkFunctionWords(p, ctx),
    ...punctuationInParagraph(p, ctx.year),
    ...repetitionInParagraph(p, ctx),
    ...checkMissingWords(p),
    ...checkGrammarFrames(p),
  ];
}

/**
 * Every rule but the typo check. Given `cacheOwner` (the office's lists the context was built from: a
 * reload makes a new object), the paragraph rules' findings are cached per paragraph, keyed also by the
 * year and period, so a re-check after an edit re-runs them only on the changed paragraphs; the document
 * rules run every time.
 */
export function ruleFindings(text: string, ctx: RuleContext, stockPhrases: string[] = [], cacheOwner?: object): Finding[] {
  // Registry names (campaigns, fixed formulations) are terms: repeating them is not a repetition.
  const terms = registryTerms(ctx.registry);
  return [
    ...(cacheOwner ? eachParagraphCached(text, cacheOwner, `${ctx.year}|${ctx.periodEnd ?? ""}`, paragraphRules(ctx)) : eachParagraph(text, paragraphRules(ctx))),
    ...checkOutdated(text, ctx),
    ...checkPlaceholder(text, ctx),
    ...punctuationAcrossText(text),
    ...checkNumberForm(text, ctx),
    ...checkNumbering(text, ctx),
    ...checkArithmetic(text, ctx),
    ...checkConsistency(text, ctx),
    ...repetitionAcrossText(text, ctx, [...stockPhrases, ...terms]),
  ];
}

// The registry's terms, normalised once per registry object (a reload makes a new one).
const termsOf = new WeakMap<RuleContext["registry"], string[]>();
function registryTerms(registry: RuleContext["registry"]): string[] {
  let terms = termsOf.get(registry);
  if (!terms) termsOf.set(registry, (terms = [...registry.campaigns.map((c) => c.name), ...registry.formulations.map((f) => f.correct)].map((s) => normalise(s).text)));
  return terms;
}

/** Check a text against the genre's rules and (when given) the archive; findings sorted by offset, deduplicated. */
export async function checkText(text: string, opts: CheckOptions = {}): Promise<CheckResult> {
  const t0 = performance.now();
  const year = reportYear(text, opts.year);
  const lists = opts.lists ?? builtinOfficeLists();
  const archive = opts.archive;
  const ctx = {
    year, registry: lists.registry, repetition: lists.repetition, collocations: lists.collocations, adverbials: lists.adverbials,
    periodEnd: periodEndFromText(text, year), yearAssumed: opts.year === undefined && yearFromText(text) === null,
  };
  const findings = [...ruleFindings(text, ctx, lists.stockPhrases, lists), ...checkTypos(text, { archive, list: lists.typos, names: lists.names, year })];

  const reuse = opts.reuse;
  if (reuse?.match) {
    const m = reuse.match(text, { excludeDocIds: opts.excludeDocIds });
    findings.push(...m.reuse, ...m.stale);
  }

  const unique = dedupe(findings).sort((a, b) => a.start - b.start || a.end - b.end || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const stats: Record<string, number> = { total: unique.length, error: 0, warning: 0, info: 0, chars: text.length };
  for (const k of FINDING_KINDS) stats[k] = 0;
  for (const f of unique) {
    stats[f.kind]++;
    stats[f.severity]++;
  }
  stats.elapsedMs = Math.round((performance.now() - t0) * 10) / 10;
  return { year, ...(ctx.yearAssumed ? { yearAssumed: true } : {}), findings: unique, stats };
}

/** Same kind on the same span: keep the most severe (ties: the first). */
function dedupe(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.kind}:${f.start}:${f.end}`;
    const prev = best.get(key);
    if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) best.set(key, f);
  }
  return [...best.values()];
}

/**
 * Last year's summary as this year's skeleton: its headings become the proposed outline, matched to this
 * year's facts by work line (a heading with no fact this year is kept and marked as needing material); its
 * sentences are offered as wording, every figure, year and dated formulation in them marked for
 * replacement, and a sentence no fact of this year supports marked 【待核实：沿用去年表述】. Where a fact of
 * this year and a sentence of last year give the same measure, the change is offered as a derived figure
 * with its formula, for the writer to confirm.
 */
import { contentOf, overlap } from "../claims/align.ts";
import type { Role } from "../corpus/types.ts";
import { extractFigures } from "../drafting/figures.ts";
import type { Figure } from "../numbers/index.ts";
import { draftTitle } from "../drafting/outline.ts";
import type { Fact, Outline, OutlineSection } from "../drafting/types.ts";
import { workLineLabel } from "../drafting/facts.ts";
import { stripMarker } from "../text/headings.ts";
import { splitSentences } from "../text/sentences.ts";
import { isQuantity } from "./clauses.ts";
import type { Submission } from "./extract.ts";
import { figureMeasure, sameMeasure } from "./measure.ts";


// Formulations that belong to a date: congresses and plenums (二十届三中全会, 十九大), the year's campaigns and
// 开局之年/收官之年. Reused a year later they are stale, whatever the figures say.
const DATED = /(?:党的)?[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|[一二三四五六七八九十]{2,}大(?=[精和、，以报])|(?:主题教育|党史学习教育|党纪学习教育|教育整顿|专项斗争|中央八项规定精神学习教育)|[“"]?十[一二三四五六七八九]五[”"]?(?:规划)?(?:开局|收官|起步)之年|(?:开局|收官)之年/g;

export interface Mark {
  start: number;
  end: number;
  text: string;
  kind: "figure" | "year" | "date" | "dated";
}

export interface OfferedSentence {
  sectionId: string;
  text: string;
  marks: Mark[];
  /** The sentence with each mark replaced by 【待更新：原“…”】: nothing of last year's goes through unmarked. */
  marked: string;
  /** The ids of this year's facts that support the sentence; none: it is offered as 【待核实：沿用去年表述】. */
  supportedBy: string[];
  status: "supported" | "unverified";
}

export interface DerivedFigure {
  factId: string;
  measure: string;
  thisYear: string;
  lastYear: string;
  /** 上升 or 下降, and the change in percent to one decimal. */
  direction: "上升" | "下降" | "持平";
  percent: number;
  phrase: string;
  formula: string;
  /** Last year's sentence the earlier value stands in. */
  lastYearSentence: string;
  confirmed: false;
}

export interface Skeleton {
  outline: Outline;
  /** Outline sections from last year's headings that no fact of this year fills. */
  needsMaterial: string[];
  /** How many of last year's headings the outline carries over, of how many. */
  headings: { carried: number; total: number };
  wording: OfferedSentence[];
  derived: DerivedFigure[];
}

function marksOf(sentence: string): Mark[] {
  const marks: Mark[] = [];
  for (const f of extractFigures(sentence)) {
    if (f.kind === "ordinal") continue;
    marks.push({ start: f.start, end: f.end, text: f.raw, kind: f.kind === "year" ? "year" : f.kind === "date" ? "date" : "figure" });
  }
  for (const m of sentence.matchAll(DATED)) {
    if (marks.some((x) => x.start < m.index! + m[0].length && m.index! < x.end)) continue;
    marks.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], kind: "dated" });
  }
  // A bare 今年/去年 means last year's year: it is dated too.
  for (const m of sentence.matchAll(/今年|去年|上年|明年/g)) marks.push({ start: m.index!, end: m.index! + 2, text: m[0], kind: "dated" });
  return marks.sort((a, b) => a.start - b.start);
}

function applyMarks(sentence: string, marks: Mark[]): string {
  let out = "";
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    out += sentence.slice(at, m.start) + `【待更新：原“${m.text}”】`;
    at = m.end;
  }
  return out + sentence.slice(at);
}

const ROLE_KIND: Partial<Record<Role, Fact["kind"]>> = { work: "fact", problems: "problem", plans: "plan" };

/** The skeleton of this year's summary from last year's, for this year's facts. */
export function skeletonFrom(lastYear: Submission, facts: Fact[], opts: { unit: string; year: number; period?: string }): Skeleton {
  const text = lastYear.cleanedText;
  const prevYear = lastYear.structure.year ?? opts.year - 1;
  const sections: OutlineSection[] = [{ id: "opening", role: "opening", heading: "", level: 0, workLine: null, factIds: [] }];
  const sourceOf = new Map<string, { start: number; end: number; tags: string[]; role: Role }>();
  const used = new Set<string>();
  const seenTop = new Map<string, string>();
  // A year in a heading moves on with the report (2024年工作打算 → 2025年工作打算).
  const shift = (h: string) => h.replace(/(\d{4})(?=年)/g, (y) => (Number(y) === prevYear ? String(opts.year) : Number(y) === prevYear + 1 ? String(opts.year + 1) : y));
  let total = 0;
  for (const s of lastYear.structure.sections) {
    if (!["work", "problems", "plans"].includes(s.role) || s.headingPath.length === 0) continue;
    // Headings are stored with their markers (（一）…); the outline numbers its sections itself.
    const [top, sub] = s.headingPath.map((h) => stripMarker(h).trim());
    if (!seenTop.has(top)) {
      const id = `y${sections.length}`;
      seenTop.set(top, id);
      total++;
      sections.push({ id, role: s.role, heading: shift(top), level: 1, workLine: null, factIds: [] });
      if (!sub) sourceOf.set(id, { start: s.start, end: s.end, tags: s.tags, role: s.role });
    }
    if (sub) {
      const id = `y${sections.length}`;
      total++;
      sections.push({ id, role: s.role, heading: shift(sub), level: 2, workLine: s.tags[0] ?? null, factIds: [] });
      sourceOf.set(id, { start: s.start, end: s.end, tags: s.tags, role: s.role });
    }
  }
  // Each fact goes to the section of its kind, among those tagged with its work line, whose text of last
  // year shares most with it; a problem or plan without a line goes to the first section of its kind.
  const leaves = sections.filter((s) => sourceOf.has(s.id));
  const leafContent = new Map(leaves.map((s) => [s.id, contentOf(text.slice(sourceOf.get(s.id)!.start, sourceOf.get(s.id)!.end))]));
  for (const f of facts) {
    const ofKind = leaves.filter((s) => ROLE_KIND[sourceOf.get(s.id)!.role] === f.kind);
    const tagged = ofKind.filter((s) => f.workLine && sourceOf.get(s.id)!.tags.includes(f.workLine));
    const own = contentOf(f.text);
    const best = [...tagged].sort((a, b) => overlap(own, leafContent.get(b.id)!) - overlap(own, leafContent.get(a.id)!))[0];
    const target = best ?? (f.kind !== "fact" ? ofKind[0] : undefined);
    if (target) {
      target.factIds.push(f.id);
      used.add(f.id);
    }
  }
  // Facts of a work line last year's report did not have get a section of their own after last year's
  // sections of their role; problems and plans last year's report had no part for get one part each.
  const rest = facts.filter((f) => !used.has(f.id));
  const keyOf = (f: Fact) => (f.kind === "fact" ? `fact:${f.workLine ?? "平安建设"}` : f.kind);
  for (const key of [...new Set(rest.map(keyOf))]) {
    const group = rest.filter((f) => keyOf(f) === key);
    const kind = group[0].kind;
    const role: Role = kind === "fact" ? "work" : kind === "problem" ? "problems" : "plans";
    const lastOfRole = sections.map((s) => s.role).lastIndexOf(role);
    const line = kind === "fact" ? key.slice("fact:".length) : null;
    const heading = line ? workLineLabel(line) : kind === "problem" ? "存在的问题" : "下一步工作打算";
    const section: OutlineSection = { id: `n${sections.length}`, role, heading, level: lastOfRole >= 0 ? 2 : 1, workLine: line, factIds: group.map((f) => f.id) };
    sections.splice(lastOfRole >= 0 ? lastOfRole + 1 : sections.length, 0, section);
  }
  sections.push({ id: "closing", role: "closing", heading: "", level: 0, workLine: null, factIds: [] });
  // A part heading whose own sub-headings hold the facts (一、 over its （一）（二）) needs nothing of its own.
  const hasChildren = (s: OutlineSection) => s.level === 1 && sections[sections.indexOf(s) + 1]?.level === 2;
  const needsMaterial = leaves.filter((s) => s.factIds.length === 0 && !hasChildren(s)).map((s) => s.id);

  const wording: OfferedSentence[] = [];
  const derived: DerivedFigure[] = [];
  const headingSpans = lastYear.structure.headings;
  for (const s of leaves) {
    const src = sourceOf.get(s.id)!;
    const sFacts = facts.filter((f) => s.factIds.includes(f.id));
    for (const span of splitSentences(text.slice(src.start, src.end))) {
      const a = src.start + span.start;
      const b = src.start + span.end;
      if (headingSpans.some((h) => h.start <= a && b <= h.end + 1)) continue;
      const sentence = text.slice(a, b).trim();
      if (!/[\u4e00-\u9fff]{4}/.test(sentence)) continue;
      const marks = marksOf(sentence);
      const content = contentOf(sentence.replace(/\d+(?:\.\d+)?/g, " "));
      const supportedBy = sFacts.filter((f) => overlap(contentOf(f.text.replace(/\d+(?:\.\d+)?/g, " ")), content) >= 0.5).map((f) => f.id);
      wording.push({ sectionId: s.id, text: sentence, marks, marked: applyMarks(sentence, marks), supportedBy, status: supportedBy.length ? "supported" : "unverified" });
      derived.push(...yearOverYear(sentence, sFacts));
    }
  }
  const carried = sections.filter((s) => s.id.startsWith("y")).length;
  return {
    outline: { title: draftTitle(opts.unit, opts.year, opts.period ?? "全年"), unit: opts.unit, year: opts.year, period: opts.period ?? "全年", sections },
    needsMaterial,
    headings: { carried, total },
    wording,
    derived,
  };
}

/** Changes between this year's facts and a sentence of last year on the same measures, as derived figures. */
export function yearOverYear(sentence: string, facts: Fact[]): DerivedFigure[] {
  const before = extractFigures(sentence).filter((f) => isQuantity(f) && f.kind === "number");
  const out: DerivedFigure[] = [];
  for (const fact of facts) {
    for (const now of extractFigures(fact.text).filter((f) => f.kind === "number")) {
      const m = figureMeasure(fact.text, now);
      const prev = before.find((p: Figure) => p.value > 0 && sameMeasure({ measure: m }, { measure: figureMeasure(sentence, p) }));
      if (!prev) continue;
      const pct = Math.round(((now.value - prev.value) / prev.value) * 1000) / 10;
      const direction = pct > 0 ? "上升" : pct < 0 ? "下降" : "持平";
      out.push({
        factId: fact.id,
        measure: m.split("#")[0].replaceAll("·", ""),
        thisYear: now.raw,
        lastYear: prev.raw,
        direction,
        percent: Math.abs(pct),
        phrase: direction === "持平" ? "与上年持平" : `同比${direction}${Math.abs(pct)}%`,
        formula: `（${now.value} − ${prev.value}）÷ ${prev.value} × 100% = ${pct}%`,
        lastYearSentence: sentence,
        confirmed: false,
      });
    }
  }
  return out;
}

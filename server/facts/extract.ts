/**
 * Offline extraction: every clause of a submission that carries a figure, a completed or planned action
 * or a named initiative becomes a candidate fact, cut to the clauses that carry it, with its unit, its
 * passage, a work line and a role read from the document's structure.
 */
import type { Heading, PreparedDocument, Section } from "../corpus/types.ts";
import { clauseClaims } from "../claims/markers.ts";
import { lexiconScores } from "../drafting/facts.ts";
import type { WorkLineList } from "../lists/work-lines.ts";
import { splitSentences } from "../text/sentences.ts";
import { workLineOrder } from "../text/work-lines.ts";
import { cleanClause, clauseSignals, isBoilerplate, quantities } from "./clauses.ts";
import { figureMeasure } from "./measure.ts";
import { FACT_ROLE_OF, type Candidate, type FactRole, type FactSource } from "./types.ts";

/** The parts of a read file extraction needs. */
export type Submission = Pick<PreparedDocument, "sourceName" | "title" | "cleanedText" | "structure">;

const OPEN = "“《（(‘「【";
const CLOSE = "”》）)’」】";

/** Spans of a sentence between its commas, semicolons and colons, never inside quotes or 书名号. */
export function pieceSpans(text: string, start: number, end: number): Array<{ start: number; end: number; semi: boolean }> {
  const out: Array<{ start: number; end: number; semi: boolean }> = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
    else if (depth === 0 && "，,；;：:".includes(ch)) {
      // semi: the piece ends at a ；, a boundary no candidate crosses.
      out.push({ start: from, end: i, semi: "；;".includes(ch) });
      from = i + 1;
    }
  }
  out.push({ start: from, end, semi: true });
  return out.filter((p) => /[\u4e00-\u9fff\d]/.test(text.slice(p.start, p.end)));
}

/** The role of a clause: its section's, except that a plan stated inside the work part is a plan. */
function roleOf(section: Section, text: string): FactRole {
  const base = FACT_ROLE_OF[section.role] ?? "成效";
  if (base !== "成效") return base;
  const c = clauseClaims(text);
  return c.status === "planned" && !c.explicitDone ? "打算" : "成效";
}

/**
 * A work line for a candidate: its own words when they clearly point to one line, else the line of its
 * section (the heading's tags) that its words favour, else its section's first; null when none says anything.
 */
export function workLineOf(text: string, sectionTags: string[], list?: WorkLineList): string | null {
  const scores = lexiconScores(text, list);
  const ranked = [...scores.entries()].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || workLineOrder(a[0]) - workLineOrder(b[0]));
  const [first, second] = ranked;
  if (first && first[1] >= 2 && (!second || first[1] >= second[1] * 1.5)) return first[0];
  const inSection = sectionTags.filter((t) => workLineOrder(t) !== Number.POSITIVE_INFINITY);
  const favoured = [...inSection].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))[0];
  return favoured ?? first?.[0] ?? null;
}

/** The paragraph (line) of `text` that holds offset `at`, cut to at most `max` characters around the sentence. */
export function passageAround(text: string, start: number, end: number, max = 400): { start: number; end: number } {
  let a = text.lastIndexOf("\n", start - 1) + 1;
  let b = text.indexOf("\n", end);
  if (b < 0) b = text.length;
  if (b - a > max) {
    const half = Math.max(0, Math.floor((max - (end - start)) / 2));
    a = Math.max(a, start - half);
    b = Math.min(b, end + half);
  }
  return { start: a, end: b };
}

/** The document's text with its heading lines blanked (offsets kept): a heading summarises, it reports nothing. */
function withoutHeadings(text: string, headings: Heading[]): string {
  let out = text;
  for (const h of headings) out = out.slice(0, h.start) + " ".repeat(h.end - h.start) + out.slice(h.end);
  return out;
}

export interface ExtractOptions {
  unit: string;
  /** Prefix of candidate ids (one per file, so ids stay unique across a batch). */
  idPrefix: string;
  workLines?: WorkLineList;
}

/** Candidate facts of one submission, in document order. */
export function extractCandidates(doc: Submission, opts: ExtractOptions): Candidate[] {
  const text = doc.cleanedText;
  const body = withoutHeadings(text, doc.structure.headings);
  const out: Candidate[] = [];
  for (const section of doc.structure.sections) {
    if (section.role === "title") continue;
    for (const s of splitSentences(body.slice(section.start, section.end))) {
      const sStart = section.start + s.start;
      const sEnd = section.start + s.end;
      const pieces = pieceSpans(body, sStart, sEnd).map((p) => ({ ...p, keep: isCandidate(body.slice(p.start, p.end)) }));
      // Consecutive factual pieces up to a ； form one candidate: 排查纠纷1234件，调解成功1200件 is one fact.
      for (let i = 0; i < pieces.length; i++) {
        if (!pieces[i].keep) continue;
        let j = i;
        while (j + 1 < pieces.length && pieces[j + 1].keep && !pieces[j].semi) j++;
        const raw = text.slice(pieces[i].start, pieces[j].end);
        const clause = cleanClause(raw);
        i = j;
        if (clause.replace(/[^\u4e00-\u9fff]/g, "").length < 4) continue;
        const passage = passageAround(text, sStart, sEnd);
        const source: FactSource = {
          file: doc.sourceName,
          unit: opts.unit,
          headingPath: section.headingPath,
          passage: text.slice(passage.start, passage.end),
          start: passage.start,
          end: passage.end,
        };
        out.push({
          id: `${opts.idPrefix}${out.length + 1}`,
          text: clause,
          unit: opts.unit,
          role: roleOf(section, clause),
          workLine: workLineOf(clause, section.tags, opts.workLines),
          figures: quantities(clause).map((f) => ({ raw: f.raw, value: f.value, unit: f.unit, kind: f.kind, measure: figureMeasure(clause, f) })),
          sources: [source],
          origin: "offline",
          chosen: true,
        });
      }
    }
  }
  return out;
}

/** A clause states something of the year (a figure, a named initiative, a concrete action) and is no boilerplate. */
export function isCandidate(piece: string): boolean {
  const s = clauseSignals(piece);
  return (s.quantities.length > 0 || s.initiative || s.action) && !isBoilerplate(s);
}

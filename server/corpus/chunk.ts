import { tagWorkLines } from "./classify.ts";
import { splitSentences, type SentenceSpan } from "../text/sentences.ts";
import { enumRuns, findEnumItems, type Analysis, type Para } from "./structure.ts";
import type { Chunk, Role } from "./types.ts";

/**
 * Chunks follow the report's structure: one per paragraph or enumerated item (1./（1） lines, or the
 * 一是/二是 items of a long paragraph); long ones are split at sentence ends, never inside a sentence;
 * heading lines with no text of their own are merged into the body that follows. Every chunk satisfies
 * cleanedText.slice(start, end) === text.
 */

export const CHUNK_TARGET = 350;
export const CHUNK_HARD_MAX = 600;
/** A paragraph this short that is followed by more text under the same heading leads into it. */
const LEAD_MAX = 40;
/** A last piece this short is folded into the previous one when both fit under the hard maximum. */
const TAIL_MIN = 80;

interface Span {
  start: number;
  end: number;
}

export interface ChunkMeta {
  docId: string;
  title: string;
  year: number | null;
}

/** The text that is embedded and full-text indexed for a chunk: its heading path, then its text. */
export function embeddingText(chunk: Chunk): string {
  const path = chunk.headingPath.join(" > ");
  return path ? `${path}\n${chunk.text}` : chunk.text;
}

/**
 * Past this a "sentence" is no sentence but a run of text without sentence ends (a table dumped as
 * text, a page layout that lost its punctuation, a 2,000-page PDF of one paragraph): it is cut at a
 * comma or a space, or else every CHUNK_HARD_MAX characters, so that no chunk holds a whole book. Far
 * above the long sentences of real reports, which stay whole.
 */
export const RUN_ON_MAX = 4 * CHUNK_HARD_MAX;
const SOFT_BREAK = /[，,、\s]/;

/** Cut text[start, end) into pieces of at most CHUNK_HARD_MAX characters, at a soft break where there is one. */
function cutRunOn(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let at = start;
  while (end - at > CHUNK_HARD_MAX) {
    let cut = at + CHUNK_HARD_MAX;
    for (let i = cut; i > at + CHUNK_TARGET / 2; i--) {
      if (SOFT_BREAK.test(text[i - 1])) {
        cut = i;
        break;
      }
    }
    // Never between the two halves of a character outside the BMP.
    const code = text.charCodeAt(cut);
    if (code >= 0xdc00 && code <= 0xdfff) cut--;
    let pieceEnd = cut;
    while (pieceEnd > at && /\s/.test(text[pieceEnd - 1])) pieceEnd--;
    if (pieceEnd > at) out.push({ start: at, end: pieceEnd });
    at = cut;
    while (at < end && /\s/.test(text[at])) at++;
  }
  if (at < end) out.push({ start: at, end });
}

/** Sentence spans of text[start, end) in absolute offsets; very long sentences are split at ；, run-ons past RUN_ON_MAX anywhere. */
function sentencesIn(text: string, span: Span): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const local = text.slice(span.start, span.end);
  const push = (start: number, end: number) => {
    if (end - start > RUN_ON_MAX) cutRunOn(text, start, end, out);
    else out.push({ start, end });
  };
  for (const s of splitSentences(local)) {
    if (s.end - s.start > CHUNK_HARD_MAX) {
      for (const c of splitSentences(local.slice(s.start, s.end), { semicolons: true })) push(span.start + s.start + c.start, span.start + s.start + c.end);
    } else out.push({ start: span.start + s.start, end: span.start + s.end });
  }
  return out;
}

/** Pack sentences greedily into pieces of at most CHUNK_TARGET characters (a single longer sentence stays whole). */
function packSentences(text: string, span: Span): Span[] {
  if (span.end - span.start <= CHUNK_TARGET) return [span];
  const sentences = sentencesIn(text, span);
  if (sentences.length === 0) return [span];
  // Aim for pieces of even size rather than a full one and a stub.
  const total = span.end - span.start;
  const pieces = Math.ceil(total / CHUNK_TARGET);
  const aim = Math.min(CHUNK_TARGET, Math.ceil(total / pieces) + 40);
  const out: Span[] = [];
  let cur: Span | null = null;
  for (const s of sentences) {
    if (!cur) {
      cur = { start: s.start, end: s.end };
      continue;
    }
    if (s.end - cur.start <= aim) cur.end = s.end;
    else {
      out.push(cur);
      cur = { start: s.start, end: s.end };
    }
  }
  if (cur) out.push(cur);
  // A short tail reads better with its predecessor.
  if (out.length >= 2) {
    const last = out[out.length - 1];
    const prev = out[out.length - 2];
    if (last.end - last.start < TAIL_MIN && last.end - prev.start <= CHUNK_HARD_MAX) {
      prev.end = last.end;
      out.pop();
    }
  }
  return out;
}

/** Split one body paragraph into pieces: its 一是/二是 items when it is long and has a run, then by sentences. */
function splitParagraph(text: string, p: Para): Span[] {
  const span = { start: p.start, end: p.end };
  if (span.end - span.start <= CHUNK_TARGET) return [span];
  const local = text.slice(p.start, p.end);
  const runs = enumRuns(findEnumItems(local));
  const segments: Span[] = [];
  if (runs.length) {
    const cuts = runs.flat().map((it) => p.start + it.start);
    let from = p.start;
    for (const cut of cuts) {
      if (cut > from) segments.push({ start: from, end: cut });
      from = cut;
    }
    segments.push({ start: from, end: p.end });
    // A short lead-in before 一是 (often the run-in heading) belongs with the first item.
    if (segments.length >= 2 && segments[0].end - segments[0].start < 150 && segments[0].start === p.start && cuts[0] !== p.start) {
      segments[1].start = segments[0].start;
      segments.shift();
    }
  } else segments.push(span);
  const out: Span[] = [];
  for (const seg of segments) {
    // Trim whitespace at the cut (items are usually separated by nothing, but be exact anyway).
    let { start, end } = seg;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push(...packSentences(text, { start, end }));
  }
  return out;
}

/** Build the chunks of a prepared document from its cleaned text and structure analysis. */
export function buildChunks(cleaned: string, analysis: Analysis, meta: ChunkMeta): Chunk[] {
  const chunks: Chunk[] = [];
  const paras = analysis.paras.filter((p) => p.end > p.start);
  let pendingStart: number | null = null; // heading/title/lead lines waiting for their body
  let pendingEnd = 0;
  const leafHeading = (path: string[]) => path[path.length - 1] ?? "";
  const push = (span: Span, role: Role, headingPath: string[]) => {
    const text = cleaned.slice(span.start, span.end);
    chunks.push({
      id: `${meta.docId}:${chunks.length}`,
      docId: meta.docId,
      seq: chunks.length,
      title: meta.title,
      year: meta.year,
      headingPath,
      role,
      tags: tagWorkLines(`${leafHeading(headingPath)}\n${text}`),
      text,
      start: span.start,
      end: span.end,
    });
  };

  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (p.kind === "signature" && chunks.length) {
      // The 落款 belongs to the end of the last passage, not to a passage of its own.
      const last = chunks[chunks.length - 1];
      last.end = p.end;
      last.text = cleaned.slice(last.start, last.end);
      continue;
    }
    const standalone = p.kind === "title" || (p.kind === "heading" && !p.heading?.runIn);
    const next = paras[i + 1];
    const isLead =
      p.kind === "body" &&
      p.end - p.start <= LEAD_MAX &&
      next !== undefined &&
      next.kind === "body" &&
      next.role === p.role &&
      next.headingPath.join("\u0000") === p.headingPath.join("\u0000");
    if (standalone || isLead) {
      if (pendingStart === null) pendingStart = p.start;
      pendingEnd = p.end;
      continue;
    }
    const pieces = splitParagraph(cleaned, p);
    pieces.forEach((piece, k) => {
      const span = k === 0 && pendingStart !== null ? { start: pendingStart, end: piece.end } : piece;
      push(span, p.role, p.headingPath);
    });
    pendingStart = null;
  }
  if (pendingStart !== null) {
    // Headings with nothing after them: attach to the last chunk, or stand alone if the text is only that.
    const last = chunks[chunks.length - 1];
    if (last) {
      last.end = pendingEnd;
      last.text = cleaned.slice(last.start, last.end);
    } else {
      const first = paras[0];
      push({ start: pendingStart, end: pendingEnd }, first.role, first.headingPath);
    }
  }
  return chunks;
}

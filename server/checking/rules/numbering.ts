import type { Finding } from "../types.ts";
import { chineseOrdinal, parseOrdinal } from "../../text/numerals.ts";
import { markerFor, matchMarker, parsePartHeading, type MarkerLevel } from "../../text/headings.ts";
import { lineSpans } from "../../text/sentences.ts";
import { finding, type RuleContext } from "./types.ts";

interface Marker {
  level: 1 | 2 | 3 | 4;
  ordinal: number;
  start: number; // offset of the marker
  end: number; // end of the marker including any wrong trailing mark
  wrongTail: string | null; // "、" after （一） or 1、 instead of 1.
}

function parseMarker(line: string, base: number): Marker | null {
  const lead = line.length - line.trimStart().length;
  const m = matchMarker(line.slice(lead), "strict");
  if (!m) return null;
  const at = base + lead;
  // After a bracket any mark is wrong; 1、 is the 顿号 where the point belongs ("2025年" never matches: it needs a point or 顿号).
  const wrongTail = m.level === 2 || m.level === 4 ? m.sep || null : m.level === 3 && m.sep === "、" ? "、" : null;
  return { level: m.level, ordinal: m.ordinal, start: at, end: at + m.length, wrongTail };
}

const ENUM = /(^|[。；：，！？\s])([一二三四五六七八九十]{1,3})是(?=[\p{Script=Han}“"《])/gu;

/** "1、" run into a paragraph after a sentence end: a third-level item written with a 顿号. */
const INLINE_L3 = /(?<=[。；：！？])[ \t\u3000]*(\d{1,2})、(?=\p{Script=Han})/gu;

/**
 * Run-in "1、" items inside paragraphs. "2、3月" (February and March) also matches the pattern, so an
 * item counts only when its neighbour in the numbering (n − 1 or n + 1) is written the same way too.
 */
function inlineItems(text: string, lineStartOrdinals: Set<number>): Finding[] {
  const found = [...text.matchAll(INLINE_L3)].map((m) => {
    const digits = m[1];
    const start = m.index! + m[0].length - digits.length - 1;
    return { n: Number(digits), start, end: start + digits.length + 1 };
  });
  const have = new Set([...found.map((f) => f.n), ...lineStartOrdinals]);
  return found
    .filter((f) => f.n > 0 && (have.has(f.n - 1) || have.has(f.n + 1)))
    .map((f) => finding(text, "numbering", "error", f.start, f.end, `三级序号应写作“${f.n}.”，不用顿号`, `${f.n}.`));
}

/** A line that opens an attachment or a part: numbering starts afresh under it (附件1, 附表, 第二部分). */
const ATTACHMENT = /^附\s*[件表录]\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*(?:\S.{0,30})?$/;
const opensNewDocument = (line: string) => ATTACHMENT.test(line) || parsePartHeading(line) !== null;
/** The line before a list that runs inside the text: it announces the items (以下几点：, 重点是三件事：). */
const ANNOUNCES_LIST = /[：:]\s*$|以下|如下|下列|[两三四五六七八九十几]\s*(?:个方面|方面|点|件事|项|条|类)|[两三四五六七八九十几]个[^，。；]{0,12}?(?:方面|问题|事|任务|工作|措施|原则|关系)/;
/** A first item written without 一是 (首先……二是, 第一……二是, 一方面……二是). */
const FIRST_ITEM = /首先|第一[，、,]|一方面|其一|一要|一则/;

interface Scope {
  counters: number[];
  depth: number; // deepest level seen under the current chain; 0 before any heading
}
const freshScope = (): Scope => ({ counters: [0, 0, 0, 0, 0], depth: 0 });

/**
 * Heading levels in the order 一、→（一）→1.→（1）, consecutive numbers, no 1、 or （一）、, and 一是/二是
 * runs without gaps. Numbering starts afresh under an attachment (附件) or a part (第二部分), and a list
 * announced by the line before it (以下几点：) may restart at 1 inside the text: it is a nested scope,
 * and the outer numbering resumes after it (…五、 then （二）).
 */
export function checkNumbering(text: string, _ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  let scopes: Scope[] = [freshScope()];
  let enumNext = 0; // next expected 一是 ordinal in the current paragraph run; 0 = no run
  // A 一是 not yet followed by 二是: reported when a heading, a new 一是 or the end comes first.
  let lone: { start: number; end: number; line: number } | null = null;
  const closeRun = (atEnd = false) => {
    if (lone && atEnd) {
      // The text stops inside the run: an excerpt cut there looks the same, so only a note.
      out.push(finding(text, "numbering", "info", lone.start, lone.end, "只有“一是”而没有“二是”，且全文到此结束：若是节选可忽略，否则补全后续各项或不用“一是”"));
    } else if (lone) {
      out.push(finding(text, "numbering", "warning", lone.start, lone.end, "只有“一是”而没有“二是”：只有一项时不用“一是”，否则补全后续各项"));
    }
    lone = null;
  };
  const l3AtLineStart = new Set<number>();
  let seenMarker = false;
  let prevLine = "";
  let bracketLine: { start: number } | null = null;
  // The unnumbered lines since the last marker of each level, and that marker's line (a heading missing its number).
  let between: Array<Array<{ start: number; text: string }>> = [[], [], [], [], []];
  const lastMarkerLine: string[] = ["", "", "", "", ""];
  for (const line of lineSpans(text)) {
    const trimmed = line.text.trim();
    if (trimmed.length <= 40 && !/[。，；]/.test(trimmed) && opensNewDocument(trimmed)) {
      closeRun();
      enumNext = 0;
      scopes = [freshScope()];
      between = [[], [], [], [], []];
      seenMarker = false;
      prevLine = trimmed;
      continue;
    }
    let mk = parseMarker(line.text, line.start);
    // A marker broken over two lines by extraction: "（" alone, then "三）……".
    if (!mk && bracketLine) {
      const joined = parseMarker("（" + trimmed, line.start - 1);
      if (joined && joined.level !== 1 && joined.level !== 3) mk = { ...joined, start: bracketLine.start };
    }
    bracketLine = trimmed === "（" || trimmed === "(" ? { start: line.start + line.text.indexOf(trimmed) } : null;
    if (bracketLine) continue;
    // A third-level marker run into a figure (20.2026年…, 21.5+2…, 3、2024年…) reads as a decimal or a date pair
    // (2、3月); it is the marker when it is the next number of a 1. 2. 3. run already under way.
    if (!mk) {
      const counter = scopes[scopes.length - 1].counters[3];
      const lead = line.text.length - line.text.trimStart().length;
      // Written with the point (20.2026年) or with the 顿号 that the point replaces (3、2024年11月).
      for (const next of counter > 0 ? [markerFor(3, counter + 1), `${counter + 1}、`] : []) {
        if (!trimmed.startsWith(next) || !/\d/.test(trimmed[next.length] ?? "")) continue;
        const at = line.start + lead;
        mk = { level: 3, ordinal: counter + 1, start: at, end: at + next.length, wrongTail: next.endsWith("、") ? "、" : null };
        break;
      }
    }
    if (mk) {
      if (mk.level === 3 && mk.wrongTail === "、") l3AtLineStart.add(mk.ordinal);
      closeRun();
      enumNext = 0;
      if (mk.wrongTail === "、" && mk.level === 3) {
        out.push(finding(text, "numbering", "error", mk.start, mk.end, `三级序号应写作“${mk.ordinal}.”，不用顿号`, `${mk.ordinal}.`));
      } else if (mk.wrongTail) {
        out.push(finding(text, "numbering", "error", mk.start, mk.end, `“${markerFor(mk.level, mk.ordinal)}”后不加标点`, markerFor(mk.level, mk.ordinal)));
      }
      let scope = scopes[scopes.length - 1];
      if (mk.ordinal !== scope.counters[mk.level] + 1) {
        // The outer numbering resuming after a nested list?
        const outer = scopes.slice(0, -1).findLastIndex((sc) => sc.counters[mk!.level] > 0 && mk!.ordinal === sc.counters[mk!.level] + 1);
        if (outer >= 0) {
          scopes = scopes.slice(0, outer + 1);
          scope = scopes[outer];
        } else if (mk.ordinal === 1 && ANNOUNCES_LIST.test(prevLine)) {
          scope = freshScope();
          scopes.push(scope);
        }
      }
      if (scope.depth > 0 && mk.level > scope.depth + 1) {
        out.push(finding(text, "numbering", "warning", mk.start, mk.end,
          `层级顺序应为 一、→（一）→1.→（1），此处跳过了“${markerFor((scope.depth + 1) as MarkerLevel, 1)}”这一级`));
      }
      const expected = scope.counters[mk.level] + 1;
      const missing = mk.ordinal === expected + 1 && seenMarker ? unnumberedHeading(between[mk.level], lastMarkerLine[mk.level], line.text.slice(mk.end - line.start)) : null;
      if (missing) {
        const fixed = markerFor(mk.level, expected);
        out.push(finding(text, "numbering", "error", missing.start, missing.start + missing.text.length,
          `此处标题缺少序号“${fixed}”（前后为“${markerFor(mk.level, expected - 1)}”和“${markerFor(mk.level, mk.ordinal)}”）`, fixed + missing.text));
      } else if (!seenMarker && mk.ordinal > 1) {
        // The first heading of the text is not the first of its level: most often the opening was left
        // out of an excerpt or a page; a note, not an error.
        out.push(finding(text, "numbering", "info", mk.start, mk.end, `全文第一个序号是“${markerFor(mk.level, mk.ordinal)}”：若不是节选，前面缺少“${markerFor(mk.level, 1)}”`));
      } else if (mk.ordinal !== expected) {
        const msg = mk.ordinal === scope.counters[mk.level]
          ? `序号重复：应为“${markerFor(mk.level, expected)}”`
          : `序号不连续：此处应为“${markerFor(mk.level, expected)}”`;
        out.push(finding(text, "numbering", "error", mk.start, mk.end, msg, markerFor(mk.level, expected)));
      }
      scope.counters[mk.level] = mk.ordinal;
      for (let l = mk.level + 1; l <= 4; l++) scope.counters[l] = 0;
      for (let l = mk.level; l <= 4; l++) between[l] = [];
      lastMarkerLine[mk.level] = line.text.slice(mk.end - line.start);
      scope.depth = mk.level;
      seenMarker = true;
      prevLine = trimmed;
      continue;
    }
    if (trimmed) {
      prevLine = trimmed;
      const lead = line.text.length - line.text.trimStart().length;
      for (let l = 1; l <= 4; l++) between[l].push({ start: line.start + lead, text: trimmed });
    }
    // 一是/二是 runs: may continue across paragraphs, restart at 一是, reset at a heading.
    for (const m of line.text.matchAll(ENUM)) {
      const n = parseOrdinal(m[2]);
      if (Number.isNaN(n)) continue;
      const start = line.start + m.index + m[1].length;
      const end = start + m[2].length + 1;
      if (n === 1) {
        // 一是……；一是…… in one paragraph: the older usage of 一是 for "one (thing) is", each item opening with
        // it (两件大事：一是……，一是……). Not a run left without its 二是.
        if (lone && lone.line === line.start) {
          lone = null;
          enumNext = 2;
          continue;
        }
        closeRun();
        lone = { start, end, line: line.start };
        enumNext = 2;
        continue;
      }
      lone = null;
      // 二是 after a first item written 首先 / 第一， / 一方面 in the same paragraph: a run all the same.
      if (enumNext === 0 && n === 2 && FIRST_ITEM.test(line.text.slice(0, start - line.start))) {
        enumNext = 3;
        continue;
      }
      const expected = enumNext === 0 ? 1 : enumNext;
      if (n !== expected) {
        out.push(finding(text, "numbering", "error", start, end,
          n < expected ? `“${m[2]}是”重复，此处应为“${chineseOrdinal(expected)}是”` : `“${m[2]}是”前缺少“${chineseOrdinal(expected)}是”`,
          `${chineseOrdinal(expected)}是`));
      }
      enumNext = n + 1;
    }
  }
  closeRun(true);
  out.push(...inlineItems(text, l3AtLineStart));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A heading shape: a title line of its own (no clause or sentence mark, 4–40 characters), or a run-in title (a short
 * phrase closed by 。 or ： that opens its paragraph, 1.党建引领。全镇……).
 */
function headingShape(body: string): "line" | "run-in" | null {
  const t = body.trim();
  if (t.length >= 4 && t.length <= 40 && !/[。；，,;：:！？!?]/.test(t)) return "line";
  const m = /^[^。；，,;：:！？]{2,15}[。：:]/.exec(t);
  return m && t.length > m[0].length ? "run-in" : null;
}

/**
 * GB/T 9704-2012 §7.3.3 numbers the headings of one level in order: where a run skips one number (七、 … 九、) and
 * exactly one unnumbered line between the two has the shape of their headings, that line is the heading that lost its
 * number (八、). The two markers must share the shape, and the line must not open with a marker of its own.
 */
function unnumberedHeading(lines: Array<{ start: number; text: string }>, prevHeading: string, thisHeading: string): { start: number; text: string } | null {
  const shape = headingShape(prevHeading);
  if (!shape || headingShape(thisHeading) !== shape) return null;
  const found = lines.filter((l) => !matchMarker(l.text, "lenient") && headingShape(l.text) === shape);
  return found.length === 1 ? found[0] : null;
}

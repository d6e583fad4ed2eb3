import { tagWorkLines } from "./classify.ts";
import { parseOrdinal } from "../text/numerals.ts";
import { firstYearIn } from "../text/report.ts";
import { splitSentences } from "../text/sentences.ts";
import { foldTraditional } from "../text/traditional.ts";
import { headingRank, MAX_PART_TEXT, parseHeading, type HeadingLine } from "../text/headings.ts";
import { OWN_UNIT, unitParts } from "../text/names.ts";
import type { AdminLevel, ReportStructure, Role, Section } from "./types.ts";

/**
 * Structure of a cleaned report: title, year, level, headings (parsed line by line in text/headings.ts),
 * 一是/二是 runs, and the role of every paragraph. Works on cleaned text (one paragraph per line); every
 * offset is into that text.
 */

/** An enumerated item inside a paragraph: 一是……；二是……. Offsets into the text given. */
export interface EnumItem {
  ordinal: number;
  start: number;
}

const ENUM_RE = /(^|[。；;：:！？!?，,\n])\s*([一二三四五六七八九十]{1,2})是(?=[^\s，。,])/g;

/** 一是/二是… markers in a text, in order, with their offsets (at the numeral). */
export function findEnumItems(text: string): EnumItem[] {
  const out: EnumItem[] = [];
  ENUM_RE.lastIndex = 0;
  for (let m = ENUM_RE.exec(text); m; m = ENUM_RE.exec(text)) {
    const ordinal = parseOrdinal(m[2]);
    if (!Number.isFinite(ordinal) || ordinal === 0) continue;
    const at = m.index + m[0].length - m[2].length - 1;
    out.push({ ordinal, start: at });
    ENUM_RE.lastIndex = at + 1;
  }
  return out;
}

/** Items of proper runs only (一是 then 二是 …, consecutive), so a stray "三是" alone is not an item. */
export function enumRuns(items: EnumItem[]): EnumItem[][] {
  const runs: EnumItem[][] = [];
  let cur: EnumItem[] = [];
  for (const it of items) {
    if (it.ordinal === 1) {
      if (cur.length >= 2) runs.push(cur);
      cur = [it];
    } else if (cur.length && it.ordinal === cur[cur.length - 1].ordinal + 1) cur.push(it);
    else if (cur.length >= 2 && it.ordinal !== cur[cur.length - 1].ordinal + 1) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length >= 2) runs.push(cur);
  return runs;
}

/** "signature": the 落款 at the end (unit name, date) — part of the document, not a passage of its own. */
export type ParaKind = "title" | "heading" | "body" | "signature";

/** One line of the cleaned text with what structure parsing made of it. */
export interface Para {
  index: number;
  start: number;
  end: number;
  kind: ParaKind; // "heading" lines may still carry body text (runIn)
  heading?: HeadingLine;
  /** Headings above this line (as written, marker + text), including its own heading. */
  headingPath: string[];
  role: Role;
}

export interface Analysis {
  structure: ReportStructure;
  paras: Para[];
  /** False when the title was derived (not a line of the text). */
  titleInText: boolean;
}

const PROBLEMS_RE = /问题|不足|短板|差距|薄弱环节|弱项/;
// "问题" in a work heading about fixing problems is not a problems section.
const PROBLEMS_NOT = /问题导向|问题线索|突出问题|(?:解决|整改|化解|整治|查摆|排查|聚焦)[^，。,]{0,10}问题|问题(?:整改|隐患)/;
const PROBLEMS_SURE = /存在|不足|短板|差距|弱项/;
const PLANS_RE = /下一步|计划|打算|思路|措施|展望|对策|建议|今后|明年|安排|工作重点|努力方向/;
const PLANS_START = /^(?:下一步|今后|明年|来年|新的一年|(?:19|20)\d{2}年[，,]?(?:我们|我委|我区|我县|我市|全区|全县|全市)?(?:将|要|继续))/;
const CLOSING_START = /^(?:一年来|半年来|回顾(?:过去|一年|全年)|过去的一年|新的一年|下一步|今后)/;
/** Pure summing-up openers close the report whatever section they follow. */
const CLOSING_STRONG = /^(?:总之|总而言之|综上所述|综上|总的来看|总的来说)/;
/** A paragraph that turns to shortcomings in a report without headings. */
const PROBLEMS_START = /^(?:[^。]{0,20}(?:存在|还存在|仍存在|也存在|还有|仍有)[^。]{0,12}(?:问题|不足|差距|短板)|(?:存在的?)?(?:问题|不足)(?:和|与)?(?:不足)?[:：]?$)/;
const TITLE_KIND = /(?:工作)?(?:总结|汇报|报告|计划|要点|情况|述职|材料)(?:[（(].{1,10}[）)])?$/;

function headingRole(text: string): Role | null {
  // "存在的问题及下一步工作措施" is mixed: problems first, its 下一步 paragraphs become plans below.
  if (PROBLEMS_RE.test(text) && (PROBLEMS_SURE.test(text) || !PROBLEMS_NOT.test(text))) return "problems";
  if (PLANS_RE.test(text)) return "plans";
  return null;
}

// A part that reviews the year ("2024年工作总结", "工作回顾") is work even when it names plans too
// ("2024年工作总结及2025年工作计划").
const PART_WORK = /总结|回顾|完成情况|成效|成绩|主要工作|工作情况/;

/** Role named by a part heading, and whether it is firm: it names one role only, so it governs its sections. */
function partRole(text: string): { role: Role | null; firm: boolean } {
  const problems = PROBLEMS_RE.test(text) && (PROBLEMS_SURE.test(text) || !PROBLEMS_NOT.test(text));
  const plans = PLANS_RE.test(text);
  if (PART_WORK.test(text)) return { role: null, firm: false }; // its inner headings name their roles
  if (problems && plans) return { role: "problems", firm: false }; // mixed: inner headings decide
  if (problems) return { role: "problems", firm: true };
  if (plans) return { role: "plans", firm: true };
  return { role: null, firm: false };
}

function isTitleLike(line: string): boolean {
  if (parseHeading(line)) return false;
  if (/^[一二三四五六七八九十]是/.test(line)) return false;
  if (line.length > 60 || /[。；，,：:！？]$/.test(line)) return false;
  return true;
}

/** The unit named in a text, e.g. "区委政法委", "**市委政法委", "XX县委政法委". */
function findUnit(text: string): string | null {
  const folded = foldTraditional(text);
  const m = OWN_UNIT.exec(folded);
  // As written (a Traditional text keeps 區委政法委): the fold keeps offsets.
  return m ? text.slice(m.index, m.index + m[1].length) : null;
}

function deriveTitle(firstPara: string, year: number | null): string {
  const unit = findUnit(firstPara) ?? "";
  const y = year ? `${year}年` : "";
  const folded = foldTraditional(firstPara);
  if (/总结如下|总结报告如下/.test(folded)) return `${unit}${y}工作总结`;
  if (/汇报如下/.test(folded)) return `${unit}${y}工作汇报`;
  if (/报告如下/.test(folded)) return `${unit}${y}工作情况报告`;
  const first = splitSentences(firstPara)[0];
  const s = first ? firstPara.slice(first.start, first.end) : firstPara;
  return s.length > 40 ? s.slice(0, 40) + "……" : s;
}

function findLevel(title: string, text: string): AdminLevel | null {
  // The level of the unit the title names (西山县委政法委 → 县); 州 and 旗 are no AdminLevel.
  const own = findUnit(title);
  const ownLevel = own ? unitParts(own).level : "";
  if (ownLevel === "区" || ownLevel === "县" || ownLevel === "市") return ownLevel;
  const t = /([区县市])委?政法|([区县市])委/.exec(title);
  if (t) return (t[1] ?? t[2]) as AdminLevel;
  const count: Record<AdminLevel, number> = { 区: 0, 县: 0, 市: 0 };
  for (const m of text.matchAll(/(?:全|我|本)([区县市])|([区县市])委政法委/g)) count[(m[1] ?? m[2]) as AdminLevel]++;
  const best = (Object.entries(count) as Array<[AdminLevel, number]>).sort((a, b) => b[1] - a[1]);
  if (best[0][1] === 0 || best[0][1] === best[1][1]) return null;
  return best[0][0];
}

/** The text being parsed, its lines, and the folded copy the Simplified keyword patterns look at. */
interface Pass {
  cleaned: string;
  /** Traditional folded to Simplified, same offsets. */
  folded: string;
  paras: Para[];
  lineText(p: Para): string;
  /** Keyword patterns are Simplified; a Traditional report is matched through a folded copy (same offsets). */
  matchText(p: Para): string;
}

/** Lines as paragraphs, all body text of the work role until a pass says otherwise. */
function splitParas(cleaned: string): Pass {
  const paras: Para[] = [];
  let offset = 0;
  cleaned.split("\n").forEach((text, index) => {
    paras.push({ index, start: offset, end: offset + text.length, kind: "body", headingPath: [], role: "work" });
    offset += text.length + 1;
  });
  const folded = foldTraditional(cleaned);
  return { cleaned, folded, paras, lineText: (p) => cleaned.slice(p.start, p.end), matchText: (p) => folded.slice(p.start, p.end) };
}

/** Title pass: the first line is the title when it looks like one. Returns the title ("" when none). */
function markTitle({ paras, lineText, matchText }: Pass): string {
  if (paras.length && lineText(paras[0]) !== "" && isTitleLike(lineText(paras[0])) && (paras.length > 1 || TITLE_KIND.test(matchText(paras[0])))) {
    paras[0].kind = "title";
    paras[0].role = "title";
    return lineText(paras[0]);
  }
  return "";
}

/**
 * Heading pass: headings, heading paths, and the role each paragraph inherits from the nearest heading
 * that names one. Returns the headings found.
 */
function markHeadings({ cleaned, paras, lineText }: Pass): HeadingLine[] {
  const headings: HeadingLine[] = [];
  // rank orders the stack (parts < 0 < 一、 = 1 …); firm: a part whose words name one role (存在的问题,
  // 工作打算) gives it to everything below, whatever the inner headings say ("三、工作措施不够有力"
  // under 第二部分 存在的问题 is a problem, not a plan).
  const stack: Array<{ rank: number; label: string; role: Role | null; firm: boolean }> = [];
  let seenHeading = false;
  let partTitleLine = -1; // the line after a bare "第一部分" that holds its title
  for (const p of paras) {
    if (p.kind === "title") continue;
    const h = p.index === partTitleLine ? null : parseHeading(lineText(p), p.start);
    if (p.index === partTitleLine) p.kind = "heading"; // part of the heading above; no Heading of its own
    if (h && h.level === 0 && h.text === "") {
      // Word files often put the part marker and its title on two lines: "第一部分" / "2024年工作回顾".
      const next = paras[p.index + 1];
      const nt = next ? lineText(next).trimEnd() : "";
      if (nt && nt.length <= MAX_PART_TEXT && !/[。！？!?；;，,：:]/.test(nt) && !parseHeading(nt)) {
        h.text = nt;
        h.end = next.start + nt.length;
        partTitleLine = next.index;
      }
    }
    if (h) {
      p.kind = "heading";
      p.heading = h;
      headings.push(h);
      seenHeading = true;
      const rank = headingRank(h);
      while (stack.length && stack[stack.length - 1].rank >= rank) stack.pop();
      if (h.level === 0) {
        const pr = partRole(foldTraditional(h.text));
        // Labelled as written ("第一部分 2024年工作总结"), or marker and title joined when on two lines.
        const label = h.end <= p.end ? cleaned.slice(h.start, h.end) : `${h.marker} ${h.text}`;
        stack.push({ rank, label, role: pr.role, firm: pr.firm });
      } else stack.push({ rank, label: h.marker + h.text, role: headingRole(foldTraditional(h.text)), firm: false });
    }
    p.headingPath = stack.map((s) => s.label);
    if (!seenHeading) p.role = "opening";
    else {
      const firm = stack.find((s) => s.firm);
      let role: Role = "work";
      if (firm?.role) role = firm.role;
      else {
        for (let i = stack.length - 1; i >= 0; i--) {
          const r = stack[i].role;
          if (r) {
            role = r;
            break;
          }
        }
      }
      p.role = role;
    }
  }
  return headings;
}

/** The first body paragraph (the opening of a report), else the first line after the title. */
function firstBodyPara(paras: Para[]): Para | undefined {
  const body = paras.filter((p) => p.kind !== "title");
  return body.find((p) => p.kind === "body") ?? body[0];
}

/**
 * Role pass for a report without numbered headings: the first paragraph opens it; the rest is work
 * until a paragraph turns to problems ("存在的问题/不足"); plans are found by markPlans.
 */
function markUnheadedRoles({ paras, lineText, matchText }: Pass): void {
  const firstBody = firstBodyPara(paras);
  let role: Role = "work";
  for (const p of paras) {
    if (p.kind === "title" || p === firstBody) continue;
    if (PROBLEMS_START.test(matchText(p))) role = "problems";
    else if (role === "problems" && !/^[一二三四五六七八九十]是/.test(lineText(p)) && !PROBLEMS_START.test(matchText(p))) role = "work";
    p.role = role;
  }
}

/** Metadata pass: year (title, else opening), the title derived when the text has none, and the level. */
function readMetadata({ cleaned, folded, paras, lineText }: Pass, titleLine: string): { title: string; year: number | null; level: AdminLevel | null } {
  const firstBody = firstBodyPara(paras);
  const year = firstYearIn(titleLine, firstBody ? lineText(firstBody) : "");
  const title = paras[0]?.kind === "title" ? titleLine : deriveTitle(firstBody ? lineText(firstBody) : cleaned, year);
  return { title, year, level: findLevel(foldTraditional(title), folded) };
}

/** 落款 pass: short trailing lines that are a date or a unit name. */
function markSignature({ paras, matchText }: Pass): void {
  for (let i = paras.length - 1; i > 0; i--) {
    const p = paras[i];
    if (p.kind !== "body" || !isSignatureLine(matchText(p))) break;
    p.kind = "signature";
  }
}

/**
 * Plans pass: within a section, a paragraph that starts "下一步/今后/明年…" (or a short lead line that
 * announces proposals) turns it and what follows under the same heading into plans.
 */
function markPlans({ paras, matchText }: Pass): void {
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (p.kind !== "body" || p.role === "opening") continue;
    const t = matchText(p);
    const leadAnnouncesPlans = t.length <= 40 && /建议|对策|下一步|打算|计划|措施/.test(t);
    if (!(PLANS_START.test(t) || leadAnnouncesPlans)) continue;
    if (p.role === "plans") continue;
    const path = p.headingPath.join("\u0000");
    for (let j = i; j < paras.length && paras[j].headingPath.join("\u0000") === path && paras[j].kind === "body"; j++) {
      paras[j].role = "plans";
    }
  }
}

/**
 * Closing pass: trailing paragraph(s) that sum up ("总之……" anywhere; "一年来……" under a work heading at
 * the very end). The closing belongs to the whole report, not to the last section's heading.
 */
function markClosing({ paras, matchText }: Pass, seenHeading: boolean): void {
  let lastBody = paras.length - 1;
  while (lastBody > 0 && paras[lastBody].kind === "signature") lastBody--;
  for (let i = lastBody; i >= 0; i--) {
    const p = paras[i];
    if (p.kind !== "body") break;
    const t = matchText(p);
    const prev = paras[i - 1];
    const headingHasOtherBody = prev && (prev.kind === "body" || (prev.kind === "heading" && prev.heading?.runIn));
    const strong = CLOSING_STRONG.test(t) && p.role !== "opening";
    const weak = seenHeading && CLOSING_START.test(t) && (p.role === "work" || p.role === "plans") && headingHasOtherBody && isWorkHeadingAbove(paras, i);
    if (strong || weak) {
      p.role = "closing";
      p.headingPath = [];
      continue;
    }
    break;
  }
  // The 落款 takes the role of what precedes it.
  for (const p of paras) if (p.kind === "signature" && p.index > 0) p.role = paras[p.index - 1].role;
}

/** Enumeration pass: 一是/二是 runs across consecutive body paragraphs of the same section. */
function countEnumerationRuns({ paras, lineText }: Pass): number {
  let runs = 0;
  let group: EnumItem[] = [];
  let groupPath = "";
  const flush = () => {
    runs += enumRuns(group).length;
    group = [];
  };
  for (const p of paras) {
    if (p.kind === "title") continue;
    const path = p.headingPath.join("\u0000");
    if (p.kind === "heading" || path !== groupPath) {
      flush();
      groupPath = path;
    }
    const from = p.heading?.runIn ? p.heading.bodyStart - p.start : p.kind === "heading" ? p.end - p.start : 0;
    const text = lineText(p).slice(from);
    for (const it of findEnumItems(text)) group.push({ ordinal: it.ordinal, start: p.start + from + it.start });
  }
  flush();
  return runs;
}

/** Parse the structure of cleaned report text (title, year, level, headings, roles, 一是 runs), pass by pass. */
export function analyzeStructure(cleaned: string): Analysis {
  const pass = splitParas(cleaned);
  const titleLine = markTitle(pass);
  const titleInText = pass.paras[0]?.kind === "title";
  const headings = markHeadings(pass);
  const seenHeading = headings.length > 0;
  if (!seenHeading) markUnheadedRoles(pass);
  const { title, year, level } = readMetadata(pass, titleLine);
  markSignature(pass);
  markPlans(pass);
  markClosing(pass, seenHeading);
  const enumerationRuns = countEnumerationRuns(pass);
  const structure: ReportStructure = {
    title,
    year,
    level,
    headings: headings.map(({ bodyStart: _b, ...h }) => h),
    sections: buildSections(cleaned, pass.paras),
    enumerationRuns,
  };
  return { structure, paras: pass.paras, titleInText };
}

const SIGNATURE_DATE = /^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}日)?$/;
const SIGNATURE_UNIT = /(?:委员会|政法委|党委|党组|办公室|委|局|院|厅|政府|中心|司法所|派出所)$/;

function isSignatureLine(t: string): boolean {
  if (t.length > 30 || /[。；，,：:！？]/.test(t)) return false;
  return SIGNATURE_DATE.test(t) || (SIGNATURE_UNIT.test(t) && !parseHeading(t));
}

/** True when the paragraph's role came from a work heading (or none), not from a problems/plans one. */
function isWorkHeadingAbove(paras: Para[], i: number): boolean {
  const path = paras[i].headingPath;
  const last = path[path.length - 1];
  return !last || headingRole(foldTraditional(last)) === null;
}

/** A flat partition of the text into sections: a heading with its body, split where the role changes. */
function buildSections(cleaned: string, paras: Para[]): Section[] {
  const sections: Section[] = [];
  let cur: { path: string[]; role: Role; start: number; end: number; headingOnly: boolean; isTitle: boolean } | null = null;
  const close = () => {
    if (!cur) return;
    const text = cleaned.slice(cur.start, cur.end);
    sections.push({ headingPath: cur.path, role: cur.role, tags: cur.isTitle ? [] : tagWorkLines(text), start: cur.start, end: cur.end });
  };
  const key = (path: string[]) => path.join("\u0000");
  for (const p of paras) {
    if (p.start === p.end) continue;
    const standalone = p.kind === "heading" && !p.heading?.runIn;
    // The title line of a two-line part heading continues the heading's section.
    if (cur && !cur.isTitle && (p.kind === "signature" || (p.kind === "heading" && !p.heading))) {
      cur.end = p.end;
      continue;
    }
    if (cur && !cur.isTitle && p.kind === "body" && key(cur.path) === key(p.headingPath) && (cur.role === p.role || cur.headingOnly)) {
      cur.role = p.role;
      cur.end = p.end;
      cur.headingOnly = false;
      continue;
    }
    close();
    cur = { path: p.headingPath, role: p.role, start: p.start, end: p.end, headingOnly: standalone, isTitle: p.kind === "title" };
  }
  close();
  return sections;
}

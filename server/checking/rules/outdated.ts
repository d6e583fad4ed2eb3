import type { Finding } from "../types.ts";
import { dateKey, type Registry } from "../../lists/registry.ts";
import { parseHeading } from "../../text/headings.ts";
import { chineseOrdinal, parseOrdinal } from "../../text/numerals.ts";
import { sentenceSpans } from "../../text/sentences.ts";
import { cut } from "../../text/segment.ts";
import { finding, type RuleContext } from "./types.ts";

// A meeting is cited as guidance when its sentence says so; "党的十八大以来" is history, not guidance.
const GUIDANCE = /精神|为指导|贯彻|学习|部署|要求|指引/;
const CONGRESS = /(?:党的)?(十[五六七八九]|二十[一二]?)大(?![项类队学厦家批])/g;
const PLENUMS = /(?:党的)?(十[五六七八九]|二十)届((?:[一二三四五六七八九]中(?:全会)?[、和及与]?)+)全会/g;

const congressName = (term: number) => `党的${chineseOrdinal(term)}大`;
const plenumName = (term: number, p: number) => `${chineseOrdinal(term)}届${chineseOrdinal(p)}中全会`;

const CONGRESS_AHEAD = /^(?:党的)?(?:十[五六七八九]|二十[一二]?)大/;
const CONGRESS_BEHIND = /(?:十[五六七八九]|二十[一二]?)大[、和及与]$/;

/**
 * A summary is written after its period ends (a year's summary in January to March): a meeting held in
 * those months can already be cited, and a campaign that starts then already named in its plans.
 */
const WRITING_MONTHS = 3;

/** A yyyymmdd key `n` months later (the day is kept; only comparisons use it). */
function plusMonths(key: number, n: number): number {
  let y = Math.floor(key / 10000);
  let m = (Math.floor(key / 100) % 100) + n;
  while (m > 12) {
    m -= 12;
    y++;
  }
  return y * 10000 + m * 100 + (key % 100);
}

interface Current {
  congress: number;
  /** The current congress met during the report's own year: the one before it guided the months before. */
  congressInPeriod: boolean;
  plenum: { term: number; plenum: number } | null;
}

function currentFor(reg: Registry, cut: number): Current {
  const held = reg.congresses.filter((c) => dateKey(c.date) <= cut);
  const congress = held.reduce((a, c) => Math.max(a, c.term), 0);
  const date = held.find((c) => c.term === congress)?.date;
  const congressInPeriod = date !== undefined && Math.floor(dateKey(date) / 10000) === Math.floor(cut / 10000);
  const plenums = reg.plenums.filter((p) => p.term === congress && dateKey(p.date) <= cut).sort((a, b) => b.plenum - a.plenum);
  return { congress, congressInPeriod, plenum: plenums[0] ? { term: plenums[0].term, plenum: plenums[0].plenum } : null };
}

/** A term in quotation marks for a message, unless it opens with its own (“四个全面”战略布局). */
const quoted = (t: string) => (t.startsWith("“") ? t : `“${t}”`);

/** Congresses, plenums, ended campaigns and fixed formulations that are wrong for the report year. */
export function checkOutdated(text: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const reg = ctx.registry;
  const Y = ctx.year;
  // A half-year or quarterly report is judged at the end of its period, not of the year.
  const cut = ctx.periodEnd ?? Y * 10000 + 1231;
  const cur = currentFor(reg, cut);
  const written = plusMonths(cut, WRITING_MONTHS);

  for (const s of sentenceSpans(text)) {
    const guidance = GUIDANCE.test(s.text);
    for (const m of s.text.matchAll(CONGRESS)) {
      const term = parseOrdinal(m[1]);
      const start = s.start + m.index;
      const end = start + m[0].length;
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 3);
      if (/^以来|^召开以来|^后/.test(after)) continue;
      // 十六大、十七大、十八大提出的…: a line of congresses is history, not the guidance of the year.
      if (/^[、和及与至到]/.test(after) && CONGRESS_AHEAD.test(s.text.slice(m.index + m[0].length + 1, m.index + m[0].length + 6))) continue;
      if (/[、和及与]$/.test(s.text.slice(0, m.index)) && CONGRESS_BEHIND.test(s.text.slice(Math.max(0, m.index - 6), m.index))) continue;
      const known = reg.congresses.find((c) => c.term === term);
      const lead = s.text.slice(Math.max(0, m.index - 4), m.index);
      if (known && dateKey(known.date) > written) {
        // Looking forward to it (迎接, 从十九大到二十大, 为…召开创造条件) is not citing it.
        if (/献礼|迎接|喜迎|召开|筹备|到$/.test(lead) || /^(?:胜利)?召开/.test(after)) continue;
        out.push(finding(text, "outdated", "warning", start, end, `${Y}年时${congressName(term)}尚未召开，请核对年份或表述`));
      } else if (guidance && cur.congress > 0 && term < cur.congress && !(term === cur.congress - 1 && cur.congressInPeriod)) {
        out.push(finding(text, "outdated", "warning", start, end,
          `${Y}年的总结以${congressName(term)}作为当前指导已过时，应为${congressName(cur.congress)}精神`, congressName(cur.congress)));
      }
    }
    const cited: Array<{ term: number; plenum: number; start: number; end: number }> = [];
    for (const m of s.text.matchAll(PLENUMS)) {
      const term = parseOrdinal(m[1]);
      const start = s.start + m.index;
      const end = start + m[0].length;
      for (const p of m[2].matchAll(/([一二三四五六七八九])中/g)) cited.push({ term, plenum: parseOrdinal(p[1]), start, end });
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 3);
      if (/^以来|^后/.test(after)) continue;
      const nums = [...m[2].matchAll(/([一二三四五六七八九])中/g)].map((p) => parseOrdinal(p[1]));
      const future = nums.filter((p) => {
        const known = reg.plenums.find((x) => x.term === term && x.plenum === p);
        return known !== undefined && dateKey(known.date) > written;
      });
      if (future.length > 0) {
        out.push(finding(text, "outdated", "warning", start, end, `${Y}年时${plenumName(term, future[0])}尚未召开，请核对年份或表述`));
      } else if (guidance && cur.congress > 0 && term < cur.congress && !(term === cur.congress - 1 && cur.congressInPeriod)) {
        const suggestion = cur.plenum ? plenumName(cur.plenum.term, cur.plenum.plenum) : undefined;
        out.push(finding(text, "outdated", "warning", start, end,
          `${Y}年的总结以${chineseOrdinal(term)}届全会作为当前指导已过时（${Y}年时为${congressName(cur.congress)}${suggestion ? `和${suggestion}` : ""}）`, suggestion));
      }
    }
    // Same term, but the latest plenum of the report year is missing from a guidance sentence.
    if (guidance && cur.plenum && cited.length > 0) {
      const sameTerm = cited.filter((c) => c.term === cur.plenum!.term);
      if (sameTerm.length > 0 && !sameTerm.some((c) => c.plenum >= cur.plenum!.plenum)) {
        const last = sameTerm[sameTerm.length - 1];
        out.push(finding(text, "outdated", "info", last.start, last.end,
          `${Y}年已召开${plenumName(cur.plenum.term, cur.plenum.plenum)}，作为指导思想时宜写明最新全会精神`));
      }
    }
  }

  const offYear = (c: Registry["campaigns"][number]) =>
    Y > Math.floor(dateKey(c.end) / 10000) || dateKey(c.announced ?? c.start) > written;
  for (const c of reg.campaigns) {
    const endYear = Math.floor(dateKey(c.end) / 10000);
    const startYear = Math.floor(dateKey(c.start) / 10000);
    if (!offYear(c) || ctx.yearAssumed) continue;
    const seen: Array<[number, number]> = []; // an alias inside the full name already reported
    for (const name of [c.name, ...(c.aliases ?? [])]) {
      let i = text.indexOf(name);
      while (i >= 0) {
        const at = i;
        if (seen.some(([s, e]) => at < e && at + name.length > s)) {
          i = text.indexOf(name, i + name.length);
          continue;
        }
        seen.push([i, i + name.length]);
        const before = text.slice(Math.max(0, i - 8), i);
        const after = text.slice(i + name.length, i + name.length + 6);
        const historical = /巩固|拓展|深化|延伸/.test(before) || /^[”"]?(?:成果|成效|以来|期间|中|时|满意|取得|常态化)/.test(after)
          || /(?:常态化|长效化)[^，。；]*$/.test(before)
          || yearWithin(text, i, startYear, endYear) || retrospective(text, i) || campaignList(text, i, reg, offYear);
        if (!historical) {
          const shown = c.name.includes("”") ? `“${c.name}` : `“${c.name}”`;
          const msg = Y > endYear
            ? `${shown}已于${c.end.slice(0, 4)}年${Number(c.end.slice(5, 7))}月结束，${Y}年的总结不宜再作为当前工作表述`
            : `${Y}年时${shown}尚未开展（${c.start.slice(0, 4)}年起），请核对年份`;
          out.push(finding(text, "outdated", "warning", i, i + name.length, msg, Y > endYear ? c.replacement : undefined));
        }
        i = text.indexOf(name, i + name.length);
      }
    }
  }

  for (const f of reg.formulations) {
    if (f.pattern) {
      const except = f.except ? new RegExp(f.except) : null;
      for (const m of text.matchAll(new RegExp(f.pattern, "g"))) {
        // A space inside is the spacing rule's finding; another named thought is not a variant.
        if (m[0] === f.correct || m[0].replace(/\s/g, "") === f.correct || except?.test(m[0])) continue;
        out.push(finding(text, "outdated", "error", m.index, m.index + m[0].length, `固定表述应为${quoted(f.correct)}`, f.correct));
      }
    }
    for (const w of f.wrong) {
      let i = text.indexOf(w);
      while (i >= 0) {
        out.push(finding(text, "outdated", "error", i, i + w.length, `固定表述应为“${f.correct}”`, f.correct));
        i = text.indexOf(w, i + w.length);
      }
    }
  }
  out.push(...replacedFormulations(text, ctx, cut), ...supersededRegulations(text, ctx, cut), ...unnamedThought(text, cut));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * 以新时代中国特色社会主义思想为指导: from its writing into the party constitution (2017-10-24) the guiding
 * thought is named with its author (习近平新时代中国特色社会主义思想); a report that drops the name cites it
 * wrongly. Only the report of the General Secretary himself to a party congress (代表第…届中央委员会向大会作
 * 报告: the 20th congress report writes 全面贯彻新时代中国特色社会主义思想) names it without him. A title
 * before the thought (总书记新时代…) is the leaders rule's finding.
 */
function unnamedThought(text: string, cut: number): Finding[] {
  if (cut < 20171024 || /代表第[^，。\n]{1,8}届中央委员会向大会作报告/.test(text)) return [];
  const out: Finding[] = [];
  const name = "新时代中国特色社会主义思想";
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
    if (/(?:习近平|近平|总书记|同志)[“”"]?$/.test(text.slice(Math.max(0, i - 4), i))) continue;
    out.push(finding(text, "outdated", "error", i, i + name.length,
      `指导思想的名称不完整：应为“习近平${name}”`, `习近平${name}`));
  }
  return out;
}

/** A year inside the campaign's own years just before it in the sentence (2021年度…政法队伍教育整顿): history. */
function yearWithin(text: string, at: number, from: number, to: number): boolean {
  const lead = text.slice(Math.max(0, at - 40), at);
  const sentence = lead.slice(Math.max(0, ...["。", "；", "\n"].map((p) => lead.lastIndexOf(p) + 1)));
  return [...sentence.matchAll(/((?:19|20)\d{2})年/g)].some((m) => Number(m[1]) >= from && Number(m[1]) <= to);
}

const LOOK_BACK = /^\s*(?:近年来|过去[一二三四五六七八九十两几\d]+年|近[一二三四五六七八九十两几\d]+年(?:来|以来)?|[一二三四五六七八九十两\d]+年(?:来|以来))/;

/**
 * A heading over several years: 过去五年的工作, 过去一年和五年工作回顾, 五年来, 近十年 (not 过去一年, and
 * not a calendar year: 2025年工作回顾).
 */
const YEARS_HEADING = /(?:过去|近)[^，。；\d]{0,5}?(?:[二三四五六七八九十两几]|(?<!\d)\d{1,2})年|(?:^|[^\d一二三四五六七八九十〇零])(?:[二三四五六七八九十两几]|\d{1,2})年(?:来|以来|的?工作|回顾)/;

/**
 * A paragraph that looks back over several years (近年来, 近五年来, 五年来) recounts, it does not report
 * the year; so does a whole report that opens that way (a five-year report to an inspection team), and a
 * section whose heading looks back over several years (一、过去五年的工作: a congress or a term's report).
 */
function retrospective(text: string, at: number): boolean {
  const para = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
  if (LOOK_BACK.test(para)) return true;
  const section = sectionHeading(text, at);
  if (section && YEARS_HEADING.test(section)) return true;
  const opening = text.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 3).find((l) => l.length > 40);
  return opening !== undefined && LOOK_BACK.test(opening);
}

/** The text of the nearest first-level or part heading (一、…, 第一部分…) before `at`, or null. */
function sectionHeading(text: string, at: number): string | null {
  for (let end = text.lastIndexOf("\n", at - 1); end > 0; end = text.lastIndexOf("\n", end - 1)) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    if (end - start > 60) continue;
    const h = parseHeading(text.slice(start, end).trim());
    if (h && h.level <= 1 && !h.runIn) return h.text;
  }
  return null;
}

/**
 * A list of campaigns (扎实开展A、B、C) recounts a stretch of years; it does not report them as the
 * year's work. A list is campaign names joined by 、/和/及/与 (quotes allowed); it counts when it has
 * three members, or two that both lie outside the report's year.
 */
function campaignList(text: string, at: number, reg: Registry, offYear: (c: Registry["campaigns"][number]) => boolean): boolean {
  const names = reg.campaigns.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => ({ n, c })));
  const members: Array<Registry["campaigns"][number]> = [];
  // Walk left and right from the mention over joined names.
  const nameAt = (i: number) => names.filter((x) => text.startsWith(x.n, i)).sort((a, b) => b.n.length - a.n.length)[0];
  const nameEndingAt = (i: number) => names.filter((x) => i - x.n.length >= 0 && text.startsWith(x.n, i - x.n.length)).sort((a, b) => b.n.length - a.n.length)[0];
  const self = nameAt(at);
  if (!self) return false;
  members.push(self.c);
  let right = at + self.n.length;
  for (;;) {
    const m = /^[”"]?[、和及与][“"]?(?:党的)?/.exec(text.slice(right, right + 6));
    const next = m ? nameAt(right + m[0].length) ?? nameAt(right + m[0].length - 2) : undefined;
    if (!m || !next) break;
    members.push(next.c);
    right = text.indexOf(next.n, right) + next.n.length;
  }
  let left = at;
  for (;;) {
    const m = /[”"]?[、和及与][“"]?(?:党的)?$/.exec(text.slice(Math.max(0, left - 6), left));
    const prev = m ? nameEndingAt(left - m[0].length) ?? nameEndingAt(left - m[0].length + 1) : undefined;
    if (!m || !prev) break;
    members.push(prev.c);
    left = text.lastIndexOf(prev.n, left - m[0].length + 1);
  }
  const distinct = [...new Set(members)];
  return distinct.length >= 3 || distinct.filter(offYear).length >= 2;
}

/** Said about the past (原称, 曾, 以往) or quoted as a title, an old formulation is not the report's own. */
const HISTORY_BEFORE = /(?:原|曾|以往|过去|当年|时称|原称|原来)[^，。；\n]{0,6}$/;

/** A new institution's name that can stand where the old one stood (自然资源局 for 国土资源局; not 党委政法委 for 综治办). */
const DROP_IN = /^[^（、]*(?:部|局|厅|总局|委员会|日报|治理)$/;

/** Formulations a congress (or a central decision) replaced, used after the change. */
function replacedFormulations(text: string, ctx: RuleContext, cut: number): Finding[] {
  const out: Finding[] = [];
  // A title in 《》, or a short name in quotation marks (“青少年法制建设计划”), is cited as it was named.
  const titles = [...text.matchAll(/《[^《》\n]{1,80}》|“[^“”\n]{1,24}”/g)].map((m) => [m.index, m.index + m[0].length] as const);
  for (const r of ctx.registry.replaced) {
    if (dateKey(r.date) > cut) continue;
    const notAfter = r.notFollowedBy ? new RegExp(`^(?:${r.notFollowedBy})`) : null;
    const notBefore = r.notPrecededBy ? new RegExp(`(?:${r.notPrecededBy})$`) : null;
    for (let i = text.indexOf(r.old); i >= 0; i = text.indexOf(r.old, i + r.old.length)) {
      if (HISTORY_BEFORE.test(text.slice(Math.max(0, i - 10), i))) continue;
      // …unless the title is the old name itself (《法制日报》 after the paper's rename).
      if (titles.some(([s, e]) => i >= s && i < e && e - s - 2 !== r.old.length)) continue;
      if (notAfter?.test(text.slice(i + r.old.length, i + r.old.length + 12))) continue;
      if (notBefore?.test(text.slice(Math.max(0, i - 12), i))) continue;
      // A short formulation must stand as a word of its own, not across two (学法|制度 holds no 法制).
      if (r.old.length <= 2 && !startsToken(text, i)) continue;
      const when = `${r.date.slice(0, 4)}年${Number(r.date.slice(5, 7))}月`;
      if (r.institution && ctx.yearAssumed) continue;
      out.push(finding(text, "outdated", "warning", i, i + r.old.length, r.institution
        ? `“${r.old}”已于${when}因${r.by}撤并或更名（现为${r.new}），${ctx.year}年的总结不宜再作为现有机构表述；确指历史时可写“原${r.old}”`
        : `“${r.old}”自${when}（${r.by}）起改为“${r.new}”，${ctx.year}年的总结宜用新的表述`, !r.institution || DROP_IN.test(r.new) ? r.new : undefined));
    }
  }
  return out;
}

/** Whether the segmentation of the stretch around i starts a word at i. */
function startsToken(text: string, i: number): boolean {
  const from = Math.max(0, i - 6);
  let at = from;
  for (const w of cut(text.slice(from, Math.min(text.length, i + 8)))) {
    if (at === i) return true;
    at += w.length;
    if (at > i) return false;
  }
  return false;
}

/** Regulations and standards cited as in force after they were replaced (《国家行政机关公文处理办法》, GB/T 9704-1999). */
function supersededRegulations(text: string, ctx: RuleContext, cut: number): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.registry.regulations) {
    if (dateKey(r.date) > cut) continue;
    const re = r.pattern ? new RegExp(r.pattern, "g") : new RegExp(`《${r.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}》`, "g");
    for (const m of text.matchAll(re)) {
      // A sentence that says it was replaced (已废止, 停止执行, 被…代替) is right, not outdated.
      const sentence = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
      if (/废止|停止执行|失效|代替|取代|替代|修订为|原《/.test(sentence)) continue;
      const bracketed = m[0].startsWith("《");
      const when = `${r.date.slice(0, 4)}年${Number(r.date.slice(5, 7))}月${Number(r.date.slice(8, 10)) || 1}日`;
      out.push(finding(text, "outdated", "warning", m.index, m.index + m[0].length,
        `${bracketed ? m[0] : r.title}已于${when}被${bracketed ? `《${r.replacedBy}》` : r.replacedBy}代替，不宜再作为现行依据引用`,
        bracketed ? `《${r.replacedBy}》` : r.replacedBy));
    }
  }
  return out;
}

import type { Finding } from "../types.ts";
import { dateKey, type Registry } from "../../lists/registry.ts";
import { hasWord } from "../../text/segment.ts";
import { confusionSets } from "../typo/confusion.ts";
import { jiebaLexicon } from "../typo/lexicon.ts";
import { finding, type RuleContext } from "./types.ts";

/**
 * Leaders and the state's and party's full names, checked against the dated registry
 * (registry.json: `leaders`, `fullNames`; sources in docs/registry-sources.md):
 * - a leader's three-character name one character off by sound or shape, beside a title (习进平总书记);
 * - a doubled name (习近平习近平, 习近平近平);
 * - a title the person never held, or did not hold in the report's period (胡锦涛总书记 in 2025);
 * - an abbreviated form of address (习总书记, 习主席, 近平总书记, 李总理);
 * - a full name of the state, the party or a central organ with one character slipped, swapped or
 *   in a known garble (中华人民共合国, 中国人民共和国).
 */

type Leader = Registry["leaders"][number];
type Title = Leader["offices"][number]["title"];

/** The form of address written after a name, and the offices it may stand for. */
const TITLE_OFFICES: Record<string, Title[]> = {
  总书记: ["总书记"],
  主席: ["国家主席", "政协主席"],
  总理: ["总理"],
  委员长: ["委员长"],
};
const TITLE_AFTER = /^(?:总书记|主席|总理|委员长)/;
/** A title written before the name (国务院总理李强, 中共中央总书记习近平). */
const TITLE_BEFORE = /(?:总书记|国家主席|全国政协主席|总理|委员长)$/;
const TITLE_BEFORE_OFFICES: Record<string, Title[]> = {
  总书记: ["总书记"],
  国家主席: ["国家主席"],
  全国政协主席: ["政协主席"],
  总理: ["总理"],
  委员长: ["委员长"],
};
/** Said of the past: the title is the one held then. */
const THEN = /(?:时任|原|前|曾任?|当时的?|时为|老一辈)(?:中共中央|国务院|全国人大常委会|全国政协|国家)?$/;

function span(d: string): string {
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月`;
}

/** Whether one of the offices a title stands for was held at some time in [from, to]. */
function heldDuring(l: Leader, titles: Title[], from: number, to: number): boolean {
  return l.offices.some((o) => titles.includes(o.title) && dateKey(o.from) <= to && (o.to === undefined || dateKey(o.to) >= from));
}

/** A year within [from, to] named earlier in the sentence (2010年，胡锦涛总书记…): the report looks back. */
function yearInSentence(text: string, at: number, l: Leader, titles: Title[]): boolean {
  const lead = text.slice(Math.max(0, at - 60), at);
  const sentence = lead.slice(Math.max(0, ...["。", "\n"].map((p) => lead.lastIndexOf(p) + 1)));
  return [...sentence.matchAll(/((?:19|20)\d{2})年/g)].some((m) => heldDuring(l, titles, Number(m[1]) * 10000 + 101, Number(m[1]) * 10000 + 1231));
}

/** The span [start, end) lies inside 《》 (a title quoted as it was). */
function inBookTitle(text: string, start: number): boolean {
  const open = text.lastIndexOf("《", start);
  return open >= 0 && text.lastIndexOf("》", start) < open && text.indexOf("》", start) >= 0 && start - open < 80;
}

let confusables: ((a: string, b: string) => boolean) | null = null;
/** Two characters a writer confuses by sound or shape (the typo check's confusion sets). */
function confusable(a: string, b: string): boolean {
  if (!confusables) {
    const sets = confusionSets(jiebaLexicon());
    confusables = (x, y) => sets.get(x).some((c) => c.ch === y) || sets.get(y).some((c) => c.ch === x)
      || sets.readings(x).some((r) => sets.readings(y).includes(r));
  }
  return confusables(a, b);
}

/** The one position where `w` differs from `name` (same length), or -1 when none or several. */
function oneOff(w: string, name: string): number {
  let at = -1;
  for (let k = 0; k < name.length; k++) {
    if (w[k] === name[k]) continue;
    if (at >= 0) return -1;
    at = k;
  }
  return at;
}

const nameSets = new WeakMap<Registry, Set<string>>();
/** The registry's leader names, built once per registry (the rule runs once per paragraph). */
function leaderNames(reg: Registry): Set<string> {
  let names = nameSets.get(reg);
  if (!names) nameSets.set(reg, (names = new Set(reg.leaders.map((l) => l.name))));
  return names;
}

export function checkLeaders(text: string, ctx: RuleContext): Finding[] {
  const leaders = ctx.registry.leaders;
  if (leaders.length === 0 && ctx.registry.fullNames.length === 0) return [];
  const out: Finding[] = [];
  const Y = ctx.year;
  const periodEnd = ctx.periodEnd ?? Y * 10000 + 1231;
  const periodStart = Math.floor(periodEnd / 10000) * 10000 + 101;
  const names = leaderNames(ctx.registry);

  // 1. Misspelt names: three characters before a title (or after one), one off a registry name.
  for (const m of text.matchAll(/总书记|主席|总理|委员长|同志/g)) {
    const candidates: Array<[number, number]> = [[m.index - 3, m.index]];
    if (m[0] !== "同志") candidates.push([m.index + m[0].length, m.index + m[0].length + 3]);
    for (const [s, e] of candidates) {
      if (s < 0 || e > text.length) continue;
      const w = text.slice(s, e);
      if (!/^\p{Script=Han}{3}$/u.test(w) || names.has(w)) continue;
      for (const l of leaders) {
        if (l.name.length !== 3) continue;
        const k = oneOff(w, l.name);
        if (k < 0 || !confusable(w[k], l.name[k])) continue;
        out.push(finding(text, "typo", "error", s, e, `领导人姓名有误：应为“${l.name}”`, l.name));
        break;
      }
    }
  }

  for (const l of leaders) {
    // 2. A doubled name.
    for (const rep of [l.name + l.name, l.name + l.name.slice(1)]) {
      if (l.name.length < 3 && rep !== l.name + l.name) continue;
      for (let i = text.indexOf(rep); i >= 0; i = text.indexOf(rep, i + rep.length)) {
        out.push(finding(text, "repetition", "error", i, i + rep.length, `领导人姓名重复：“${rep}”`, l.name));
      }
    }
    // 3. The title beside the name against the offices held.
    for (let i = text.indexOf(l.name); i >= 0; i = text.indexOf(l.name, i + l.name.length)) {
      const end = i + l.name.length;
      if (text.slice(end, end + l.name.length) === l.name) continue; // the doubled name above
      const after = TITLE_AFTER.exec(text.slice(end, end + 3));
      const before = after ? null : TITLE_BEFORE.exec(text.slice(Math.max(0, i - 6), i));
      if (!after && !before) continue;
      const titles = after ? TITLE_OFFICES[after[0]] : TITLE_BEFORE_OFFICES[before![0]];
      const s = after ? i : i - before![0].length;
      const e = after ? end + after[0].length : end;
      if (/副$/.test(text.slice(Math.max(0, s - 1), s))) continue; // 副总理李强 (a vice premier: not in the registry)
      const lead = text.slice(Math.max(0, s - 6), s);
      if (THEN.test(lead) || inBookTitle(text, s)) continue;
      if (!l.offices.some((o) => titles.includes(o.title))) {
        out.push(finding(text, "outdated", "error", s, e, `${l.name}未曾担任${titles[0] === "政协主席" ? "全国政协主席" : titles[0]}，称谓有误，请核对`));
        continue;
      }
      if (heldDuring(l, titles, periodStart, periodEnd) || yearInSentence(text, s, l, titles)) continue;
      const office = l.offices.filter((o) => titles.includes(o.title)).sort((a, b) => dateKey(b.from) - dateKey(a.from))[0];
      const message = dateKey(office.from) > periodEnd
        ? `${Y}年时${l.name}尚未担任${office.title}（${span(office.from)}起），请核对称谓或年份`
        : `${l.name}于${span(office.to!)}卸任${office.title}，${Y}年的总结宜称“${l.name}同志”；确指当时职务可写“时任”`;
      out.push(finding(text, "outdated", "warning", s, e, message, dateKey(office.from) > periodEnd || !after ? undefined : `${l.name}同志`));
    }
  }

  // 4. Abbreviated forms of address.
  out.push(...abbreviated(text, leaders, periodStart, periodEnd));
  // 5. Full names of the state, the party and central organs.
  out.push(...fullNameSlips(text, ctx.registry.fullNames));
  return out;
}

/** The holder of an office at some time in the period. */
function holder(leaders: Leader[], title: Title, from: number, to: number): Leader | undefined {
  return leaders.find((l) => heldDuring(l, [title], from, to));
}

function abbreviated(text: string, leaders: Leader[], from: number, to: number): Finding[] {
  const out: Finding[] = [];
  // 近平总书记: the given name alone.
  for (const l of leaders.filter((x) => x.name.length === 3)) {
    const given = l.name.slice(1);
    // Only before 总书记: before 同志 the two characters may well be another person's given name (张近平同志).
    const re = new RegExp(`${given}(?=总书记)`, "g");
    for (const m of text.matchAll(re)) {
      const prev = text[m.index - 1] ?? "";
      if (text.slice(Math.max(0, m.index - l.name.length), m.index) === l.name) continue; // 习近平近平: the doubled name
      if (prev === l.name[0] || (/\p{Script=Han}/u.test(prev) && confusable(prev, l.name[0]))) continue; // a misspelt surname: rule 1
      out.push(finding(text, "outdated", "error", m.index, m.index + given.length, `领导人姓名不完整：应为“${l.name}”`, l.name));
    }
  }
  // 以总书记新时代中国特色社会主义思想为指导: a named thought bears the leader's name, and the title standing
  // in its place leaves the name out (the title after the name is the formulation rule's: outdated.ts).
  for (const m of text.matchAll(/总书记(?=(?:新时代中国特色社会主义|法治|强军|经济|外交|生态文明|文化)思想)/g)) {
    const before = text.slice(Math.max(0, m.index - 5), m.index);
    if (leaders.some((l) => before.endsWith(l.name) || before.endsWith(l.name.slice(1))) || before.endsWith("同志")) continue;
    const who = holder(leaders, "总书记", from, to);
    if (!who) continue;
    out.push(finding(text, "outdated", "error", m.index, m.index + m[0].length, `思想的名称中是领导人的姓名，不是称谓：应为“${who.name}”`, who.name));
  }
  // 和总书记一系列重要讲话精神: the speeches, instructions and expositions cited as guidance are the named
  // leader's (习近平总书记重要讲话精神); the title alone leaves out whose. None in official prose.
  for (const m of text.matchAll(/总书记(?=(?:一)?系列重要讲话|重要(?:讲话|指示|论述|批示))/g)) {
    const before = text.slice(Math.max(0, m.index - 5), m.index);
    if (leaders.some((l) => before.endsWith(l.name) || before.endsWith(l.name.slice(1))) || /[\p{Script=Han}]{2,3}同志$|党的$/u.test(before)) continue;
    const who = holder(leaders, "总书记", from, to);
    // 习近屏总书记: a name is there, misspelt (the name rule's finding), not missing.
    if (!who || [...before.slice(-3)].some((c) => who.name.includes(c))) continue;
    out.push(finding(text, "outdated", "error", m.index, m.index + m[0].length, `称谓前缺少姓名：应为“${who.name}总书记”`, `${who.name}总书记`));
  }
  // 习总书记, 李总理, 习主席: a surname alone before a title that only the national leaders bear.
  for (const m of text.matchAll(/(\p{Script=Han})(总书记|总理|委员长|主席|大大)/gu)) {
    const surname = m[1];
    const prev = text[m.index - 1] ?? "";
    if (prev === "副" || text[m.index + 1] === "副") continue;
    // 学习总书记…: the character belongs to a word before it (学习, 实习), it is no surname.
    if (prev && hasWord(prev + surname) && !hasWord((text[m.index - 2] ?? "") + prev)) continue;
    if (/\p{Script=Han}/u.test(prev) && leaders.some((l) => l.name.endsWith(prev + surname))) continue;
    const title = m[2];
    // 主席 and 大大 are titles of many others (工会主席, 政协主席 of a county): only 习 is read as the surname.
    if ((title === "主席" || title === "大大") && surname !== "习") continue;
    const office: Title = title === "主席" || title === "大大" ? "国家主席" : (title as Title);
    const now = holder(leaders, office, from, to);
    const who = now && now.name[0] === surname ? now : leaders.find((l) => l.name[0] === surname && l.offices.some((o) => o.title === office));
    if (!who || who.name.length < 2) continue;
    const full = title === "大大" ? `${who.name}总书记` : `${who.name}${title}`;
    out.push(finding(text, "outdated", "error", m.index, m.index + m[0].length,
      `对领导人的称谓不规范：公文应写全名“${full}”`, full));
  }
  return out;
}

function fullNameSlips(text: string, list: Registry["fullNames"]): Finding[] {
  const out: Finding[] = [];
  const correct = new Set(list.map((n) => n.name));
  for (const n of list) {
    for (const w of n.wrong) {
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
        if (text.startsWith(n.name, i)) continue;
        out.push(finding(text, "typo", "error", i, i + w.length, `名称有误：应为“${n.name}”`, n.name));
      }
    }
    const L = n.name.length;
    for (let i = 0; i + L <= text.length; i++) {
      // Cheap filter: the name's first two or last two characters stand where they should.
      if (!(text[i] === n.name[0] && text[i + 1] === n.name[1]) && !(text[i + L - 2] === n.name[L - 2] && text[i + L - 1] === n.name[L - 1])) continue;
      const w = text.slice(i, i + L);
      if (w === n.name || correct.has(w) || !/^\p{Script=Han}+$/u.test(w)) continue;
      const k = oneOff(w, n.name);
      const swapped = k < 0 && isAdjacentSwap(w, n.name);
      if (!swapped && (k < 0 || !confusable(w[k], n.name[k]))) continue;
      if (n.wrong.some((x) => text.startsWith(x, i))) continue;
      out.push(finding(text, "typo", "error", i, i + L, `名称有误：应为“${n.name}”`, n.name));
      i += L - 1;
    }
  }
  return out;
}

function isAdjacentSwap(w: string, name: string): boolean {
  for (let k = 0; k + 1 < name.length; k++) {
    if (w[k] !== name[k]) return w[k] === name[k + 1] && w[k + 1] === name[k] && w.slice(k + 2) === name.slice(k + 2) && w[k] !== w[k + 1];
  }
  return false;
}

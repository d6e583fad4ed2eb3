import type { Finding } from "../types.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 clauses on which mark a kind of word takes, and the GB/T 9704 form of a cited document's
 * title (docs/punctuation.md), one function each.
 */
export function markClauses(paragraph: string): Finding[] {
  return [...juxtaposedBodies(paragraph), ...bodyInTitleMarks(paragraph), ...nestedTitleMarks(paragraph), ...titleWithoutGuanyu(paragraph)];
}

/** The leading bodies of a place (党委, 县委, 市政府, 区人大, 党中央, 国务院 …). */
const BODY = "(?:[省市县区镇乡州旗]委|[省市县区镇乡州旗]?党委|[省市县区镇乡州旗]?政府|[省市县区镇乡州旗]?人大|[省市县区镇乡州旗]?政协|党中央|国务院|中央军委)";
/** A joint office of the two (县委县政府督查室, 市委市政府信访局) is one name. */
const JUXTAPOSED = new RegExp(`${BODY}(${BODY})(?![办室厅局]|督查|联合|党组)`, "g");
const COMMA_BODIES = new RegExp(`(${BODY})，(${BODY})(?![办室厅局]|督查|联合|党组)`, "g");

/**
 * §4.5.3.1: parallel words take a 顿号. Two bodies named side by side (党委政府, 县委县政府, 党中央国务院)
 * are two parallel words, not a compound: official prose writes 党委、政府 and 县委、县政府 (no juxtaposed pair
 * in two million characters of it, docs/punctuation.md). 县委政法委 (a body of the 县委) is not a pair.
 * A note, not a warning: local reports write 县委县政府 and 党委政府 as set pairs, and the proofreaders who labelled
 * real reports blind marked none of them (realset9's calibration half: 7 such pairs, 0 labelled).
 */
function juxtaposedBodies(p: string): Finding[] {
  const out: Finding[] = [];
  for (const m of p.matchAll(JUXTAPOSED)) {
    const at = m.index + m[0].length - m[1].length;
    out.push(finding(p, "punctuation", "info", m.index, m.index + m[0].length, `并列的机关名称之间一般加顿号：正式文件写“${p.slice(m.index, at)}、${m[1]}”`, `${p.slice(m.index, at)}、${m[1]}`));
  }
  // Two bodies joined by a comma are the same two parallel words (县委，县政府高度重视); the same body on both
  // sides (监督政府，政府才不会懈怠) ends one clause and opens the next. Official prose: 50 with 顿号, 0 otherwise.
  for (const m of p.matchAll(COMMA_BODIES)) {
    if (m[1] === m[2]) continue;
    const at = m.index + m[1].length;
    out.push(finding(p, "punctuation", "warning", at, at + 1, "并列的机关名称之间用顿号，不用逗号", "、"));
  }
  return out;
}

/** What a title names: a document, a work, a law, a plan, a newspaper, a programme. */
const WORK = /办法|规定|细则|规则|通知|通报|方案|规划|纲要|意见|制度|标准|指南|守则|公约|宣言|条例|决定|决议|讲话|文件|报告|日报|杂志|节目|工程|计划|清单|手册|汇编|读本|丛书|专栏|系列|章程|[法报志典集录书刊]$/;
/** The end of a body's name (the multi-character ones: 餐厅, 剧院, 研究所 also end the names of works, 《红石榴餐厅》). */
const BODY_END = /(?:委员会|领导小组|工作小组|办公室|协会|学会|研究会|联合会|工作站|调解室|服务中心|指挥部)$/;

/**
 * §4.15.1: the 书名号 marks the titles of works (books, documents, laws, papers, programmes), not the names
 * of bodies: 成立了《某县复议咨询委员会》 names a committee and takes no 书名号. A title whose text ends in a
 * body's name and holds no word of a work (条例, 规则, 方案, 通知 …) is reported.
 */
function bodyInTitleMarks(p: string): Finding[] {
  const out: Finding[] = [];
  for (const m of p.matchAll(/《([^《》\n]{3,30})》/g)) {
    const inner = m[1];
    if (!BODY_END.test(inner) || WORK.test(inner.replace(BODY_END, ""))) continue;
    out.push(finding(p, "punctuation", "warning", m.index, m.index + m[0].length, `机构名称不用书名号：应写“${inner}”`, inner));
  }
  return out;
}

/**
 * §4.15.3: a title inside a title takes the single 书名号 〈〉, not the half-width angle brackets < >
 * (《贯彻落实〈法治政府建设实施纲要〉工作方案》).
 */
function nestedTitleMarks(p: string): Finding[] {
  const out: Finding[] = [];
  for (const m of p.matchAll(/《[^《》\n]*》/g)) {
    for (const a of m[0].matchAll(/[<>]/g)) {
      const at = m.index + a.index;
      out.push(finding(p, "punctuation", "warning", at, at + 1, `书名号内的书名用单书名号“${a[0] === "<" ? "〈" : "〉"}”`, a[0] === "<" ? "〈" : "〉"));
    }
  }
  return out;
}

/**
 * GB/T 9704-2012 §7.3.3: a document's title is the issuing body, 关于 + the matter, and the kind of document
 * (《某县司法局关于开展……工作的通知》). A cited title that ends in 的 + a kind (通知, 意见, 决定 …) has its
 * matter introduced by 关于, or is a transmittal (转发, 印发, 批转, 颁发, 发布); without either the 关于 was
 * dropped (《2023年度……评查工作的通知》). Official prose: 6 such titles, all with 关于 or a transmittal verb.
 */
function titleWithoutGuanyu(p: string): Finding[] {
  const out: Finding[] = [];
  for (const m of p.matchAll(/《([^《》\n]{4,60})的(?:通知|意见|决定|报告|请示|批复|通报|决议|指示|函)》/g)) {
    if (/关于|转发|印发|批转|颁发|发布|贯彻/.test(m[1])) continue;
    out.push(finding(p, "grammar", "warning", m.index, m.index + m[0].length, "公文标题由发文机关、“关于”引出的事由和文种组成：此处缺少“关于”"));
  }
  return out;
}

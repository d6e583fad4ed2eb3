import type { Finding } from "../types.ts";
import { checkMissingHead } from "./missing-head.ts";
import { finding } from "./types.ts";

/**
 * Fixed frames of official prose that a word is missing from (语病: 成分残缺), one condition each
 * (docs/function-words.md, "Missing words"). Each frame is a construction, not a phrase list: its
 * parts are matched by kind, and the word it needs is named.
 *
 * - 以来 after a point in time: 来 alone follows a stretch of time (近年来, 三年来, 多年来); after a
 *   point (今年, 去年, 2020年, 上半年) the frame is “……以来”.
 * - 现将……如下: the sentence that announces what follows takes 将 (or 把, 就, 对) before its object
 *   (现将全年工作总结如下); 现工作总结如下 has lost it.
 * - 与……相比: a comparison opened by 与 (与上年同期, 与去年) needs 相比 (or 比较) before the change it
 *   states; 同比 says it in one word. (持平 takes 与 directly: 与上年持平.)
 */
export function checkMissingWords(paragraph: string): Finding[] {
  const out: Finding[] = [];
  // A point in time: 今年, 去年, 前年, a four-digit year, a half-year, the start of a year. Not 近年, 多年, 三年 (stretches).
  for (const m of paragraph.matchAll(/(?:今年|去年|前年|(?<![0-9])(?:19|20)[0-9]{2}年|上半年|下半年|年初)来(?=[，,、\p{Script=Han}])/gu)) {
    // 以来 already, or 来 that begins a word of its own (去年来访, 今年来源)
    if (/^(?:访|源|信|电|函|自|往|宾|人|料|稿|华|京|说)/.test(paragraph.slice(m.index + m[0].length, m.index + m[0].length + 1))) continue;
    const at = m.index + m[0].length - 1;
    out.push(finding(paragraph, "grammar", "warning", at, at + 1, `成分残缺：“${m[0]}”应为“${m[0].slice(0, -1)}以来”（时间点之后用“以来”）`, "以来"));
  }
  // 现……如下 announcing the report without 将/把/就/对 before its object.
  for (const m of paragraph.matchAll(/现(?![将把就对在已有])([^，。；：！？\n]{1,12}?)(总结|汇报|报告|安排|通报)如下/g)) {
    if (/[将把就对]/.test(m[1])) continue;
    out.push(finding(paragraph, "grammar", "warning", m.index, m.index + 1, `成分残缺：“现${m[1]}${m[2]}如下”缺少介词，应为“现将${m[1]}${m[2]}如下”`, "现将"));
  }
  // 与 + a period compared with, then the change with no 相比/比较 (与上年同期上升200%).
  for (const m of paragraph.matchAll(/与(上年同期|去年同期|上年|去年|同期)(上升|下降|增长|增加|减少)/g)) {
    const at = m.index + 1 + m[1].length;
    out.push(finding(paragraph, "grammar", "warning", m.index, at, `成分残缺：“与${m[1]}”后缺少“相比”，应为“与${m[1]}相比${m[2]}”或“同比${m[2]}”`, `与${m[1]}相比`));
  }
  out.push(...checkMissingHead(paragraph));
  return out;
}

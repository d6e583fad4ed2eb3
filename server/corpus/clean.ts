import { parseHeading } from "../text/headings.ts";
import type { Removal } from "./types.ts";

/**
 * Cleaning: remove what is not the report (site chrome, ads, paywall markers, date/counter lines, a
 * repeated title) with general rules, and normalise whitespace only. The report's own words and
 * punctuation are never touched — the checker must see them as written. Every removal is recorded.
 *
 * Output: one paragraph per line, lines trimmed, no blank lines.
 */

export interface CleanResult {
  text: string;
  removed: Removal[];
}

// Characters that are whitespace for trimming: ASCII, full-width space (used as indentation), NBSP,
// zero-width marks and stray BOMs.
const EDGE_WS = /^[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+|[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+$/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Inline paywall markers such as ##paidbegin## / ##paidend## / ##vip_start##. */
const PAYWALL_INLINE = /#{2,}\s*[A-Za-z][A-Za-z0-9_\- ]{1,30}?\s*#{2,}/g;

/** Bracketed ad blurbs inside a line: 【更多公文素材，微 信：xxx】, [关注公众号…]. Content 【…】 without ad words stays. */
const AD_INLINE = /[【\[［][^【】\[\]［］\n]{0,60}?(?:微\s*信|公\s*众\s*号|[Qq]{2}|加群|vx|VX|wx|WX|扫码|素材|范文|订阅|会员)[^【】\[\]［］\n]{0,60}?[】\]］]/g;

/** Site chrome lines (matched on a short trimmed line, bullets stripped). */
const CHROME_LINE =
  /^(?:阅读全文|展开全文|查看全文|点击查看全文|全文阅读|收起全文|分享(?:到|至)?(?:[:：].{0,20})?|微信扫一扫.*|扫一扫.{0,20}|扫码.{0,20}|相关(?:内容|文章|阅读|推荐|资料|下载)|热门(?:推荐|文章|排行|标签)|本(?:周|月|日)热门|猜你喜欢|推荐阅读|延伸阅读|精彩推荐|最新(?:文章|更新|推荐)|二维码|微信订阅号|微信公众号|联系客服|在线客服|返回(?:顶部|首页|列表)|上一篇.*|下一篇.*|打印(?:本页|此文)?|关闭(?:窗口|本页)?|收藏(?:本文|本页)?|点赞|评论(?:\s*\d+)?|责任编辑.*|免责声明.*|版权声明.*|字号[:：].*|(?:编辑|责编|审核|审校|校对|供稿|图片来源|原标题)[:：].*|[-—\s]*END[-—\s]*|(?:点赞|在看|分享|收藏|转发)(?:\s*[|｜/、]?\s*(?:点赞|在看|分享|收藏|转发))+|【?(?:大|中|小)】?\s*【?(?:大|中|小)】?\s*【?(?:大|中|小)】?)[>》»\s]*$/;

/** Paywall / login prompts as whole lines: (想阅读完全部图文内容,您需要先登陆!) */
const PAYWALL_LINE =
  /(?:阅读|查看|浏览|下载).{0,10}(?:全部|完整|全文|剩余|更多).{0,24}(?:登录|登陆|注册|会员|付费|购买|VIP|vip)|(?:登录|登陆|注册)后(?:方可|才能|即可)?(?:查看|阅读|下载)|(?:付费|购买|开通会员|VIP).{0,10}(?:阅读|查看|下载|解锁)/;

/** Advertising that is an ad wherever it appears on a line of up to 80 characters. */
const AD_STRONG =
  /会员群|[Qq]{2}群|Q群|微信群|交流群|加群|群号|(?:加|添加).{0,4}(?:微信|vx|VX|wx)|微\s*信\s*[:：号]|公众号[:：]|免费赠送|倒卖|仅供(?:学习|参考|个人)|禁止(?:外传|转载|传播|商用)|侵权(?:必究|删)|如有侵权|联系(?:我们)?删除|(?:更多|海量)(?:公文|范文|材料|资料|素材)|立享|点击(?:上方|下方|文末)?.{0,6}(?:蓝字|关注我们)|长按.{0,6}(?:二维码|关注)|本文(?:来源于|转自|转载自)网络|(?:写\s*作|范\s*文|文\s*秘|公\s*文)\s*网|原\s*创\s*[▲△]?\s*文\s*章|[▲△]\s*文\s*章/;
/** Words that mark an ad only on a short line that is not a sentence of the report. */
const AD_WEAK = /订阅|会员|版权|淘宝|店铺|下载|优惠|折扣|客服/;

/** A date or date+counter line under the title: "2026-01-04 0", "2025/12/30 10:21 阅读 123". */
const DATE_LINE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日(?=\s*(?:\d|[|｜]|阅读|浏览|点击|来源|作者)))(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:[\s|｜]*(?:\d+|(?:阅读|浏览|点击|来源|作者|发布|编辑|字数|评论)[^。]{0,30}))*$/;
/** Page metadata lines: 发布时间：…  来源：…  浏览次数：… */
const META_LINE = /^(?:发布(?:时间|日期|者)|更新时间|来源|作者|浏览(?:次数|量)?|阅读(?:量|数|次数)?|点击(?:数|量|次数)?|字数)[:：]/;

const BULLET = /^[•·●○◆◇■□▪▶►\-–—*]+\s*/;

function trimWs(s: string): string {
  return s.replace(EDGE_WS, "");
}

/** Only decoration (no letter, digit or ideograph): "——", "* * *", "•". */
function isDecoration(s: string): boolean {
  return !/[\p{L}\p{N}]/u.test(s);
}

/** What a line of site chrome, advertising or paywall text is (null: report text). The check reports such lines left in a draft. */
export function classifyLine(line: string): Removal["kind"] | null {
  const bare = line.replace(BULLET, "");
  if (line.length <= 80 && AD_STRONG.test(line)) return "ad";
  if (bare.length <= 40 && CHROME_LINE.test(bare)) return "chrome";
  if (line.length <= 80 && !/。$/.test(line) && PAYWALL_LINE.test(line)) return "paywall";
  // A numbered heading ("（三）打击侵犯版权行为") is report text even when short.
  if (line.length <= 40 && !/[。；]$/.test(line) && AD_WEAK.test(line) && !parseHeading(line)) return "ad";
  if (isDecoration(line)) return "decoration";
  return null;
}

interface Line {
  no: number; // 1-based line number in the decoded text
  text: string; // trimmed text after inline removals
  keep: boolean;
  /** Emptied by an inline removal: not a blank separator line. */
  emptied?: boolean;
}

/** Normalise a title for duplicate detection: placeholders, spaces and brackets do not count. */
function titleKey(s: string): string {
  return s.replace(/[Xx×＊*]+|[\s《》<>“”"]/g, "");
}

function looksLikeSentence(s: string): boolean {
  return s.length > 60 || /[。；：:]$/.test(s);
}

export interface CleanOptions {
  /** The source is Markdown: heading hashes, quote marks and whole-line emphasis are markup, not text. */
  markdown?: boolean;
}

/** Markdown markup at the edges of a line: "## ", "> ", "**……**". */
function stripMarkdown(line: string): string {
  let t = line.replace(/^\s{0,3}#{1,6}\s+/, "").replace(/^\s{0,3}>\s?/, "").replace(/^\s{0,3}[-*+]\s+/, "");
  const em = /^(\*\*|__)(.+)\1$/.exec(t.trim());
  if (em) t = em[2];
  return t;
}

/** Clean decoded report text: remove non-report lines and inline markers, trim whitespace, record removals. */
export function cleanText(raw: string, options: CleanOptions = {}): CleanResult {
  const removed: Removal[] = [];
  const src = raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").split("\n");
  const lines: Line[] = [];

  src.forEach((original, idx) => {
    const no = idx + 1;
    let t = original.replace(INVISIBLE, "");
    if (options.markdown) t = stripMarkdown(t);
    t = t.replace(PAYWALL_INLINE, (m) => {
      removed.push({ kind: "paywall", text: m, line: no });
      return "";
    });
    t = t.replace(AD_INLINE, (m) => {
      removed.push({ kind: "ad", text: m, line: no });
      return "";
    });
    const hadText = trimWs(original) !== "";
    t = trimWs(t);
    if (t === "") {
      lines.push({ no, text: "", keep: false, emptied: hadText });
      return;
    }
    const kind = classifyLine(t);
    if (kind) {
      removed.push({ kind, text: t, line: no });
      lines.push({ no, text: t, keep: false });
      return;
    }
    lines.push({ no, text: t, keep: true });
  });

  removeAdBlocks(lines, removed);
  removeChromeTail(lines, removed);
  removeTopNoise(lines, removed);

  removed.sort((a, b) => a.line - b.line);
  const text = lines
    .filter((l) => l.keep)
    .map((l) => l.text)
    .join("\n");
  return { text, removed };
}

/** Blocks of non-blank lines (separated by blank lines). */
function blocks(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let cur: Line[] = [];
  for (const l of lines) {
    if (l.text === "" && !l.emptied) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(l);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * A promo block before the report (slogans around a "subscribe now"/"member group" line): a blank-line
 * separated block that contains an ad line and otherwise only short non-sentence lines goes whole.
 */
function removeAdBlocks(lines: Line[], removed: Removal[]): void {
  const adLines = new Set(removed.filter((r) => r.kind === "ad" || r.kind === "paywall").map((r) => r.line));
  for (const block of blocks(lines)) {
    const kept = block.filter((l) => l.keep);
    if (kept.length === 0) continue;
    // Once the report has begun (a sentence-like line), stop: promo blocks precede it.
    if (kept.some((l) => looksLikeSentence(l.text))) break;
    const hasAd = block.some((l) => !l.keep && adLines.has(l.no));
    if (!hasAd) continue;
    if (kept.every((l) => l.text.length <= 40)) {
      for (const l of kept) {
        l.keep = false;
        removed.push({ kind: "ad", text: l.text, line: l.no });
      }
    }
  }
}

/**
 * Site chrome after the report ("阅读全文", "分享", "相关内容"…): from the first chrome/paywall line on,
 * if nothing after it is a real paragraph, everything after it is page furniture.
 */
function removeChromeTail(lines: Line[], removed: Removal[]): void {
  const chromeLines = new Set(removed.filter((r) => r.kind === "chrome" || r.kind === "paywall").map((r) => r.line));
  const firstIdx = lines.findIndex((l) => !l.keep && chromeLines.has(l.no));
  if (firstIdx < 0) return;
  const rest = lines.slice(firstIdx + 1).filter((l) => l.keep);
  if (rest.length === 0 || rest.some((l) => l.text.length > 30 || /[。；]$/.test(l.text))) return;
  for (const l of rest) {
    l.keep = false;
    removed.push({ kind: "chrome", text: l.text, line: l.no });
  }
}

/** Date/counter lines under the title and a title repeated (site title + document title). */
function removeTopNoise(lines: Line[], removed: Removal[]): void {
  const top = lines.filter((l) => l.keep).slice(0, 6);
  for (const l of top) {
    if (DATE_LINE.test(l.text)) {
      l.keep = false;
      removed.push({ kind: "date-line", text: l.text, line: l.no });
    } else if (l.text.length <= 80 && META_LINE.test(l.text)) {
      l.keep = false;
      removed.push({ kind: "meta", text: l.text, line: l.no });
    }
  }
  // Title candidates: the short non-sentence lines before the first paragraph.
  const head: Line[] = [];
  for (const l of lines) {
    if (!l.keep) continue;
    if (looksLikeSentence(l.text) || head.length >= 4) break;
    head.push(l);
  }
  for (let i = 0; i < head.length; i++) {
    for (let j = i + 1; j < head.length; j++) {
      const a = head[i];
      const b = head[j];
      if (!a.keep || !b.keep) continue;
      const ka = titleKey(a.text);
      const kb = titleKey(b.text);
      if (ka.length < 4 || kb.length < 4) continue;
      if (ka === kb || ka.includes(kb) || kb.includes(ka)) {
        // Keep the fuller line (it usually carries the unit name); on a tie keep the first.
        const drop = b.text.length > a.text.length ? a : b;
        drop.keep = false;
        removed.push({ kind: "duplicate-title", text: drop.text, line: drop.no });
      }
    }
  }
}

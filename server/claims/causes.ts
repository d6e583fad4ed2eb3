/**
 * Causes: why something came about (由于新进人员不熟悉业务, 因提前掌握了信息而, 得益于联防机制的建立). A rewrite
 * that gives a reason the note does not give claims to know why the work went as it did: a claim of its
 * own, like an outcome. A cause is read as its connective and the phrase it governs; the note supports it
 * when it speaks of the same things (most of the phrase's content characters occur in the note). Where
 * the note gives a reason of its own (主要是钱没到 → 主要因资金未到位), a cause in other words may be that
 * reason, and is only flagged.
 */
import { isContentChar } from "./align.ts";
import type { TracedChange } from "./compare-options.ts";

// 由于, 因为, 得益于 …; a bare 因 only as a connective (not 原因, 起因, 因素, 因此, 因地制宜).
const CAUSE = /(?:由于|因为|得益于|归功于|归因于|源于|(?<![原起成诱主基病死])因(?![素此而地为子果])(?=[\u4e00-\u9fff]))([^，。；：:,;]{2,24}?)(?=而|[，。；：:,;]|$)/g;
/** Below this share of its content said in the note, a cause is the rewrite's own. */
const SUPPORTED = 0.4;
/** A note that gives a reason of its own (主要是钱没到, 因为人手紧, 靠联防): a cause in other words may be that reason, a flag. */
const NOTE_REASON = /因为|由于|因(?![素此地])|原因|主要是|所以|得益于|多亏|幸亏|靠着?/;

/** The causes `after` gives that `before` does not speak of. */
export function causeChanges(before: string, after: string, clauseOf: (s: string) => string): TracedChange[] {
  const out: TracedChange[] = [];
  for (const m of after.matchAll(CAUSE)) {
    const content = [...m[1]].filter(isContentChar);
    if (content.length < 2) continue;
    const said = content.filter((ch) => before.includes(ch)).length / content.length;
    if (said >= SUPPORTED) continue;
    const weak = NOTE_REASON.test(before);
    out.push({ rule: "cause:added", kind: "cause", before: "", after: m[0], beforeText: "", afterText: clauseOf(m[0]), message: `新增了原因说明“${m[0]}”`, ...(weak ? { weak: true } : {}) });
  }
  return out;
}

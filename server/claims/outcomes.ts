/**
 * Outcome and evaluative claims: what a sentence says the work achieved (群众安全感进一步增强, 社会治安
 * 形势稳中向好, 涉黑涉恶土壤进一步压缩, 成效明显). A drafted section may make one only when one of its
 * facts states it; otherwise the claim is the writer's to make, not the program's. A claim is an
 * outcome noun followed, within the clause, by a word of change or judgement; the same noun in a fact
 * is what supports it.
 */

const NOUNS =
  "安全感|满意度|获得感|幸福感|认同感|知晓率|形势|态势|秩序|土壤|成效|效果|效能|水平|能力|基础|环境|氛围|意识|面貌|底线|防线|质效|公信力|向心力|凝聚力|战斗力|根基|局面";
const TRENDS =
  "提升|提高|增强|加强|向好|好转|稳中向好|平稳|稳定|压缩|铲除|明显|显著|突出|巩固|夯实|改善|优化|浓厚|守牢|筑牢|牢固|持续|进一步|不断|大幅|有效|良好";

// reported satisfaction or praise is an evaluation too: 群众均表示满意, 受到一致好评 (noun 满意 / 好评)
const CLAIM = new RegExp(`(${NOUNS})[^，。；！？]{0,10}(?:${TRENDS})|(?:表示|感到|十分|非常|普遍)(满意)|(?:一致|广泛|普遍)(好评)|取得(?:了)?(?:明显|显著|良好|积极|阶段性|新)?(?:的)?(?:成效|成果|进展)`, "g");

const AIM = /(?:维护|保持|确保|促进|推动|实现|力争|努力|争取|以|为)[^，。；！？]*$/;

export interface OutcomeClaim {
  /** The words of the claim (安全感进一步提升). */
  text: string;
  /** The outcome noun (安全感), or 成效 for 取得……成效. */
  noun: string;
  start: number;
  end: number;
}

/** The outcome claims of a text, with their offsets. */
export function outcomeClaims(text: string): OutcomeClaim[] {
  const out: OutcomeClaim[] = [];
  for (const m of text.matchAll(CLAIM)) {
    // An aim is no claim: 维护社会大局稳定, 确保形势平稳, 推动……取得新成效 say what the work is for.
    if (AIM.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    out.push({ text: m[0], noun: m[1] ?? m[2] ?? m[3] ?? "成效", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The outcome claims of `text` that no fact states: a fact states one when it names the same outcome. */
export function unsupportedOutcomes(text: string, facts: string[]): OutcomeClaim[] {
  const stated = new Set(facts.flatMap((f) => outcomeClaims(f).map((c) => c.noun)));
  const named = facts.join("\n");
  return outcomeClaims(text).filter((c) => !stated.has(c.noun) && !(c.noun !== "成效" && named.includes(c.noun)));
}

/**
 * Outcome and evaluative claims: what a sentence says the work achieved (群众安全感进一步增强, 社会治安
 * 形势稳中向好, 涉黑涉恶土壤进一步压缩, 成效明显). A drafted section may make one only when one of its
 * facts states it; otherwise the claim is the writer's to make, not the program's. A claim is an
 * outcome noun followed, within the clause, by a word of change or judgement; the same noun in a fact
 * is what supports it.
 */

const NOUNS =
  "[\u4e00-\u9fff]{1,3}(?<![成功比例占数])率|安全感|满意度|获得感|幸福感|认同感|知晓率|形势|态势|秩序|土壤|成效|效果|效能|水平|能力|基础|环境|氛围|意识|面貌|底线|防线|质效|公信力|向心力|凝聚力|战斗力|根基|局面";
const TRENDS =
  "跃升|飞跃|跨越|提升|提高|增强|加强|向好|好转|稳中向好|平稳|稳定|压缩|铲除|明显|显著|突出|巩固|夯实|改善|优化|浓厚|守牢|筑牢|牢固|持续|进一步|不断|大幅|有效|良好";

// reported satisfaction or praise is an evaluation too: 群众均表示满意, 受到一致好评 (noun 满意 / 好评)
const CLAIM = new RegExp(`(${NOUNS})[^，。；！？]{0,10}(?:${TRENDS})|(?:表示|感到|十分|非常|普遍)(满意)|(?:一致|广泛|普遍)(好评)|取得(?:了)?(?:明显|显著|良好|积极|阶段性|新)?(?:的)?(?:成效|成果|进展)`, "g");

/**
 * Results stated as facts about the county rather than the work: a count that fell (火灾事故同比下降,
 * 发案率明显降低), none at all (无一人重新违法犯罪, 实现零上访), a rate reached (满意率达), praise received
 * (受到群众欢迎), a trouble brought under control (得到有效遏制). Each names its own key, so the original
 * supports it only by saying the same.
 */
const RESULTS: Array<[RegExp, string]> = [
  [/(?:案件|发案|事故|警情|纠纷|案事件|犯罪|上访|信访|访量|复吸|重犯|再犯|火灾|伤亡)[^，。；！？]{0,8}?(?:同比|环比)?(?:大幅|明显|显著|持续|进一步)?(?:下降|减少|降低|回落)/g, "下降"],
  [/同比(?:上升|下降|增长|减少|提高|降低)|环比(?:上升|下降|增长|减少)/g, "同比"],
  [/无一(?:人|起|例|件|户)|零(?:发生|上访|事故|发案|信访|复吸|案件|投诉)|实现[^，。；！？]{0,6}?“?零/g, "零"],
  [/(?:满意率|好评率|满意度|知晓率|认可度)(?:达到?|超过|提升至|提高到)/g, "满意率"],
  [/(?:受到|得到|获得|赢得)(?:了)?(?:群众|各方|社会|当事人|上级|广大群众)?(?:的)?(?:一致|广泛|普遍|高度)?(?:欢迎|好评|肯定|认可|赞扬|称赞|点赞)/g, "好评"],
  [/得到(?:了)?(?:有效|根本|明显|及时|彻底)?(?:遏制|控制|扭转|根治|消除)|(?:根本|彻底)(?:消除|解决|扭转)/g, "遏制"],
  [/(?:群众|当事人|居民|村民)(?:普遍|均|都|一致)?(?:认可|称赞|点赞|叫好)/g, "好评"],
  // A rank among others (位居全市前列, 名列前茅, 排名第一): what the work achieved against the rest.
  [/(?:位居|位列|名列|排名|排在|居于?)[^，。；！？]{0,6}?(?:前列|前茅|第一|首位|前[\d一二三四五六七八九十]+名?|靠前|前面)/g, "排名"],
  // The colloquial praise a note reports (老百姓都说好) supports its formal wording.
  [/(?:都|普遍|一致|直)(?:说好|叫好|夸)/g, "好评"],
];

/** What a note may say to support a result in its own words: 少了3起 supports 减少3起, 都说好 认可. */
const SUPPORTS: Array<[RegExp, string]> = [
  [/少了|降了|减了|下来了|下降|减少|降低|回落/, "下降"],
  [/同比|比去年|比上年|较上年|较去年/, "同比"],
  [/说好|叫好|夸|满意|认可|好评|称赞|点赞/, "好评"],
  [/满意率|好评率|满意度|知晓率|认可度/, "满意率"],
  // A rank near the top in the note's own words (排在前面, 前几名); one near the bottom (排在后面) supports none.
  [/前列|前茅|第一名|排第一|靠前|排在前|前[\d一二三四五六七八九十几]名/, "排名"],
  // None of them, in a clerk's words (没有一个再犯的, 一起都没发生): 无一人 says the same.
  [/没有?一(?:个|起|例|件|户|人)|一(?:个|起|例|件|户|人)(?:也|都)没/, "零"],
];

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
  for (const [re, key] of RESULTS) {
    for (const m of text.matchAll(re)) {
      if (AIM.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
      if (!out.some((o) => o.start <= m.index && m.index < o.end)) out.push({ text: m[0], noun: key, start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The outcome claims of `text` that no fact states: a fact states one when it names the same outcome. */
export function unsupportedOutcomes(text: string, facts: string[]): OutcomeClaim[] {
  const stated = new Set(facts.flatMap((f) => [...outcomeClaims(f).map((c) => c.noun), ...SUPPORTS.filter(([re]) => re.test(f)).map(([, key]) => key)]));
  const named = facts.join("\n");
  return outcomeClaims(text).filter((c) => !stated.has(c.noun) && !(c.noun !== "成效" && !RESULTS.some(([, key]) => key === c.noun) && named.includes(c.noun)));
}

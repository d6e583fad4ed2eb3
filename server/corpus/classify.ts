import { foldTraditional } from "../text/traditional.ts";
import { WORK_LINES, WORK_LINE_IDS, workLineOrder } from "./work-lines.ts";

/**
 * Work-line tagging by weighted keyword scoring. Deterministic (no model): the same text always gets the
 * same tags in the same order, so chunks, facts and outline sections agree.
 *
 * Weights: a keyword that names the work line outright (扫黑除恶, 网格员, 枫桥经验) weighs 3; a keyword
 * typical of it (调解, 巡防) 2; a common word that leans towards it (干部, 风险, 监督, 企业) 1; single
 * characters 0.5. The base lexicon in work-lines.ts is kept (ids and order unchanged) and extended here.
 */
const EXTRA: Record<string, Array<[string, number]>> = {
  队伍建设: [
    ["队伍建设", 3], ["教育整顿", 3], ["政治建设", 3], ["第一议题", 3], ["政治轮训", 3], ["政治督察", 3],
    ["政法工作条例", 3], ["党的绝对领导", 3], ["绝对领导", 2], ["理论学习", 2], ["主题教育", 2], ["党史学习", 2],
    ["学习教育", 2], ["中心组学习", 2], ["政法干警", 2], ["干警", 1.5], ["领导班子", 2], ["谈心谈话", 2],
    ["英模", 2], ["政治忠诚", 2], ["轮岗", 2], ["选人用人", 2], ["培训", 1.5], ["党建", 1.5], ["三会一课", 2],
    ["政法委员", 1.5], ["作风", 1], ["干部", 1], ["党课", 1.5], ["专题研讨", 1.5], ["两个确立", 2], ["两个维护", 1.5],
  ],
  政治安全: [
    ["政治安全", 3], ["国家安全", 3], ["反邪教", 3], ["邪教", 3], ["法轮功", 3], ["全能神", 3], ["涉邪", 3],
    ["反恐", 3], ["暴恐", 3], ["涉恐", 3], ["渗透", 2], ["意识形态", 2], ["敌对势力", 3], ["宗教", 2],
    ["寺庙", 2], ["颜色革命", 3], ["反奸防谍", 3], ["人民防线", 2], ["有害信息", 2], ["涉政", 2], ["教育转化", 2],
    ["民族团结", 2], ["涉藏", 2], ["涉疆", 2],
  ],
  维稳: [
    ["维稳", 3], ["维护稳定", 3], ["社会稳定", 2], ["稳定风险", 3], ["风险评估", 2], ["重大风险", 2], ["风险隐患", 2],
    ["安保", 3], ["重大活动", 2], ["敏感时段", 3], ["重点人员", 2], ["个人极端", 3], ["预警", 1.5], ["研判", 1.5],
    ["应急", 1.5], ["稳控", 2], ["涉稳", 3], ["群体性事件", 3], ["风险", 1], ["稳定", 1], ["隐患", 1],
  ],
  扫黑除恶: [
    ["扫黑除恶", 4], ["扫黑", 3], ["除恶", 3], ["黑恶", 3], ["涉黑", 3], ["涉恶", 3], ["打伞破网", 3],
    ["保护伞", 3], ["行业乱象", 2], ["行业整治", 2], ["行业治理", 1.5], ["线索核查", 2],
  ],
  平安建设: [
    ["平安建设", 3], ["治安防控", 3], ["社会治安", 3], ["防控体系", 2], ["刑事案件", 2], ["发案", 2], ["破案", 2],
    ["雪亮工程", 3], ["视频监控", 2], ["巡防", 3], ["电信诈骗", 3], ["电信网络诈骗", 3], ["反诈", 3], ["命案", 3],
    ["两抢一盗", 3], ["盗窃", 2], ["群众安全感", 2], ["安全感", 1.5], ["平安创建", 3], ["平安单位", 2], ["禁毒", 3],
    ["吸毒", 2], ["护路", 2], ["见义勇为", 2], ["智慧安防", 2], ["治安", 1.5], ["防控", 1], ["社区矫正", 2],
    ["安置帮教", 2], ["平安指数", 2], ["交通违法", 1.5],
  ],
  基层治理: [
    ["基层治理", 3], ["社会治理", 2.5], ["基层社会治理", 3], ["网格化", 3], ["网格员", 3], ["网格", 2],
    ["综治中心", 3], ["综治", 2], ["市域社会治理", 3], ["县域社会治理", 3], ["市域", 2], ["智慧治理", 2.5],
    ["社区", 1], ["治理体系", 1.5], ["五治融合", 2], ["乡村治理", 2.5], ["综治视联网", 2], ["三官一律", 2],
    ["群防群治", 1.5],
  ],
  矛盾纠纷: [
    ["矛盾纠纷", 3], ["纠纷", 2], ["矛盾", 1.5], ["调解", 2.5], ["人民调解", 3], ["枫桥", 3], ["枫桥经验", 3],
    ["信访", 2.5], ["上访", 2], ["进京访", 3], ["积案", 2], ["诉源治理", 3], ["诉源", 2], ["化解", 1.5],
    ["一站式", 1.5], ["排查", 1], ["调处", 2], ["访", 0.5], ["民转刑", 3], ["包保", 1.5],
  ],
  法治建设: [
    ["法治建设", 3], ["依法治", 2.5], ["法治", 1.5], ["执法司法", 3], ["执法监督", 3], ["司法改革", 3], ["司改", 3],
    ["执法", 1.5], ["司法", 1.5], ["普法", 2.5], ["法治宣传", 2.5], ["案件评查", 3], ["评查", 2], ["监督", 1],
    ["公正", 1], ["公平正义", 2], ["法律服务", 2.5], ["法律援助", 2.5], ["涉法涉诉", 2], ["审判", 2], ["检察", 1.5],
    ["听证", 2], ["公证", 2], ["行政复议", 2], ["合法性审查", 2], ["备案审查", 2], ["刑事诉讼", 2],
  ],
  服务发展: [
    ["营商环境", 3], ["服务发展", 3], ["高质量发展", 1.5], ["企业", 1.5], ["为民办实事", 3], ["我为群众办实事", 3],
    ["办实事", 2.5], ["民生", 1.5], ["乡村振兴", 2.5], ["疫情防控", 2.5], ["疫情", 2], ["招商引资", 3],
    ["便民", 2], ["亲商助企", 3], ["复工复产", 2.5], ["放管服", 2.5], ["帮扶", 1.5], ["中心工作", 1.5],
  ],
  廉政: [
    ["廉政", 3], ["廉洁", 3], ["党风廉政", 3], ["党风", 2], ["八项规定", 3], ["纪律", 1.5], ["四风", 3],
    ["违纪", 2], ["警示教育", 2.5], ["全面从严治党", 3], ["从严治党", 3], ["反腐", 3], ["腐败", 2.5],
    ["正风肃纪", 3], ["两个责任", 2], ["一岗双责", 3], ["公款", 2], ["违规吃喝", 2.5], ["厉行节约", 2],
  ],
};

interface Keyword {
  word: string;
  weight: number;
}

function buildLexicon(): Map<string, Keyword[]> {
  const lex = new Map<string, Keyword[]>();
  for (const line of WORK_LINES) {
    const byWord = new Map<string, number>();
    for (const k of line.keywords) byWord.set(k, k.length <= 1 ? 0.5 : 1.5);
    for (const [k, w] of EXTRA[line.id] ?? []) byWord.set(k, w);
    // Longest first, so a long keyword claims its characters before its substrings do.
    const list = [...byWord.entries()]
      .map(([word, weight]) => ({ word, weight }))
      .sort((a, b) => b.word.length - a.word.length || a.word.localeCompare(b.word));
    lex.set(line.id, list);
  }
  return lex;
}

const LEXICON = buildLexicon();

/** Score of each work line for the text (higher = more about it). Keys are WORK_LINES ids. */
export function scoreWorkLines(text: string): Map<string, number> {
  // The lexicon is Simplified; Traditional text (a Big5 report kept as written) is scored through a fold.
  text = foldTraditional(text);
  const scores = new Map<string, number>();
  for (const id of WORK_LINE_IDS) {
    const list = LEXICON.get(id) ?? [];
    // Within one work line, characters already matched by a longer keyword are not counted again
    // (扫黑除恶 must not also score 扫黑 and 除恶).
    const used = new Uint8Array(text.length);
    let score = 0;
    for (const { word, weight } of list) {
      let from = 0;
      let hits = 0;
      for (;;) {
        const at = text.indexOf(word, from);
        if (at < 0) break;
        let free = true;
        for (let k = at; k < at + word.length; k++) if (used[k]) { free = false; break; }
        if (free) {
          for (let k = at; k < at + word.length; k++) used[k] = 1;
          hits++;
        }
        from = at + word.length;
      }
      // Diminishing returns: the fifth mention of 网格 says less than the first.
      if (hits > 0) score += weight * (1 + Math.log2(hits));
    }
    scores.set(id, Math.round(score * 100) / 100);
  }
  return scores;
}

/** Work-line tags (WORK_LINES ids) for a text: best first, at most `max` (default 3); [] when nothing fits. */
export function tagWorkLines(text: string, max = 3): string[] {
  const scores = scoreWorkLines(text);
  let best = 0;
  for (const s of scores.values()) best = Math.max(best, s);
  // A tag needs real evidence (one specific keyword, or two lesser ones) and must not be a faint echo
  // of the main subject. A short fact ("走访企业120家") has room for one keyword only, so it needs less.
  const floor = Math.max(text.length <= 60 ? 1.5 : 2.5, best * 0.35);
  return [...scores.entries()]
    .filter(([, s]) => s >= floor)
    .sort((a, b) => b[1] - a[1] || workLineOrder(a[0]) - workLineOrder(b[0]))
    .slice(0, max)
    .map(([id]) => id);
}

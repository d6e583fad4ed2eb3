/**
 * What a clause of a submission carries: figures, a named initiative, a concrete action, and how much of
 * it is stock phrasing. The boilerplate test is a rule over these signals, never a list of sentences.
 */
import { clauseClaims } from "../claims/markers.ts";
import { extractNames } from "../claims/names.ts";
import { extractFigures } from "../drafting/figures.ts";
import type { Figure } from "../numbers/index.ts";
import { loadStockPhrases } from "../lists/stock-phrases.ts";
import { stripEnumerator, stripMarker } from "../text/headings.ts";
import { tag } from "../text/segment.ts";

/** Figures that state a quantity (counts, rates, changes): a year, a date or an ordinal alone is no figure fact. */
export const isQuantity = (f: Figure): boolean => f.kind === "number" || f.kind === "percent" || f.kind === "points";

export function quantities(text: string): Figure[] {
  return extractFigures(text).filter(isQuantity);
}

// The framing of a report that states no work: who led (在…领导下), what guided (以…为指导), what it served
// (为…提供…保障, 作出…贡献), the slogans that close it (奋力谱写…新篇章). Matched as patterns with any
// filler between their anchors, so a new year's wording of the same frame is caught too.
const FRAMES: RegExp[] = [
  /在[^，。；]{1,24}?(?:领导|指导|关心|支持|带领|指挥)下/g,
  /(?:坚持)?以[^，。；]{2,40}?为(?:指导|指引|统领|引领|遵循|总遵循|主线|根本遵循|行动指南|牵引|抓手|目标)/g,
  /为[^，。；]{2,30}?(?:提供|作出|做出|贡献|营造|创造)[^，。；]{0,20}?(?:保障|贡献|环境|力量|支撑)/g,
  /(?:奋力|努力|全力|不断|加快)?(?:谱写|开创|书写|推动|开启)[^，。；]{0,20}?新(?:篇章|局面|征程|境界|成效|台阶|水平)/g,
  /(?:深入|认真|全面|坚决)?(?:学习)?贯彻(?:落实)?[^，。；]{0,40}?(?:精神|指示|部署|要求|思想)/g,
  /以人民为中心(?:的发展思想)?/g,
  /(?:增强|坚定|做到|捍卫|深刻领悟)[“"][^”"]{2,8}[”"]/g,
  /现将[^，。；]{0,20}?(?:如下|报告|汇报)/g,
];

// Words that state no work by themselves: attitude adverbs, abstract aims and the party bodies a frame
// names. A clause made mostly of them (and of stock phrases) is framing, whatever its order.
const ABSTRACT_WORDS = new Set([
  "坚持", "坚决", "始终", "全面", "深入", "认真", "扎实", "切实", "不断", "持续", "积极", "主动", "大力", "着力", "进一步",
  "坚强", "正确", "高度", "有力", "有效", "稳步", "聚焦", "围绕", "紧扣", "紧紧", "牢牢", "把握", "牢记", "践行", "贯彻", "落实",
  "精神", "思想", "理念", "要求", "部署", "决策", "指示", "批示", "重要", "讲话", "论述", "指导", "领导", "统领", "引领",
  "大局", "稳定", "安全", "发展", "高质量", "新时代", "新征程", "保障", "服务", "维护", "促进", "推动", "推进", "提升", "增强",
  "党中央", "中央", "省委", "市委", "区委", "县委", "政府", "上级", "党", "政法", "工作", "各项", "任务", "目标", "主线", "方向",
  "人民", "群众", "社会", "国家", "政治", "责任", "使命", "担当", "作为", "奋斗", "奋力", "努力", "谱写", "篇章", "贡献", "力量",
  "更加", "更好", "更大", "更高", "水平", "能力", "体系", "现代化", "治理", "法治", "平安", "全力", "确保", "实现", "一年来", "今年",
  "以来", "全年", "继续", "今后", "一如既往", "饱满", "状态", "锐意进取", "中心工作", "各级", "广大", "干部", "干警", "紧密", "团结", "奋发", "有为", "重大", "风险", "挑战", "初心", "本色", "底线",
]);

// Verbs of a piece of work that was done or will be (立案, 建成, 召开): what makes a clause without a
// figure a fact, when its object is concrete. Read from the segmenter's part-of-speech tags as verbs.
const ACTION_VERBS = new Set([
  "开展", "组织", "举办", "召开", "建成", "建立", "成立", "创建", "出台", "印发", "制定", "修订", "完成", "新建", "改建",
  "破获", "侦破", "抓获", "打掉", "摧毁", "查处", "查办", "立案", "受理", "审结", "办结", "执结", "化解", "调解", "排查", "整治", "培训",
  "选派", "配备", "招录", "表彰", "评为", "获评", "获得", "荣获", "命名", "通过", "启用", "投用", "上线", "覆盖", "接待", "走访",
  "开通", "部署", "实施", "推行", "试点", "挂牌", "签订", "签署", "移送", "起诉", "判处", "帮教", "安置", "矫正", "援助", "公证",
  "督办", "约谈", "问责", "考核", "检查", "督查", "巡查", "劝返", "挽回", "追缴", "冻结", "拦截", "宣讲", "发放", "刊发", "编印",
]);

const AGENT = /(?:委|局|院|厅|部|政府|机关|我们|单位)$/;

export interface ClauseSignals {
  /** The clause opens with a preposition (对…, 通过…, 按照…): a frame for what follows, not a statement. */
  fragment: boolean;
  quantities: Figure[];
  /** A named initiative or document: a quoted name (“雪亮工程”), a 《title》, a project name. */
  initiative: boolean;
  /** An action verb with a concrete object, or a claim of completion or of a plan. */
  action: boolean;
  /** Share of the clause's Han characters that are framing or abstract words (0–1); the stock-phrase list is not
   * counted, since it holds work-line names (平安建设) that concrete work carries too. */
  stockDensity: number;
}

let stockPhrases: string[] | null = null;

function markCovered(mask: boolean[], text: string, re: RegExp): void {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) for (let i = m.index!; i < m.index! + m[0].length; i++) mask[i] = true;
}

/** The share of Han characters in framing or abstract words (function words count with them). */
export function stockDensity(text: string): number {
  const mask = new Array<boolean>(text.length).fill(false);
  for (const re of FRAMES) markCovered(mask, text, re);
  let pos = 0;
  for (const w of tag(text)) {
    const at = text.indexOf(w.word, pos);
    if (at < 0) continue;
    pos = at + w.word.length;
    // Function words (的, 和, 以, 为), pronouns (我们) and adverbs (将, 更加) side with whatever surrounds
    // them: they are counted as framing.
    if (ABSTRACT_WORDS.has(w.word) || /^[upcyrd]/.test(w.tag)) for (let k = at; k < pos; k++) mask[k] = true;
  }
  let han = 0;
  let covered = 0;
  for (let i = 0; i < text.length; i++) {
    if (!/[\u4e00-\u9fff]/.test(text[i])) continue;
    han++;
    if (mask[i]) covered++;
  }
  return han === 0 ? 1 : covered / han;
}

const QUOTED_NAME = /“([^”]{2,20})”|《([^》]{2,40})》/g;

// What a named initiative is called: a project, a campaign, a mechanism, a place or a body (“雪亮工程”,
// “百日攻坚”行动, “院坝说事”议事制度, “共享法庭”). A quoted metaphor (“路线图”, “深水区”) is none.
const INITIATIVE_END = /(?:工程|行动|攻坚|活动|计划|机制|制度|模式|体系|中心|平台|站|室|所|庭|网格|品牌|工作法|经验|创建|示范|专项|大练兵|大走访|联盟|服务队|志愿者|热线|系统|小程序|APP|码)$/i;

function hasInitiative(text: string): boolean {
  stockPhrases ??= [...loadStockPhrases()].filter((p) => p.length >= 4);
  for (const m of text.matchAll(QUOTED_NAME)) {
    const name = m[1] ?? m[2];
    // A quoted slogan of the framing (“两个维护”, “四个意识”) is no initiative of the unit.
    if (/^[一二三四五六七八九十两]个/.test(name) || stockPhrases.some((p) => p.includes(name))) continue;
    // A 《document》 is named; a “quoted” name counts when it or the words after it say what kind of thing it is.
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 6);
    if (m[2] || INITIATIVE_END.test(name) || /^(?:工程|行动|攻坚|活动|计划|机制|制度|模式|体系|中心|平台|工作站|工作室|调解室|法庭|品牌|工作法|创建|示范|专项)/.test(after)) return true;
  }
  return extractNames(text).some((n) => n.kind === "project");
}

function hasAction(text: string): boolean {
  const claims = clauseClaims(text);
  const stated = claims.explicitDone || claims.statuses.includes("planned") || claims.statuses.includes("notdone");
  const words = tag(text);
  const verbAt = words.findIndex((w) => ACTION_VERBS.has(w.word));
  if (verbAt < 0 && !stated) return false;
  // The object must be concrete: some noun after (or before, for 案件审结) the verb that is no abstract word.
  // The writing unit and the bodies it answers to (县法院, 县委) are who acts, not what was done.
  return words.some((w, i) => i !== verbAt && /^(n|vn|nz|ns|l|j)/.test(w.tag) && !/^nt/.test(w.tag) && !AGENT.test(w.word) && w.word.length >= 2 && !ABSTRACT_WORDS.has(w.word));
}

/** Everything the extractor and the boilerplate test need to know about one clause. */
export function clauseSignals(text: string): ClauseSignals {
  return { quantities: quantities(text), initiative: hasInitiative(text), action: hasAction(text), stockDensity: stockDensity(text), fragment: FRAGMENT.test(text.trim()) };
}

const FRAGMENT = /^(?:对于?|在|通过|按照|按|根据|围绕|结合|针对|为了|随着|借助|依托|本着)/;

/** Above this share of framing and abstract words, a clause without a figure is boilerplate. */
export const STOCK_DENSITY_MAX = 0.7;

/**
 * Boilerplate: no figure, and either nothing concrete (no initiative, no action with a concrete object),
 * mostly framing and abstract words, or a prepositional frame with nothing stated in it. Such a clause states no fact of the year, whatever it says.
 */
export function isBoilerplate(s: ClauseSignals): boolean {
  if (s.quantities.length > 0) return false;
  if (s.stockDensity >= STOCK_DENSITY_MAX || (s.fragment && !s.action)) return true;
  return !s.initiative && !s.action;
}

/** A clause as written, without leading 一是/（一）/1. markers and trailing marks. */
export function cleanClause(text: string): string {
  return stripMarker(stripEnumerator(text.trim())).replace(/^[，,；;：:、\s]+|[，,；;：:、。！？\s]+$/g, "").trim();
}

/**
 * What one clause claims, beyond its figures: status, negation, modality, scope, approvals. Each
 * dimension is a small set of classes, and the wording that expresses a class is interchangeable
 * (已经 and 已 are both "done"; 没有 and 尚未 both negate). Comparing classes instead of characters is
 * what lets a rewrite change the wording and still be held to the claim. See docs/claims.md.
 */
import { tag } from "../text/segment.ts";

export type Status = "planned" | "ongoing" | "notdone" | "done";
export type Modality = "permit" | "encourage" | "should" | "must" | "forbid" | "likely" | "alleged";
export type Scope = "partial" | "most" | "basic" | "initial" | "full" | "many" | "few";
export type Approval = "reviewed" | "agreed" | "approved" | "instructed" | "passed" | "issued" | "commended";

export interface ClauseClaims {
  /**
   * The strongest status of the clause: a plan governs the completion verbs after it (计划年内建成),
   * and so does a negation of the 没 family (尚未完成, 还没弄完: not done).
   */
  status: Status | null;
  /**
   * Every status the clause states, in the order read: 已建成3个并计划再建2个 is done and planned.
   * Empty for plain narration (开展反诈宣传12次), which in a report of the year's work reads as done.
   */
  statuses: Status[];
  /** True when a completion word states "done" outright (已, 完成, 建成, 查完了), not plain narration. */
  explicitDone: boolean;
  /** The plan is said only by a time to come (明年已补充): no plan word governs what follows. */
  planByTimeOnly: boolean;
  /** A verb with the perfective 了 (搞了, 招了): plain narration that already says the work happened. */
  perfective: boolean;
  /** A 已 with no verb after it (工作已。, 课表已，): no statement of completion, a word out of place. */
  strayDone: boolean;
  /** How many negations: 没有 → 未 keeps one; dropping one of 没有贯通、不统一 is a change. */
  negations: number;
  /** How many of the clause's 、 parts are negated: 没有贯通、不统一 has two, 一直未签字而未能办结 one. */
  negatedParts: number;
  modality: Modality[];
  scope: Scope[];
  /** Scopes said only by a universal adverb (都, 均) or a vague quantity (一些, 若干), not by a word for them (全部, 部分). */
  weakScope: Scope[];
  approvals: Approval[];
  /** The words that expressed each class, for messages ("计划" → "已"). */
  words: Partial<Record<string, string>>;
}

interface Marker<T extends string> {
  value: T;
  re: RegExp;
}

// 将 is a future marker only before a verb or adverb: 将矛盾纠纷纳入网格 is 把 (disposal), not a plan.
const FUTURE_AFTER_JIANG =
  "要|于|在|进一步|继续|持续|全面|加快|着力|重点|大力|切实|逐步|适时|启动|开展|建成|完成|实现|推进|建立|开工|投入|投用|出台|印发|组织|举办|召开|实施|推动|迎来|新建|改建|扩建|建设|覆盖|达到|力争|争取|坚持|深化|抓好|做好";

/**
 * Status markers, formal and colloquial alike: a class is a meaning, and each of its wordings counts
 * the same (打算/准备/想/计划/拟/将/争取 all plan; 还在/正在/在抓紧 all say "in progress"). Marker words
 * that need a word boundary (想 in 思想, 在 as a preposition) are read from the segmentation below.
 */
const STATUS: Marker<Status>[] = [
  {
    value: "planned",
    re: /(?<![草模虚])拟(?![定订稿写任人])|(?<![工作度行动五发展和的项生育])计划(?=[\u4e00-\u9fff\d])(?!书|表|单|内|外|生育|经济|任务|目标|安排|完成率|数)|(?<=工作)计划(?=每|于|在|年底|明年|下[个半周月步阶]|今后|再|对|将|把|向|通过)|即将|(?<![即])将(?=(?:FUTURE))|打算|想着(?=[\u4e00-\u9fff])(?!急)|准备(?=[\u4e00-\u9fff])(?!工作|阶段|充分|金|材料|情况|了|中|完毕|就绪|好|到位|齐)|预计|力争|争取(?=[\u4e00-\u9fff\d])(?!群众|民心|支持)/,
  },
  // A time still to come (明年, 下一步) plans too, but governs nothing: 明年已补充 is a plan said to be done.
  // 以后 (这类检查以后可以每季度搞一次) speaks of a time to come as 今后 does.
  { value: "planned", re: /(?:明年|来年|下一步|下步|今后|(?<![来了完到好过])(?<!了[^，。；]{0,8})以后|下个月|下月|下周|下星期|下礼拜|下阶段|下一阶段|下一年度|(?<![又再])回过?头(?!来)|改天|(?<!截至|截止|到|已于?[^，。；]{0,4})(?:年底前|月底前))(?![度底])|(?<![平对相期招)])等(?=[^，。；]{1,10}(?:再|才|后))/ },
  { value: "ongoing", re: /正在|(?<![平对相期招)])等(?![部单方工领行问情措内人机][门位面作域业题况施容员关]|[\d一二两三四五六七八九十几多])(?=[^，。；]{0,6}?(?:批|审|回复|回话|回音|答复|反馈|结果|验收|意见|消息|通知|决定))|(?:尚|仍)在(?=[\u4e00-\u9fff])(?![\u4e00-\u9fff]?[里上下中内外边处县镇村乡区市])|(?:推进|建设|进行|实施|筹建|办理|审核|审查|起草|整改|调查|修订|试运行)中(?![心央国华])|在建|在侦|在办(?!公)|在审(?!议)|在抓紧|在加紧|在抓|持续跟进中/ },
  {
    value: "done",
    // 已 and the completion verbs; a resultative complement with 了 (查完了, 弄好了, 建起来了, 配齐了, 配上了).
    re: /(?<![而得])已(?!知|故)|业已|(?<!为了?|以|确保|保证|能否|是否)完成(?!情况|率|时限|进度|比例|数)|建成|竣工|落成|投入使用|投用|搞定|完毕|办结|到位|(?<=[\u4e00-\u9fff])完(?![善整全美备好成毕结])|(?:好|起来|齐|上|下来|成)了/,
  },
].map((m) => ({ ...m, re: new RegExp(m.re.source.replace("FUTURE", FUTURE_AFTER_JIANG), "g") })) as Marker<Status>[];

/** Negations of the 没 family say "not (yet) done": 尚未完成 and 还没弄完 both claim the work is unfinished. */
const NOT_YET = /^(?:尚待|仍待|还待|待定|待|尚未|未能|并未|仍未|还未|均未|未|没有|没|尚无|还无|仍无|不够|还差|仍差|尚差|有待|亟待|亟需|尚需|仍需|还需要|还需|还得|得再)$/;
/** What is left to do is not done either: 还剩4个, 剩余的 (not a negation). */
const REMAINING = /超期|逾期|积压|卡(?=着|在|住)|仍有|还剩|仍剩|尚余|剩下|剩余|其余|(?:还有|尚有|仍有)(?=[\d一二两三四五六七八九十几])|(?<![\d零〇一二两三四五六七八九十百千万])余(?=[\d一二两三四五六七八九十几])/g;

// 不断、不仅、不少、未成年、非法…: negation characters inside words that negate nothing.
// 不足、缺乏 negate too: 不够熟练 and 能力不足 say the same, as do 没有 and 缺乏. So does a shortfall that
// is still to be made good (有待提升, 还得加强, 尚需征求意见) and a weakness named as such (薄弱, 滞后).
const NEGATION =
  /难以|扑了?个?空|落空|缺乏|缺少|欠缺|薄弱|(?<![削减])弱(?!势|化|小|者|项|点|电)|滞后|短板|还差|尚待|仍待|还待|待定|(?<![接期对看等善优虐款招留])待(?=[^，。；]{0,6}(?:批|明确|确定|研究|落实|解决|完成|审))|难度(?:较|很|比较|非常|偏)?大|较难|疑难|不易|欠佳|(?<=[果量况])一般(?=[，。；]|$)|得一般(?=[，。；]|$)|拒绝|拒签|拒付|失联|失去联系|短缺|紧缺|拖欠|仍差|尚差|不够|尚无|还无|仍无|有待|亟待|亟需|尚需|仍需|还需要|还需|还得(?!到)|得再|尚未|未能|并未|从未|仍未|还未|均未|(?<![尚并从仍还均])未(?!成年|来|必|知|曾有过)|没有|没(?!收(?![齐全完好到回]))|(?<![毫绝差]|(?<!解)决)不(?!断|仅|但|少|多|大(?=[，。；]|$)|同(?!意)|久|论|管|时|光|禁|得|准|许|宜|良|法|料|利|可|止|外|乏|过|妨|愧|懈|屈|忘初心)|(?<![虚])无(?!论|缝|人机|偿|私|障碍|形|锡|疑|比|悔|线|菌|害化|不)/g;

/**
 * Negations as a clause claims them. An A-不-A question (能不能, 要不要, 是不是) asks, and 是否/可否 is its
 * formal wording; 不是……就是 offers a choice. Neither negates anything, so both are read with the 不 masked
 * (same length, so offsets hold). 难以 is the formal wording of a 不 complement: 跟不上 → 难以跟进, and
 * 扑空/落空 is a colloquial 未查获.
 */
function negationsIn(clause: string): IterableIterator<RegExpMatchArray> {
  return readable(clause).matchAll(NEGATION);
}

/** A negation that says something did not happen or is not there, as against a shortfall or a wait (薄弱, 尚需, 待). */
export const DEFINITE_NEGATION = /[不没未无非缺拒]|扑.{0,2}空|落空|失联|难以|得一般/;

/**
 * What each negation of a clause negates: the few characters after it, up to a break (没签字 → 签字,
 * 还没报上来 → 报上来; one that ends its clause, what comes before it). A dropped or added negation is a changed claim only where the other text speaks of
 * the same thing without it; see compare.ts.
 */
export function negationScopes(raw: string, definiteOnly = false): string[] {
  const clause = withoutFiller(raw);
  const BREAK = /[、，,；;。：:（(“”]/u;
  return [...negationsIn(clause)].filter((m) => !definiteOnly || DEFINITE_NEGATION.test(m[0])).map((m) => {
    const at = m.index ?? 0;
    const after = clause.slice(at + m[0].length).split(BREAK)[0].slice(0, 4);
    // A negation that ends its clause (第一次扑了空, 人联系不上) negates what comes before it; so does one
    // before a light verb alone (肇事肇祸的今年没出): the thing it is about stands in front.
    if (/^[出有来发搞弄][了过]?$/.test(after)) return (clause.slice(0, at).split(BREAK).pop() ?? "").slice(0, 6);
    return /[\u4e00-\u9fff]/.test(after) ? after : (clause.slice(0, at).split(BREAK).pop() ?? "").slice(-3);
  });
}

/** The clause with the negations that claim nothing masked (same length, so offsets hold). */
function readable(clause: string): string {
  return clause
    .replace(/([\u4e00-\u9fff])不\1/g, "$1否$1")
    // 改没改, 有没有 ask too; not the 有 of 所有, 具有 before a 没有 (所有没有开展 negates).
    .replace(/(?<![所具拥占享持含只没])([\u4e00-\u9fff])没\1/g, "$1否$1")
    // 改了没有, 到了没: a question put after the verb asks whether (是否整改到位), it negates nothing.
    .replace(/(?<=[\u4e00-\u9fff]了)没有?(?=[？?，,。；;]|$)/g, (m) => "否".repeat(m.length))
    .replace(/不是(?=[^，。；]*?就是)/g, "要么")
    // 没多少, 没什么人, 没几个: few, said with a negation (a loose amount, read as such).
    .replace(/没(?=多少|什么|几)/g, "某")
    // 借钱不还, 欠款不付: the name of a kind of dispute, not a negation the clause makes.
    .replace(/([钱款账债薪])不([还给付])/g, "$1否$2")
    // 没登记的已经让补了: a 的 phrase that says which ones, followed by what was done with them.
    .replace(/(?:没有|没|未)(?=[\u4e00-\u9fff]{1,4}的(?:已|都|也|要|让|就|还|又|再|则|均|全|被|由|经|我))/g, (m) => "某".repeat(m.length))
    // 无证砂场已停产, 无照商户均已取缔: an attributive lack that says which ones, as the 的 phrase does.
    .replace(/无(?=[证照牌主业][\u4e00-\u9fff]{1,4}(?:已|均|都|被|由|经))/g, "某");
}

const MODALITY: Marker<Modality>[] = [
  // 可 alone before a verb is the formal 可以: 可将……纳入, 可先试点, 可考虑, 可安排, 可每季度开展
  // 可以 that ends its clause (学生反应还可以, 领导说可以) judges or assents; it permits only what follows it.
  { value: "permit", re: /可以(?![，。；！？、,;:：）)了啊吧的]|$)|允许|准许|(?<![认许宁不无即尽])可(?=按|由|根据|依|视|适当|自行|自主|将|把|先|再|考虑|安排|纳入|每|参加|开展|申请|组织|采取|适用|从|与|同|和|向|给|对|在|通过|结合|共享|提供|使用|委托|邀请)/g },
  { value: "encourage", re: /鼓励|提倡|倡导/g },
  { value: "should", re: /应当|应该|应予|理应|应(?=依法|按照|及时|严格|坚持|加强)/g },
  // 要求他每周报到 is 须每周报到: what someone is required to do.
  { value: "must", re: /必须|务必|一律|一定要|(?<![必无毋])须(?!知)|要求(?=[他她其们对各所]|[\u4e00-\u9fff]{0,4}(?:必须|务必|每))/g },
  { value: "forbid", re: /严禁|禁止|不得|不准|不许/g },
  // A hedge says the matter is uncertain (有点像, 疑似, 可能); 涉嫌 says a legal suspicion was formed.
  { value: "likely", re: /疑似|有点像|好像|像是|似乎|可能(?!性)|或许|也许/g },
  { value: "alleged", re: /(?<!疑似|可能|或)涉嫌/g },
];

const SCOPE: Marker<Scope>[] = [
  { value: "partial", re: /一?小半(?![年天夜辈个月])|(?<![大])部分|(?<!所)有的|有些|个别|少数|一些|一批|若干|有条件的|局部|(?<![\d十百千万])数(?=[名个起件户家处所次位本])|(?<![十百千万第那这哪])几(?=个|家|户|处|名|件|所|村|镇|起|条)/g },
  { value: "most", re: /一大半|一多半|多一半|(?<![一多])大半(?![年天夜辈个月])|大部分|大多数|绝大多数|多数|大多|(?<![很较许众诸过偏太更最不])多(?=是|涉及|为|系|属于|集中在|来自)|主要(?=是|为|涉及|集中)|为主(?=[）)]|$)|基本上?都?(?:是|为|属于)/g },
  { value: "basic", re: /基本(?!上?都?是|上?都?为|上?都?属于|功|法|原则|单元|盘|面|情况|公共|医疗|养老|生活|方略|国策|要求|信息|农田|建设|制度|路线|经验)|差不多(?=[\u4e00-\u9fff])(?!我)(?!(?:差不多|大概|大约|估计|将近|近|有|约|一共|总共|共|合计|我觉得|我认为|我|，)*[0-9０-９零〇一二两三四五六七八九十百千万])|大体|大致/g },
  { value: "initial", re: /初步|初稿|初具|初见/g },
  // How many, said loosely: 不少 and 较多 are many, 不多 and 较少 few (反对意见不少 → 较少 is a change).
  { value: "many", re: /不少|较多|很多|挺多|比较多|大量|众多|许多|(?<=[\u4e00-\u9fff])(?<![\d零〇一二两三四五六七八九十百千万几差许众诸大太不较很挺])(?:特别|非常|太|相当)?多$/g },
  { value: "few", re: /较少|很少|少量|极少|偏少|比较少|(?<=[\u4e00-\u9fff])(?<![减缺稀至多较很极偏不])(?:特别|非常|太|相当)?少$|(?<!差)不多|不大(?=[，。；]|$)|没(?:多少|什么|几)/g },
  // 占全部村居的七成: the whole a share is taken of (占, 的) is its denominator, no claim of scope.
  { value: "full", re: /(?<!占)全部|全都|全面(?!从严治党|依法治国|深化改革|建设社会主义|建成小康|贯彻|落实|加强|推进|提升)|(?<!占)所有|全覆盖|全域|全员|全体|普遍|村村|(?<![大])均(?=[已未为在由按衡匀]|[\u4e00-\u9fff]{2})(?!衡|匀|值)/g },
];

// 均 and 一些 say "all" and "some" without a word for it, 多是 and 为主 "most"; 不少 and 较少 say how many only loosely.
const WEAK_SCOPE = /^(?:一?小半|一大半|一多半|多一半|大半|均|差不多|基本上?都?(?:是|为|属于)|数[名个起件户家处所次位本]?|几[个家户处名件所村镇起条]?|一些|多|主要|为主|一批|若干|不少|较多|很多|挺多|比较多|大量|众多|许多|较少|很少|少量|极少|偏少|比较少|不多|不大|没多少|没什么|没几)$/;

const APPROVAL: Marker<Approval>[] = [
  // 经……审议/同意/批准/批示: a claim that a body decided; 报请/提请……审议 is only a request.
  { value: "reviewed", re: /经(?:过)?[^，。；！？经]{0,20}?(?:审议|研究|审定|审核|把关)|审议通过/g },
  { value: "agreed", re: /经(?:过)?[^，。；！？经]{0,20}?同意|同意(?=[^，。；]{0,6}(?:实施|执行|设立|成立))/g },
  // 批了 and 批过 in a note say the request was granted: 请假批了 is 请假已获批准.
  { value: "approved", re: /经(?:过)?[^，。；！？经]{0,20}?(?:批准|审批|核准)|(?:获|获得|得到)[^，。；！？经]{0,10}?(?:批准|同意|批复|审批)|审批通过|获批|批复|批下来|批了下来|批下了|(?<![审报])批了|批过|(?<=已|已经)批准/g },
  { value: "instructed", re: /批示/g },
  { value: "passed", re: /(?:表决|会议)通过|(?<=会)通过/g },
  // 签发 (法院签发保护令) issues a decision, as 印发 issues a document.
  { value: "issued", re: /印发|出台|颁布|下发|签发|(?<![会])发布(?!会)/g },
  // An honour given by a superior is a decision too: 获市委通报表扬, 被评为, 命名为.
  { value: "commended", re: /通报表扬|通报表彰|(?<!申报|推荐)表彰(?!大会)|嘉奖|被评为|评为|命名为|授予/g },
];

function classes<T extends string>(text: string, markers: Marker<T>[], words: ClauseClaims["words"], key: string): T[] {
  const out: T[] = [];
  for (const m of markers) {
    m.re.lastIndex = 0;
    const hit = m.re.exec(text);
    if (hit) {
      out.push(m.value);
      words[`${key}:${m.value}`] ??= hit[0];
    }
  }
  return out;
}

interface Hit {
  at: number;
  value: Status | "neg" | "left";
  word: string;
}

// Verbs that take 在 as "located at" (卡在住建, 放在下周二, 集中在城区), which jieba may tag as nouns.
const LOCATIVE_VERB = /^(?:卡|放|住|摆|落|设|定|建|集中|位|停|留|关|躲|藏|坐|站|挂|贴|装|写|记|登|排)$/;

/**
 * 想 as "intend to": a verb follows, at once (想建, 想在年底前) or after a distributive or a time
 * (想每个村培养两个, 想明年搞). 想到, 想办法 and 我想他们应该 (I think) are no plan.
 */
function wantsTo(words: Array<{ word: string; tag: string }>, i: number): boolean {
  const next = words[i + 1];
  if (!next || /^(到|起|过|法|象|着|一想|办法|想)$/.test(next.word)) return false;
  if (/^(v|p|d|t)/.test(next.tag)) return true;
  // 想并进来: a one-character word the segmenter mistags (并, 合) before a verb is the verb's own part.
  if (next.word.length === 1 && /^[cd]/.test(next.tag) && /^v/.test(words[i + 2]?.tag ?? "")) return true;
  if (!/^(?:每|各|所有|全)/.test(next.word)) return false;
  for (const w of words.slice(i + 2, i + 5)) {
    if (/^v/.test(w.tag)) return true;
    if (!/^(n|zg|m|q|t|f|r)/.test(w.tag)) return false;
  }
  return false;
}

/** Status words that need word boundaries, from the segmentation: 想 + verb (plan), 还/仍/一直 在 + verb (in progress), 都 (all). */
function segmentedHits(clause: string): { status: Hit[]; all: string | null } {
  const status: Hit[] = [];
  let all: string | null = null;
  const words = tag(clause, false);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const { word, tag: t } = words[i];
    const next = words[i + 1];
    const prev = words[i - 1];
    if (word === "想" && t.startsWith("v") && wantsTo(words, i)) status.push({ at, value: "planned", word });
    // 还在跟, 仍在驻村, 还在摸底: 在 after such an adverb is progressive unless a place follows (还在县里).
    const place = next && (/^(s|ns|f|r|m|q|t|nr|nt)$/.test(next.tag) || /[里上下中内外边处县镇村乡区市局所院]$/.test(next.word));
    if (word === "在" && prev && /^(还|仍|仍然|依然|一直|也|都|正|现在|目前|还是)$/.test(prev.word) && next && !place) {
      status.push({ at: at - prev.word.length, value: "ongoing", word: prev.word + word });
    } else if (word === "在" && prev && /^(r|n|nr|ns|nt|j|t)$/.test(prev.tag) && !LOCATIVE_VERB.test(prev.word) && next && !place && (/^v/.test(next.tag) || /^(跟|和|与|同|帮|给|对|向)$/.test(next.word))) {
      // 我们在跟运营商协调, 派出所在争创, 镇里在研究: 在 between the doer and a verb is progressive, unless
      // it opens a frame (在开展排查中, 在县委领导下).
      if (!words.slice(i + 1).some((w) => w.tag === "f")) status.push({ at, value: "ongoing", word });
    }
    // A deadline before a completion (春季开学前弄完, 汛期前完成): a time to come, unless the clause tells it done (了, 已).
    if (word === "前" && t === "f" && prev && /^(t|n|vn|v)/.test(prev.tag) && !/^(?:以|之|此|目|提|事|日|年|月|天)$/.test(prev.word) && !/[\d一二两三四五六七八九十几]/.test(prev.word) &&
      DEADLINE_DONE.test(clause.slice(at + 1)) && !/[了已]/.test(clause)) status.push({ at: at - prev.word.length, value: "planned", word: prev.word + word });
    // 都 after a share (一大半都是, 大部分村都建了, 七八成都是) is about that share, not all of them.
    if (word === "都" && t === "d" && !all && !SHARE_BEFORE.test(clause.slice(0, at))) all = word;
    at += word.length;
  }
  return { status, all };
}

const NAMES_WHO = /^[\u4e00-\u9fff]{1,3}?(?:人员|的人|者|对象|群众|单位|企业|户)(?=[\u4e00-\u9fff]{0,3}已)/;
const SHARE_BEFORE = /(?:半|半数|部分|多数|大多|少数|[一二两三四五六七八九十\d]成|%|以上|一些|有的|个别)(?:的?[\u4e00-\u9fff]{0,3})?$/;

/** A verb with the perfective 了 (搞了, 分给各部门了). */
const PERFECTIVE = /[\u4e00-\u9fff](?<![为除])了(?!解|如|结|不起|却|然)/;

// 等 before a 再, 才 or 后 is a wait (等验收完了再挂牌): what it waits for is still to come.
const TIME_WORD = /^(?:明年|来年|下一步|下步|今后|以后|下个月|下月|下周|下星期|下礼拜|下阶段|下一阶段|下一年度|回头|改天|年底前|月底前|等|[\u4e00-\u9fff]{1,6}前)$/;

/** What follows a completion that is only a condition of the next step (搞好了再推, 批下来才能弄, 建成后再验收). */
const CONDITION_AFTER = /^了?(?:以后|之后|后)?(?:再|才)/;

/** A completion a deadline governs: right after it (开学前弄完, 节前完成). */
const DEADLINE_DONE = /^[\u4e00-\u9fff]{0,2}?(?:完成|弄完|搞完|做完|建成|办结|到位|弄好|搞好|搞定)/;

/** A verb told done for a part of the work: 弄了一大半, 完成了大部分, 装了七成. */
const PART_DONE = /[\u4e00-\u9fff]了(?:一大半|一多半|大半|一半|大部分|多半|一部分|[一二三四五六七八九]成)/;

/** A question of whether (是否, 能否, 有没有, 改没改): what it asks about is not said done. */
const ASKS = /是否|能否|可否|(?<![所具拥占享持含只没])有没有|是不是|(?<![所具拥占享持含只没])([\u4e00-\u9fff])[没不]\1/;

/** Status hits in reading order: regex markers, segmentation markers and 没-family negations. */
function statusHits(clause: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of STATUS) {
    m.re.lastIndex = 0;
    for (const h of clause.matchAll(m.re)) hits.push({ at: h.index, value: m.value, word: h[0] });
  }
  hits.push(...segmentedHits(clause).status);
  NEGATION.lastIndex = 0;
  for (const h of readable(clause).matchAll(NEGATION)) if (NOT_YET.test(h[0])) hits.push({ at: h.index, value: "neg", word: h[0] });
  REMAINING.lastIndex = 0;
  for (const h of clause.matchAll(REMAINING)) hits.push({ at: h.index, value: "left", word: h[0] });
  return hits.sort((a, b) => a.at - b.at);
}

/**
 * The statuses of a clause, read in order: a plan or a not-yet governs a completion word after it
 * (计划年内建成 is planned; 尚未完成 and 还没弄完 are not done), and a completion word before a plan
 * stands (已建成3个并计划再建2个 is done and planned).
 */
function readStatuses(clause: string, words: ClauseClaims["words"]): { statuses: Status[]; explicitDone: boolean; planByTimeOnly: boolean } {
  const found = new Set<Status>();
  let planWord = false;
  let governed = false;
  let explicitDone = false;
  let timeAhead = false;
  // What is left (其余, 剩下的, 还有3件) is not done unless the clause says what became of it: 其余均已化解
  // is done, 其余正在跟进 in progress.
  let left: string | null = null;
  for (const h of statusHits(clause)) {
    if (h.value === "left") {
      left ??= h.word;
      continue;
    }
    if (left && h.value !== "neg") left = null;
    if (h.value === "neg") {
      found.add("notdone");
      words["status:notdone"] ??= h.word;
      // A negation that names who (未通过人员, 没过的) qualifies them: what they then did is told, not governed.
      if (!NAMES_WHO.test(clause.slice(h.at + h.word.length))) governed = true;
    } else if (h.value === "done") {
      // A time to come governs a completion verb (下月完成, 年底前建成), never 已 (明年已补充 says done).
      // 看是否整改到位, 改没改好: a completion asked about is not said.
      if (governed || (timeAhead && !/已/.test(h.word)) || ASKS.test(clause.slice(0, h.at))) continue;
      // 搞好了再推, 验收完了才挂牌: a completion that something waits on is a condition, not a report.
      if (!/已/.test(h.word) && CONDITION_AFTER.test(clause.slice(h.at + h.word.length))) continue;
      found.add("done");
      explicitDone = true;
      words["status:done"] ??= h.word;
    } else {
      found.add(h.value);
      words[`status:${h.value}`] ??= h.word;
      if (h.value === "planned" && !TIME_WORD.test(h.word)) governed = planWord = true;
      if (h.value === "planned" && TIME_WORD.test(h.word)) timeAhead = true;
    }
  }
  // What became of what is left, told as narration (剩下的都分给各部门了): not "not done".
  if (left && PERFECTIVE.test(clause.slice(clause.indexOf(left) + left.length))) left = null;
  if (left) {
    found.add("notdone");
    words["status:notdone"] ??= left;
  }
  // Work done in part (弄了一大半, 建了七成): that part is done and the rest under way.
  const part = PART_DONE.exec(clause);
  if (part && !found.has("planned") && !found.has("notdone")) {
    found.add("ongoing").add("done");
    words["status:ongoing"] ??= part[0];
  }
  const order: Status[] = ["planned", "ongoing", "notdone", "done"];
  return { statuses: order.filter((s) => found.has(s)), explicitDone, planByTimeOnly: found.has("planned") && !planWord };
}

const APPROVAL_WORD = /批下来|批了|批复|批准|审批|审议|审定|同意|获批|批示|通过|印发|出台|下发|发布|颁布|批/g;
// Waiting for, asking for or still needing a decision (等批下来, 待批准后印发, 报请审议, 预算还没批) claims none.
const PENDING_BEFORE = /(?:等|待|需|须|(?<![主重需只概纪])要|拟|准备|报请|提请|申请|争取|报给|报送|送审|尚未|还没有|还没|没有|没|未|不)[^，。；！？经]{0,8}$/;
// A decision that something waits on (批下来才能弄, 批了再发, 批准后方可) is not said to have been made, unless 经 asserts it.
const PENDING_AFTER = /^(?:下来|了|过)?(?:才|再|后方|之后|以后|后再|后才|后印发|后实施|后执行|后)/;

/**
 * The clause with the approvals it does not assert masked: negated, awaited or asked for (还没批下来,
 * 等批了再发, 待批准后印发, 报请县委审议). 经……批准 and 已获批 assert one.
 */
function assertedApprovals(clause: string): string {
  return clause.replace(APPROVAL_WORD, (w, at: number) => {
    const before = clause.slice(0, at);
    if (/经(?:过)?[^，。；！？]{0,20}$/.test(before) && !/(?:待|等|需|须)[^，。；！？]{0,4}经/.test(before)) return w;
    return PENDING_BEFORE.test(before) || PENDING_AFTER.test(clause.slice(at + w.length)) ? "某".repeat(w.length) : w;
  });
}

/** A first-person filler (我觉得, 我个人认为) claims nothing, and polishing drops it: the clause without it. */
const withoutFiller = (raw: string) => raw.replace(/(?<![自你])我(?:个人)?(?:觉得|认为)[，,]?/g, "");

/** The claims of one clause (a stretch between ，；。 marks). */
export function clauseClaims(raw: string): ClauseClaims {
  // A first-person filler (我觉得, 我个人认为) claims nothing, and polishing drops it: read the clause without it.
  const clause = withoutFiller(raw);
  const words: ClauseClaims["words"] = {};
  const { statuses, explicitDone, planByTimeOnly } = readStatuses(clause, words);
  const negs = [...negationsIn(clause)];
  if (negs.length) words["negation"] = negs.map((m) => m[0]).join("、");
  const scope = classes(clause, SCOPE, words, "scope");
  // A scope said only by a universal adverb (都, 均) or a vague quantity (一些, 若干) is weak: a rewrite
  // may add or drop it, as long as it does not put another scope in its place.
  const weakScope: Scope[] = [];
  for (const m of SCOPE) {
    if (!scope.includes(m.value)) continue;
    m.re.lastIndex = 0;
    if ([...clause.matchAll(m.re)].every((h) => WEAK_SCOPE.test(h[0]))) weakScope.push(m.value);
  }
  const all = segmentedHits(clause).all;
  if (all && !scope.includes("full")) {
    scope.push("full");
    weakScope.push("full");
    words["scope:full"] = all;
  }
  return {
    status: statuses[0] ?? null,
    statuses,
    explicitDone,
    planByTimeOnly,
    perfective: PERFECTIVE.test(clause),
    strayDone: /已(?![\u4e00-\u9fff])/.test(clause),
    negations: negs.length,
    negatedParts: clause.split("、").filter((part) => [...negationsIn(part)].length > 0).length,
    modality: classes(clause, MODALITY, words, "modality"),
    scope,
    weakScope,
    // 还没批下来, 未获批: an approval negated is none.
    approvals: classes(assertedApprovals(clause), APPROVAL, words, "approval"),
    words,
  };
}

/** Chinese names of the classes, for the writer. */
export const CLASS_LABELS: Record<string, string> = {
  planned: "计划中", ongoing: "正在进行", notdone: "尚未完成", done: "已完成",
  permit: "允许", encourage: "鼓励", should: "应当", must: "必须", forbid: "禁止", likely: "可能或疑似", alleged: "涉嫌",
  partial: "部分", most: "大部分", basic: "基本", initial: "初步", full: "全部/全面", many: "较多", few: "较少",
  reviewed: "经审议", agreed: "经同意", approved: "经批准", instructed: "有批示", passed: "已通过", issued: "已印发", commended: "获表彰或命名",
};

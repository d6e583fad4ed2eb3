/**
 * What one clause claims, beyond its figures: status, negation, modality, scope, approvals. Each
 * dimension is a small set of classes, and the wording that expresses a class is interchangeable
 * (已经 and 已 are both "done"; 没有 and 尚未 both negate). Comparing classes instead of characters is
 * what lets a rewrite change the wording and still be held to the claim. See docs/claims.md.
 */

export type Status = "planned" | "ongoing" | "done";
export type Modality = "permit" | "encourage" | "should" | "must" | "forbid";
export type Scope = "partial" | "basic" | "initial" | "full";
export type Approval = "reviewed" | "agreed" | "approved" | "instructed" | "passed" | "issued";

export interface ClauseClaims {
  /** The strongest status of the clause: a plan governs the completion verbs after it (计划年内建成). */
  status: Status | null;
  /** How many negations: 没有 → 未 keeps one; dropping one of 没有贯通、不统一 is a change. */
  negations: number;
  modality: Modality[];
  scope: Scope[];
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

const STATUS: Marker<Status>[] = [
  { value: "planned", re: /(?<![草模虚])拟(?![定订稿写任人])|(?<![工作年度行动五发展和的项生育])计划(?=[\u4e00-\u9fff\d])(?!书|表|单|内|外|生育|经济|任务|目标|安排)|即将|(?<![即])将(?=(?:FUTURE))|打算|准备(?=[开建完实启推组举召对在于将用])|预计|力争|争取(?=[\u4e00-\u9fff\d])(?!群众|民心|支持)/ },
  { value: "ongoing", re: /正在|(?:推进|建设|进行|实施|筹建)中(?![心央国华])|在建/ },
  { value: "done", re: /(?<![而得])已(?!知|故)|业已|完成|建成|竣工|落成|投入使用|投用|搞定/ },
].map((m) => ({ ...m, re: new RegExp(m.re.source.replace("FUTURE", FUTURE_AFTER_JIANG), "g") })) as Marker<Status>[];

// 不断、不仅、不少、未成年、非法…: negation characters inside words that negate nothing.
// 不足、缺乏 negate too: 不够熟练 and 能力不足 say the same, as do 没有 and 缺乏.
const NEGATION =
  /缺乏|缺少|欠缺|尚未|未能|并未|从未|仍未|还未|均未|(?<![尚并从仍还均])未(?!成年|来|必|知|曾有过)|没有|没(?![收])|(?<![毫决绝差])不(?!断|仅|但|少|同|久|论|管|时|光|禁|得|准|许|宜|良|法|料|利|可|止|外|乏|过|妨|愧|懈|屈|忘初心)|(?<![虚])无(?!论|缝|人机|偿|私|障碍|形|锡|疑|比|悔|线|菌|害化|不)/g;

const MODALITY: Marker<Modality>[] = [
  { value: "permit", re: /可以|允许|准许|可(?=按|由|根据|依|视|适当|自行)/g },
  { value: "encourage", re: /鼓励|提倡|倡导/g },
  { value: "should", re: /应当|应该|应予|理应|应(?=依法|按照|及时|严格|坚持|加强)/g },
  { value: "must", re: /必须|务必|一律|(?<![必无毋])须(?!知)/g },
  { value: "forbid", re: /严禁|禁止|不得|不准|不许/g },
];

const SCOPE: Marker<Scope>[] = [
  { value: "partial", re: /部分|有的|个别|少数|一些|有条件的|局部/g },
  { value: "basic", re: /基本(?!功|法|原则|单元|盘|面|情况|公共|医疗|养老|生活|方略|国策|要求|信息|农田|建设|制度|路线|经验)/g },
  { value: "initial", re: /初步/g },
  { value: "full", re: /全部|全面(?!从严治党|依法治国|深化改革|建设社会主义|建成小康|贯彻|落实|加强|推进|提升)|所有|全覆盖|全域|全员|全体/g },
];

const APPROVAL: Marker<Approval>[] = [
  // 经……审议/同意/批准/批示: a claim that a body decided; 报请/提请……审议 is only a request.
  { value: "reviewed", re: /经(?:过)?[^，。；！？经]{0,20}?(?:审议|研究|审定)|审议通过/g },
  { value: "agreed", re: /经(?:过)?[^，。；！？经]{0,20}?同意|同意(?=[^，。；]{0,6}(?:实施|执行|设立|成立))/g },
  { value: "approved", re: /经(?:过)?[^，。；！？经]{0,20}?(?:批准|审批|核准)|获批|批复/g },
  { value: "instructed", re: /批示/g },
  { value: "passed", re: /(?:表决|会议)通过|(?<=会)通过/g },
  { value: "issued", re: /印发|出台|颁布|下发|(?<![会])发布(?!会)/g },
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

/** The claims of one clause (a stretch between ，；。 marks). */
export function clauseClaims(clause: string): ClauseClaims {
  const words: ClauseClaims["words"] = {};
  const statuses = classes(clause, STATUS, words, "status");
  const status: Status | null = statuses.includes("planned") ? "planned" : statuses.includes("ongoing") ? "ongoing" : statuses.includes("done") ? "done" : null;
  const negs = [...clause.matchAll(NEGATION)];
  if (negs.length) words["negation"] = negs.map((m) => m[0]).join("、");
  return {
    status,
    negations: negs.length,
    modality: classes(clause, MODALITY, words, "modality"),
    scope: classes(clause, SCOPE, words, "scope"),
    approvals: classes(clause, APPROVAL, words, "approval"),
    words,
  };
}

/** Chinese names of the classes, for the writer. */
export const CLASS_LABELS: Record<string, string> = {
  planned: "计划中", ongoing: "正在进行", done: "已完成",
  permit: "允许", encourage: "鼓励", should: "应当", must: "必须", forbid: "禁止",
  partial: "部分", basic: "基本", initial: "初步", full: "全部/全面",
  reviewed: "经审议", agreed: "经同意", approved: "经批准", instructed: "有批示", passed: "已通过", issued: "已印发",
};

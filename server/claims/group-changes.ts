/**
 * One group of clauses about the same thing, compared claim by claim: status, negation, modality and
 * scope, each change strong (refused) or weak (a flag for the writer). See docs/claims.md.
 */
import type { Clause } from "./clauses.ts";
import { eventUnnegated, namedLacks, negatedPredicateIn, negatedThenDone } from "./negation-events.ts";
import { CLASS_LABELS, DEFINITE_NEGATION, type ClauseClaims, type Modality, type Scope, type Status } from "./markers.ts";
import type { CompareOptions, TracedChange } from "./compare-options.ts";
import { CLAIM_KIND_LABELS } from "./types.ts";
import { placeChanges } from "./places.ts";
import { bodyChanges } from "./bodies.ts";

const label = (v: string | null) => (v ? CLASS_LABELS[v] ?? v : "（无）");
const labels = (vs: string[]) => vs.map(label).join("、") || "（无）";
export const wordOf = (c: ClauseClaims, key: string) => c.words[key] ?? "";

/**
 * What a group of clauses claims together: the union of statuses, modalities and scopes, the sum of negations; the
 * flags (explicitDone, planByTimeOnly, perfective, strayDone) mean what they mean on one clause (markers.ts).
 */
interface Side extends Pick<ClauseClaims, "explicitDone" | "planByTimeOnly" | "perfective" | "strayDone" | "negations" | "negatedParts"> {
  text: string;
  statuses: Set<Status>;
  /** Some clause states no status: plain narration, which in a report of the work done reads as done. */
  narration: boolean;
  modality: Set<Modality>;
  scope: Set<Scope>;
  /** Scopes said only weakly (都, 均, 一些), which a rewrite may add or drop. */
  weakScope: Set<Scope>;
  word: (key: string) => string;
  negationWords: string;
  /** A time still to come or a hedge (下月, 年底前, 可能, 需): the clause does not say the work happened. */
  future: boolean;
  /** Its plan comes only from a list's lead clause (clauses.ts `led`): read from the structure. */
  ledPlan: boolean;
}

export const FUTURE_OR_HEDGE = /(?<!截至|截止|到|去|上|前)(?:月底|年底|月初|年初)|(?<!已于?[^，。；]{0,6})(?:周[一二三四五六日末]|礼拜[一二三四五六天]|星期[一二三四五六日天]|[\d一二三四五六七八九十]+[号日])前|年后|节后|过段时间|过一段时间|适时|才能|才可以|得等|等到|回头|改天|过两天|过几天|到时候|再(?=[\u4e00-\u9fff])(?!次|度|也|就|一次)|估计|估摸|预计|(?<!(?:去年|之前|原来|当时|以前|上次|原先)[^，。；]{0,4})(?:说是|说|听说)要|明年|来年|下一?步|今后|(?<![来了完到好过])(?<!了[^，。；]{0,8})以后|下个?月|下周|下阶段|下半年|年底前|月底前|年内|近期|可能|需要|需|待|将|要是|如果|假如|若|的话|如属实|也得|还得|还要|后再|想办法|打算|准备|争取|力争/;

function sideOf(clauses: Clause[], options: CompareOptions): Side {
  const statuses = new Set<Status>();
  let narration = false;
  for (const c of clauses) {
    const own = c.claims.statuses.length === 0 && options.impliedPlan ? ["planned" as const] : c.claims.statuses;
    if (own.length === 0) narration = true;
    for (const s of own) statuses.add(s);
  }
  const scopes = new Set(clauses.flatMap((c) => c.claims.scope));
  const modality = new Set(clauses.flatMap((c) => c.claims.modality));
  // Encouraging something permits it: 可以……，我们鼓励 → 鼓励 says no less.
  if (modality.has("encourage")) modality.add("permit");
  return {
    text: clauses.map((c) => c.text).join("，"),
    statuses,
    narration,
    explicitDone: clauses.some((c) => c.claims.explicitDone),
    planByTimeOnly: statuses.has("planned") && clauses.every((c) => !c.claims.statuses.includes("planned") || c.claims.planByTimeOnly),
    perfective: clauses.some((c) => c.claims.perfective),
    strayDone: clauses.some((c) => c.claims.strayDone),
    negations: clauses.reduce((n, c) => n + c.claims.negations, 0),
    negatedParts: clauses.reduce((n, c) => n + c.claims.negatedParts, 0),
    modality,
    scope: scopes,
    weakScope: new Set([...scopes].filter((v) => clauses.every((c) => !c.claims.scope.includes(v) || c.claims.weakScope.includes(v)))),
    word: (key) => clauses.map((c) => wordOf(c.claims, key)).find(Boolean) ?? "",
    negationWords: clauses.map((c) => c.claims.words.negation).filter(Boolean).join("、"),
    future: clauses.some((c) => FUTURE_OR_HEDGE.test(c.text)),
    ledPlan: statuses.has("planned") && clauses.every((c) => !c.claims.statuses.includes("planned") || !!c.led),
  };
}

const minus = <T,>(a: Set<T>, b: Set<T>) => [...a].filter((x) => !b.has(x));

/** The status change of a group, or null: see docs/claims.md for when plain narration and 已 are one claim. */
function statusChange(b: Side, a: Side): { removed: Status[]; added: Status[]; weak: boolean; rule: string } | null {
  let added = minus(a.statuses, b.statuses);
  let removed = minus(b.statuses, a.statuses);
  // Narration that says the work happened (搞了, 招了) reads as done, so 已 or 完成 may be added to it;
  // a bare statement (开展反诈宣传12次) gains a claim from 已, and a 已 with no verb after it is no rewording.
  // Not so where the note waits or guesses (估计得等镇里定了方案才能弄), or where work it leaves pending loses that status.
  const lostPending = PENDING.some((s) => b.statuses.has(s) && !a.statuses.has(s));
  if ((b.statuses.has("done") || (b.narration && b.perfective && !b.future)) && !a.strayDone && !lostPending) added = added.filter((s) => s !== "done");
  // 已 or 完成 may be dropped: narration still reads as done.
  if (a.narration || a.statuses.has("done") || removed.some((s) => s !== "done" && s !== "notdone")) removed = removed.filter((s) => s !== "done");
  // "Not done" is what a negation says, and the negations are compared as such: it is a status change
  // of its own only against an outright 已 or 完成 (尚未完成 → 已经完成, not 没出命案 → 发生命案).
  if (!a.explicitDone) removed = removed.filter((s) => s !== "notdone");
  if (!b.explicitDone) added = added.filter((s) => s !== "notdone");
  // What is in progress is not done yet: 还剩4个 → 剩余4个正在建设中.
  if (b.statuses.has("notdone")) added = added.filter((s) => s !== "ongoing");
  if (a.statuses.has("notdone")) removed = removed.filter((s) => s !== "ongoing");
  // What is planned is not done either: 还有2所说开学后再去 → 另有2所计划开学后开展.
  if (b.statuses.has("notdone")) added = added.filter((s) => s !== "planned");
  if (a.statuses.has("notdone")) removed = removed.filter((s) => s !== "planned");
  if (added.length === 0 && removed.length === 0) return null;
  const strong = strongStatusChange(b, a, added, removed);
  return { removed, added, weak: !strong, rule: strong ?? "weak" };
}

const PENDING: Status[] = ["planned", "ongoing", "notdone"];
// A time with 已 right after it, or with the work said completed (于月底完成了抽查): a time to come said past.
const TIME_THEN_DONE = /(?:明年|来年|下一?步|今后|以后|下个?月|下周|下阶段|年底前|月底前|年内|近期|月底|年底)(?:前|内|底)?(?:已经|已|[^，。；]{0,2}完成了)/;
const PROMISE = /答应|承诺|保证|表态|愿意|同意(?=[\u4e00-\u9fff])/;

/**
 * A status change is strong evidence when work crosses into or out of "done": a plan, work in progress
 * or work not finished said to be done, or done work said to be planned or unfinished; and a plan
 * told as narration that happened (拟开展培训 → 开展了培训). The rest (正在 added or dropped, a plan marker
 * put on a future, 已 added to a bare statement) is a flag for the writer.
 */
function strongStatusChange(b: Side, a: Side, added: Status[], removed: Status[]): string | null {
  if (added.includes("done") && PENDING.some((s) => b.statuses.has(s) && !a.statuses.has(s))) return "pending-done";
  // Something still to come or only supposed (放在下周二, 要是的话也得处理) said to have happened.
  if (added.includes("done") && b.future && !a.future) return "future-done";
  // What someone undertook to do said as done (她答应交出来 → 已交出), unless the undertaking is kept (已答应上交).
  const promise = PROMISE.exec(b.text)?.[0];
  if (added.includes("done") && promise && !a.text.includes(promise)) return "promise-done";
  // Work pending told as narration that happened (正在协调 → 协调解决了).
  if (removed.some((s) => PENDING.includes(s)) && !PENDING.some((s) => a.statuses.has(s)) && a.perfective && !a.future) return "pending-narrated";
  // A 已 with no verb after it states nothing that happened: a word out of place, not a rewording.
  if (added.includes("done") && a.strayDone) return "stray-done";
  // A plan kept only as a time to come, with 已 beside it (明年已补充), is a plan said to be done.
  if (added.includes("done") && b.statuses.has("planned") && a.planByTimeOnly) return "timeplan-done";
  if (removed.includes("done") && PENDING.some((s) => a.statuses.has(s) && !b.statuses.has(s))) return "done-pending";
  // Work in progress said to be only planned (还在做 → 计划开展): it had started, and the new text says it has not.
  if (removed.includes("ongoing") && added.includes("planned") && !a.statuses.has("ongoing") && !b.future) return "ongoing-planned";
  // A time to come with 已 right after it (年底前已实现, 明年已补充): the work the note put in the future said done.
  if (added.includes("done") && b.future && TIME_THEN_DONE.test(a.text) && !TIME_THEN_DONE.test(b.text)) return "timeplan-done";
  // A plan dropped leaves narration, which in a report reads as done (准备组织培训 → 组织培训), unless the
  // new text still speaks of a time to come or hedges (考核办法可能调整).
  // A plan read only from a list's lead is weaker evidence: a restructuring may number the lead's items
  // as siblings of it (……方针：A；B → 二是……方针：A；三是B), and the structure, not a word, changed.
  if (removed.includes("planned") && !a.future && !b.ledPlan && [...a.statuses].every((s) => s === "done")) return "plan-dropped";
  // Work done said to be planned (搞了两次 → 计划开展2次), unless the original already spoke of what is to
  // come (年底前想办法再推一推 → 计划年底前继续推动, 回头再跑一趟 → 拟再次上门).
  if (added.includes("planned") && !b.future && !a.ledPlan && [...b.statuses].every((s) => s === "done")) return "done-planned";
  // Work the note tells as done (剩下的都分给各部门了) said to be under way (正在分流交办).
  if (added.includes("ongoing") && b.narration && b.perfective && !b.future && [...b.statuses].every((s) => s === "done") && !a.statuses.has("done") && !a.narration) return "done-ongoing";
  return null;
}

/** The differences of two groups of clauses about the same thing. */
export function groupChanges(bClauses: Clause[], aClauses: Clause[], options: CompareOptions): TracedChange[] {
  const out: TracedChange[] = [];
  const b = sideOf(bClauses, options);
  const a = sideOf(aClauses, options);
  const base = { beforeText: b.text, afterText: a.text };
  // A lack said either way is one negation: 老说没信号 → 信号问题, 缺乏人手 → 人手不足.
  const lackB = namedLacks(a.text, b.text);
  const lackA = namedLacks(b.text, a.text);
  b.negations += lackB;
  b.negatedParts += lackB;
  a.negations += lackA;
  a.negatedParts += lackA;
  const negationChanged = b.negations !== a.negations;
  const undone = negatedThenDone(b.text, a.text);
  if (undone) out.push({ rule: "negation:undone", kind: "negation", ...base, before: undone.before, after: undone.after, message: `原文是否定（“${undone.before}”），改后成了已完成（“${undone.after}”）` });
  const status = statusChange(b, a);
  if (status) {
    const bs = [...b.statuses];
    const as = [...a.statuses];
    out.push({
      rule: `status:${status.rule}`, kind: "status", ...base,
      before: status.removed.map((s) => b.word(`status:${s}`)).filter(Boolean).join("、") || bs.map((s) => b.word(`status:${s}`)).filter(Boolean).join("、"),
      after: status.added.map((s) => a.word(`status:${s}`)).filter(Boolean).join("、") || as.map((s) => a.word(`status:${s}`)).filter(Boolean).join("、"),
      message: `进度状态由“${labels(bs)}”变为“${labels(as)}”`,
      ...(status.weak ? { weak: true } : {}),
    });
  }
  if (negationChanged) {
    const message =
      a.negations === 0 ? `原文是否定（“${b.negationWords}”），改后成了肯定`
      : b.negations === 0 ? `原文是肯定，改后加了否定（“${a.negationWords}”）`
      : `否定由${b.negations}处（“${b.negationWords}”）变为${a.negations}处（“${a.negationWords}”）`;
    // A definite negation (不, 没, 未, 无, 缺, 拒, 扑空, 失联, 难以) present on one side and absent on the other
    // is strong evidence, for the same event only: the other side speaks of what was negated (未签字 →
    // 已签字, 未发现 → 发现). Where it does not, the negation was said in other words (一个都没落下 → 实现
    // 全覆盖, 离不开 → 得益于). A shortfall or a wait (薄弱, 滞后, 难度大, 尚需, 待) is an evaluation, and
    // more or fewer negations on the same side of yes and no is wording: flags.
    const definite = (words: string, lacks: number) => words.split("、").filter((w) => DEFINITE_NEGATION.test(w)).length + lacks;
    const bd = definite(b.negationWords, lackB);
    const ad = definite(a.negationWords, lackA);
    const polarity = (bd === 0) !== (ad === 0);
    // The other side states what was negated (its predicate), or, where the note negates and the rewrite
    // says the matter is done outright (找不到人 → 已取得联系), claims it achieved.
    const sameEvent = polarity && (bd > 0 ? negatedPredicateIn(bClauses, a.text) || (a.explicitDone && !b.explicitDone) : negatedPredicateIn(aClauses, b.text) || (b.explicitDone && !a.explicitDone));
    // What is still being done is not done yet: 还没整完 → 尚在整理中 keeps the not-yet in its aspect.
    // 仍有新增人员 says something exists, not that work is pending: 没有新增人员 → 仍有新增人员 is a flip.
    const notYet = (x: Side) => x.statuses.has("notdone") && !/^(?:仍有|还有|尚有)$/.test(x.word("status:notdone"));
    const pendingSide = (x: Side) => notYet(x) || x.statuses.has("ongoing");
    const bothNotDone = (notYet(b) && pendingSide(a)) || (notYet(a) && pendingSide(b));
    // On the same side of yes and no, one event may still lose its negation (没有贯通、不统一 → 贯通、不统一).
    const unnegated = !polarity && (eventUnnegated(bClauses, aClauses) || eventUnnegated(aClauses, bClauses));
    const strong = ((polarity && sameEvent) || unnegated) && !bothNotDone;
    const rule = polarity ? `negation:flip${sameEvent ? "" : "-other"}` : (b.negations === 0) !== (a.negations === 0) ? "negation:flip-soft" : b.negatedParts !== a.negatedParts ? "negation:parts" : "negation:count";
    out.push({ rule, kind: "negation", ...base, before: b.negationWords, after: a.negationWords, message, ...(strong ? {} : { weak: true }) });
  }
  for (const dim of ["modality", "scope"] as const) {
    let added = minus(a[dim] as Set<string>, b[dim] as Set<string>);
    let removed = minus(b[dim] as Set<string>, a[dim] as Set<string>);
    const replaced = added.length > 0 && removed.length > 0;
    if (dim === "scope") {
      // 都 and 均 add or drop "all", 一些 "some", without saying what a word for it (全部, 部分) would;
      // only in place of nothing, never beside another scope that changed.
      // Loose amounts are weak too, but turning one into its opposite (不少 → 较少) is a change.
      const opposite = (x: string[], y: string[]) => (x.includes("many") && y.includes("few")) || (x.includes("few") && y.includes("many"));
      const swapped = opposite(added, removed);
      // All put in place of a part or most, or the reverse (基本上是 → 均为, 都 → 部分), however weakly either is said.
      const full = (x: string[], y: string[]) => x.includes("full") && y.some((v) => LIMITING.has(v));
      const narrowed = full(added, removed) || full(removed, added);
      // A part put in place of most, or most in place of a part (一小半 → 大半), however weakly either is said.
      const minority = (x: string[]) => x.includes("partial") || x.includes("few");
      const majority = (x: string[]) => x.includes("most") || x.includes("many");
      const reversed = (minority(added) && majority(removed)) || (majority(added) && minority(removed));
      const keep = (v: string) => (swapped && (v === "many" || v === "few")) || (narrowed && (v === "full" || LIMITING.has(v))) || (reversed && v !== "full");
      // A limit said weakly (差不多都建了) dropped beside an all said outright (已全部建立) widens the claim.
      const widened = (v: string) => v === "basic" && a.scope.has("full") && !a.weakScope.has("full");
      added = added.filter((s) => !a.weakScope.has(s as Scope) || keep(s));
      removed = removed.filter((s) => !b.weakScope.has(s as Scope) || keep(s) || widened(s));
    }
    if (added.length === 0 && removed.length === 0) continue;
    // Under a negation or a not-yet the direction of a scope turns round: a limit added to what has not
    // been done (村里的还没排起来 → 部分村尚未排班) says that the rest has been, which the note does not.
    const negated = (s: Side) => s.negations > 0 || s.statuses.has("notdone");
    // Only where the note names no subset of its own: 有几本不全 → 部分……不完整 counts some already.
    const limitUnderNegation = dim === "scope" && removed.length === 0 && added.some((s) => LIMITING.has(s)) && negated(b) && negated(a) && !COUNTED.test(b.text);
    const strong = replaced || limitUnderNegation || (dim === "scope" ? strongScopeChange(added, removed) : strongModalityChange(added, removed));
    const bv = [...(b[dim] as Set<string>)].sort();
    const av = [...(a[dim] as Set<string>)].sort();
    out.push({
      rule: `${dim}:${added.length ? "added" : "removed"}`, kind: dim, ...base,
      before: bv.map((v) => b.word(`${dim}:${v}`) || v).join("、"), after: av.map((v) => a.word(`${dim}:${v}`) || v).join("、"),
      message: `${CLAIM_KIND_LABELS[dim]}由“${labels(bv)}”变为“${labels(av)}”`,
      ...(strong ? {} : { weak: true }),
    });
  }
  out.push(...placeChanges(b.text, a.text, options.unit), ...bodyChanges(b.text, a.text));
  return out;
}


/** A count of things (3个, 几本, 两户): a subset named by its number. */
const COUNTED = /(?:\d|[一二两三四五六七八九十百千万几数])[\u4e00-\u9fff]?(?:个|本|件|名|家|户|处|所|村|镇|起|条|位|项|次|批|人|份)/;

/** Scopes that limit a claim (部分, 基本, 初步, 较少, 大部分): dropping one widens it. */
const LIMITING = new Set(["partial", "basic", "initial", "few", "most"]);

/**
 * A scope change is strong evidence when the claim is widened or replaced: a scope put in place of
 * another (都 → 部分, said weakly or not), a limit dropped (基本建成 → 建成), or 全部/较多 said where the original said nothing. A limit added where
 * the original said none (大半 → 大部分, 几本 → 部分) or 全部 left out says no more than the original: a flag.
 */
function strongScopeChange(added: string[], removed: string[]): boolean {
  return removed.some((s) => LIMITING.has(s)) || added.some((s) => !LIMITING.has(s));
}

/**
 * A modality change is strong evidence when one is put in place of another or added (可以 → 必须), or
 * when a hedge, a permission, an encouragement or a ban is dropped (疑似 → 是, 鼓励试点 → 推开): the
 * claim becomes certain or the rule goes. An obligation left out (须每周报到 → 每周报到) or a hedge
 * added where nothing was put in its place (偷电瓶的 → 涉嫌盗窃电瓶人员) says less: a flag.
 */
function strongModalityChange(added: string[], removed: string[]): boolean {
  // A modality added where the note had none (周五前要报 → 须于周五前报送, 让他们改了 → 已要求其修改) says how
  // the note's own words bind: a flag. Put in place of another (可以 → 必须) it is refused (`replaced`, above).
  if (removed.length === 0) return false;
  return removed.some((m) => m !== "must" && m !== "should");
}

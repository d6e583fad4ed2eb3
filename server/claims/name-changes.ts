/**
 * Names a rewrite may neither add nor drop: people, places, units, projects and documents
 * (server/claims/names.ts), agencies named by their line of work (市场监管部门), and offices and levels
 * (副县长, 市级). Compared over the whole text, since a rewrite may move a name between clauses.
 */
import { tag } from "../text/segment.ts";
import type { NameLists } from "../text/names.ts";
import { abbreviates, extractNames, unitNames, type Name } from "./names.ts";
import type { ClaimChange } from "./types.ts";

type Traced = ClaimChange & { rule?: string };

/** What a name check needs of a clause: its words. */
interface Clause {
  text: string;
}

// Full-width and half-width forms of one name are one name: （试行） and (试行) name the same document.
const key = (s: string) => s.normalize("NFKC");

/** The text holds a short form of the name: its first and last characters and some between (县局 for 县公安局). */
function shortFormIn(name: string, text: string): boolean {
  const last = name[name.length - 1];
  for (let k = text.indexOf(last); k >= 0; k = text.indexOf(last, k + 1)) {
    for (let len = 2; len < name.length && len <= k + 1; len++) {
      const sub = text.slice(k - len + 1, k + 1);
      if (sub[0] === name[0] && abbreviates(sub, name)) return true;
    }
  }
  return false;
}

function known(name: Name, others: Name[], allowed: string[], text: string): boolean {
  const n = key(name.text);
  const bare = n.replace(/^[“《]|[”》]$/g, "");
  return (
    key(text).includes(bare) ||
    (name.kind === "unit" && shortFormIn(bare, key(text))) ||
    (name.kind === "unit" && new RegExp(`[县市区省]${bare[bare.length - 1]}(?![\u4e00-\u9fff]{0,1}长)`).test(text) && /^(?:[县市区省]|公安|检察|法|司法)/.test(bare)) ||
    others.some((o) => abbreviates(n, key(o.text)) || abbreviates(key(o.text), n)) ||
    allowed.some((u) => u === bare || abbreviates(bare, u))
  );
}

export function clauseWith(clauses: Clause[], s: string): string {
  const bare = s.replace(/^[“《]|[”》]$/g, "");
  return clauses.find((c) => c.text.includes(bare))?.text ?? "";
}

const NAME_KINDS: Record<Name["kind"], string> = { person: "人名", place: "地名", unit: "单位名", project: "项目或文件名" };

export interface NameContext {
  /** The writing unit: it and its superiors may always be named. */
  unit?: string;
  /** Further names that are always allowed (the guiding thought's formulations, stock phrasing). */
  allowed?: string[];
  /** Surnames and name endings; default: the built-in lists. */
  names?: NameLists;
}

const LOCAL_BODY = /(街道办事处|街道办|居委会|村委会|水利站|财政所|农经站|城管中队|执法中队|禁毒办|综治办|信访办)/g;
// A school named by its level and number (县一中, 市十一中): a rewrite that lists one more names another body.
// The level is required: 二中全会 is a plenum.
const SCHOOL = /(?<![统唯同之万第其归])([县市区])([一二三四五六七八九十]{1,3}中)(?![心央国华间期文共断止途层部标小学全])/g;
const AGENCY = /([\u4e00-\u9fff]{2})(部门|机关)/g;
const GENERIC_AGENCY = /^(?:县直|市直|区直|省直|镇直|直属|所属|交办|承办|主办|协办|办理|移交|相关|有关|职能|主管|责任|行业|执法|业务|其他|上级|党政|各级|成员|牵头|配合|协作|涉及|属地|工作|政府|国家|部分|一些|有些|个别|少数|多数|全部|所有|各个|多个|若干)$/;

// Who took part is named by office and level too: 副县长 is not 县长, a 市级 honour not a 省级 one, and
// 县级领导包案 claims more than 包案人. Generic references (负责同志, 领导, 负责人) name no office.
const TITLE = /(?:常务)?副?(?:[县市区镇乡省州村]长|(?:[县市区镇乡省]委|党委|党支部|支部)?(?:副)?书记|主任|局长|所长|院长|检察长|庭长|部长|主席|政委|站长|队长|科长|处长|组长|校长)/g;
const LEVEL = /(国家|[省市县区镇乡])级/g;
const QUALIFIED = /(分管[\u4e00-\u9fff]{1,6}?的?|常务|第一|专职)(副?(?:[县市区镇乡省州]长|(?:[县市区镇乡省]委|党委)?书记|主任|局长|院长|检察长))/g;

/** Offices and levels the new text names that the original does not (a level is known when the original names that place at all: 县里 → 县级). */
function rankChanges(beforeText: string, afterText: string, after: Clause[], allowed: string[]): Traced[] {
  const out: Traced[] = [];
  const bodies = [...allowed, ...[...beforeText.matchAll(/[县市区镇乡省]委|党委|党支部|支部/g)].map((m) => m[0])];
  // 支书 is the short form of (党)支部书记.
  const titles = new Set([...beforeText.replace(/支书/g, "党支部书记").matchAll(TITLE)].map((m) => m[0]));
  for (const m of new Set([...afterText.matchAll(TITLE)].map((m) => m[0]))) {
    if (titles.has(m) || [...titles].some((t) => t.endsWith(m) && !/副/.test(t.slice(0, t.length - m.length)))) continue;
    // The same office with its body in front, where the original names that body (书记 beside 县委常委会 → 县委书记).
    if ([...titles].some((t) => m.endsWith(t) && m.length > t.length && !/副/.test(m.slice(0, m.length - t.length)) && bodies.some((b) => b === m.slice(0, m.length - t.length)))) continue;
    out.push({ rule: "name:title", kind: "name", before: "", after: m, beforeText: "", afterText: clauseWith(after, m), message: `新增或改变了职务“${m}”` });
  }
  // Which holder of an office (常务副县长, 分管政法的副县长, 第一书记) is part of the office: a qualifier the
  // original does not give names another person.
  for (const m of afterText.matchAll(QUALIFIED)) {
    if (beforeText.includes(m[1].replace(/(?:工作)?的?$/, ""))) continue;
    out.push({ rule: "name:title", kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增或改变了职务“${m[0]}”` });
  }
  for (const m of afterText.matchAll(LEVEL)) {
    if (beforeText.includes(m[1] === "国家" ? "国家" : m[1])) continue;
    out.push({ rule: "name:level", kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增或改变了层级“${m[0]}”` });
  }
  return out;
}

// A body named by its level and its line of work (县卫健局, 市法律援助中心, 县医调委, 县局; not 片区的派出所), which the
// name finder may not list; and a firm named by its trade (移动公司).
// Not another county's (邻县学习其综治中心), nor a phrase with a function word inside (县里和镇的中心).
const LEVEL_UNIT = /(?<![全各本该邻外两每周])(?!(?<=[片城社小辖园景])区)([县市区省州])((?![里内级城域直])(?:(?![其的和与及在到把对向从])[\u4e00-\u9fff]){0,6}?(?:局|委|中心|所|院|庭|队|站))(?![\u4e00-\u9fff]{0,1}(?:长|书记|主任))/g;
const FIRM = /([\u4e00-\u9fff]{2})公司/g;

/**
 * Bodies named by level and line of work that the original does not name: one at another level
 * (县法援中心 → 市法律援助中心) or of another line (县医调委 → 县卫健局). The same body said in short
 * (县局 for 县公安局, 法援 for 法律援助) is the same.
 */
function levelUnits(beforeText: string, afterText: string, after: Clause[], allowed: string[], found: Traced[]): Traced[] {
  const out: Traced[] = [];
  const before = [...beforeText.matchAll(LEVEL_UNIT)].map((m) => ({ level: m[1], body: m[2] }));
  const same = (x: string, y: string) => abbreviates(x, y) || abbreviates(y, x);
  for (const m of afterText.matchAll(LEVEL_UNIT)) {
    const [whole, level, body] = m;
    if (beforeText.includes(whole) || allowed.some((u) => same(whole, u)) || found.some((c) => c.after.includes(whole) || whole.includes(c.after))) continue;
    if (before.some((b) => b.level === level && same(b.body, body))) continue;
    const other = before.find((b) => same(b.body, body));
    if (other) out.push({ rule: "name:level", kind: "name", before: other.level + other.body, after: whole, beforeText: "", afterText: clauseWith(after, whole), message: `单位层级由“${other.level}”变为“${level}”（“${whole}”）` });
    else if (!beforeText.includes(body) && body.length > 1) out.push({ rule: "name:added-unit", kind: "name", before: "", after: whole, beforeText: "", afterText: clauseWith(after, whole), message: `新增了单位名“${whole}”` });
  }
  for (const m of afterText.matchAll(FIRM)) {
    if (beforeText.includes(m[1])) continue;
    out.push({ rule: "name:firm", kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增了单位名“${m[0]}”` });
  }
  return out;
}

/** A place's front and its ending (社区, 镇, 村 …) both occur in the other text, apart. */
function partsKept(place: string, text: string): boolean {
  const ending = /(?:社区|街道|[镇乡村县区市])$/.exec(place)?.[0];
  if (!ending) return false;
  const front = place.slice(0, place.length - ending.length);
  return front.length >= 2 && text.includes(front) && text.includes(ending);
}

export function nameChanges(beforeText: string, afterText: string, before: Clause[], after: Clause[], ctx: NameContext, dropped: boolean, dropIsDetail = false): Traced[] {
  const allowed = [...(ctx.unit ? unitNames(ctx.unit) : []), ...(ctx.allowed ?? [])];
  const bn = extractNames(beforeText, ctx.names);
  const an = extractNames(afterText, ctx.names);
  const out: Traced[] = [];
  for (const n of an) {
    if (known(n, bn, allowed, beforeText)) continue;
    out.push({ rule: `name:added-${n.kind}`, kind: "name", before: "", after: n.text, beforeText: "", afterText: clauseWith(after, n.text), message: `新增了${NAME_KINDS[n.kind]}“${n.text}”` });
  }
  // An agency named by its line of work (市场监管部门, 公安机关) is a party to the work too: a rewrite may
  // bring in none that the original does not mention (文旅 → 文旅部门 is the same one; 相关部门 names none).
  for (const m of afterText.matchAll(AGENCY)) {
    if (/[等个家类些][\u4e00-\u9fff]?$|^[\d一二两三四五六七八九十几多各]/.test(m[1])) {
      // A count or a list of them (公安、交通、自然资源四个部门; 法律服务等部门): each line of work listed is one.
      const list = (afterText.slice(0, m.index).split(/[，。；：:,;]/).pop() ?? "") + m[1];
      for (const item of list.replace(/[\d一二两三四五六七八九十几多各]+个?$|等$/, "").split(/[、和及与]/)) {
        const line = item.replace(/^(?:从|对|抽查|抽取|会同|联合|协调|组织)+/, "");
        // The list's first item may carry the verb before it (需要住建、人社等部门): the line is its end.
        const said = [...line].some((_, k) => line.length - k >= 2 && beforeText.includes(line.slice(k)));
        // A line of work is a noun: not a stretch of the sentence before the count (但有几个部门, 排名靠后的两个部门).
        const head = tag(line)[0]?.tag ?? "";
        if (line.includes("的") || /^(c|d|p|r|u|v)/.test(head)) continue;
        if (line.length >= 2 && line.length <= 6 && !said && !GENERIC_AGENCY.test(line)) out.push({ rule: "name:agency", kind: "name", before: "", after: line, beforeText: "", afterText: clauseWith(after, m[0]), message: `新增了单位名“${line}”` });
      }
      continue;
    }
    if (GENERIC_AGENCY.test(m[1]) || beforeText.includes(m[1])) continue;
    out.push({ rule: "name:agency", kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增了单位名“${m[1]}${m[2]}”` });
  }
  // Grass-roots bodies the name finder does not list (街道办, 居委会, 水利站): a rewrite may bring in none
  // the original does not mention by that word.
  for (const m of afterText.matchAll(LOCAL_BODY)) {
    if (beforeText.includes(m[1]) || (m[1] === "街道办" && beforeText.includes("街道"))) continue;
    out.push({ rule: "name:body", kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增了单位名“${m[0]}”` });
  }
  for (const m of afterText.matchAll(SCHOOL)) {
    if (beforeText.includes(m[2])) continue;
    out.push({ rule: "name:school", kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增了单位名“${m[0]}”` });
  }
  out.push(...levelUnits(beforeText, afterText, after, allowed, out));
  out.push(...rankChanges(beforeText, afterText, after, allowed));
  if (dropped) {
    for (const n of bn) {
      if (known(n, an, allowed, afterText)) continue;
      // A shortening may leave out who took part: a detail dropped, shown to the writer, not a changed claim.
      // A place read across two words whose parts both stay (社区戒毒社区康复 → 社区戒毒、社区康复: 戒毒 and 社区)
      // is no evidence that a place was dropped: the segmenter's span, not the rewrite, made it a name.
      const kept = n.kind === "place" && partsKept(n.text, afterText);
      out.push({ rule: `name:dropped-${n.kind}`, kind: "name", before: n.text, after: "", beforeText: clauseWith(before, n.text), afterText: "", message: `删去了${NAME_KINDS[n.kind]}“${n.text}”`, ...(dropIsDetail || kept ? { weak: true } : {}) });
    }
  }
  return out;
}

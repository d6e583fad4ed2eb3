/**
 * Proper names a sentence commits to: people, places, units and named projects or documents. A
 * rewrite that adds one invents a participant; one that drops one loses who did the work. The names are
 * found by server/text/names.ts (its organ and place rule, and quotes); the judgement here is which
 * quotes name a project (“雪亮工程”, 《实施方案》) rather than a stock formulation.
 */
import { findNames, unitParts, type NameLists } from "../text/names.ts";
import { loadNameList } from "../lists/names.ts";

export type NameKind = "person" | "place" | "unit" | "project";

export interface Name {
  text: string;
  kind: NameKind;
}

/** The proper names of a text, each once: quoted documents, then quoted projects, then the others, each in order of first appearance. */
export function extractNames(text: string, lists: NameLists = loadNameList()): Name[] {
  const docs: Name[] = [];
  const quoted: Name[] = [];
  const others: Name[] = [];
  for (const n of findNames(text, lists, ["quote", "rule"])) {
    if (n.by === "quote") {
      const inner = n.text.slice(1, -1);
      if (n.text.startsWith("《") && inner.length >= 2 && inner.length <= 40) docs.push({ text: n.text, kind: "project" });
      // “两个维护”, “四个意识”: numbered formulations are stock phrasing, checked by the figure rules.
      else if (n.text.startsWith("“") && inner.length >= 2 && inner.length <= 12 && !/[一二三四五六七八九十两]个|[0-9]/.test(inner)) {
        quoted.push({ text: n.text, kind: "project" });
      }
    } else if (n.kind === "person" || n.kind === "place" || n.kind === "unit") {
      // A segmenter's place or person that opens with a marker or function word (拟待县) names nothing.
      if (n.kind !== "unit" && /^[拟待将把被从于的了已未没不在对向和与及或并要可应须]/.test(n.text)) continue;
      others.push({ text: n.text, kind: n.kind });
    }
  }
  const out: Name[] = [];
  for (const n of [...docs, ...quoted, ...others]) if (!out.some((o) => o.text === n.text)) out.push(n);
  return out;
}

/** True when `short` is `long` or an abbreviation of it: its characters in order, ending the same (县法院 ⊂ 西山县人民法院). */
export function abbreviates(short: string, long: string): boolean {
  if (long.includes(short)) return true;
  if (short.length < 2 || short[short.length - 1] !== long[long.length - 1]) return false;
  let j = 0;
  for (const ch of long) if (ch === short[j]) j++;
  return j === short.length;
}

/**
 * Names a unit may always use of itself and of those above it: 西山县委政法委 → 西山县, 西山, 县委,
 * 县委政法委, 全县, 市委, 市委政法委, 省委, 中央政法委, 党中央 … (its superiors are named by its level).
 */
export function unitNames(unit: string): string[] {
  const out = new Set<string>([unit]);
  const { place: base, level: kind } = unitParts(unit);
  const levels = ["县", "区", "市", "州", "旗", "省"];
  if (kind) {
    if (base) {
      out.add(`${base}${kind}`);
      if (base.length >= 2) out.add(base);
      out.add(`${base}${kind}委`);
      out.add(`${base}${kind}委政法委`);
    }
  }
  for (const k of levels) for (const org of ["委", "委政法委", "政府", "委政法委员会", "人大常委会", "政协"]) out.add(`${k}${org}`);
  for (const k of ["党中央", "中央", "中央政法委", "国务院", "上级党委", "上级政法委", "党委", "政府"]) out.add(k);
  return [...out];
}

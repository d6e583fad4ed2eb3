/**
 * 一是……；二是……。: the one way the drafting engine and the offline rewrite write items in a
 * paragraph. Items end with ；, the last with 。; an item of several sentences keeps them as clauses.
 * A text already in 一是/二是 form is left as it is, a lead sentence (one ending in ：, or a general
 * line before items that carry the facts) stays in front, and each item keeps its own words, so a plan
 * stays a plan. The enumerator itself is read through text/headings.ts.
 */
import { hasItemMarker, stripEnumerator, stripItemMarker } from "./headings.ts";
import { chineseOrdinal } from "./numerals.ts";

/** Items as one run: "一是A；二是B；三是C。" (an item's own end marks dropped, inner 。 made ，). */
export function enumerateItems(items: string[]): string {
  // A last item that announces what follows the paragraph (…总结如下：) keeps its colon instead of the 。.
  const announces = /[：:]\s*$/.test(items[items.length - 1] ?? "");
  const body = items
    .map((it) => stripEnumerator(it.trim()).replace(/[。；;，,！!？?：:\s]+$/u, "").replace(/[。！？]/g, "，"))
    .filter(Boolean)
    .map((it, i) => `${chineseOrdinal(i + 1)}是${it}`)
    .join("；");
  return body ? `${body}${announces ? "：" : "。"}` : "";
}

/** Pieces of a paragraph at its sentence ends and semicolons, each with its end mark. */
function pieces(line: string): string[] {
  return line.split(/(?<=[。！？；])/).map((x) => x.trim()).filter(Boolean);
}

/** True when the text already enumerates: two or more pieces open with 一是, 二是 … */
export function isEnumerated(text: string): boolean {
  const opened = text.split("\n").flatMap(pieces).filter((p) => stripEnumerator(p) !== p);
  return opened.length >= 2;
}

const HAS_FIGURE = /[0-9０-９]|[一二两三四五六七八九十百千万]+[个次件人名场期处项起户家份所条]/;

/** Lines that read as a list (two or more items with markers or bullets), without their markers; null otherwise. */
export function listItems(text: string): string[] | null {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2 || !lines.every(hasItemMarker)) return null;
  return lines.map((l) => stripItemMarker(l).trim());
}

export interface Enumerated {
  text: string;
  /** Why nothing changed, when nothing did. */
  unchanged?: "enumerated" | "too-few";
}

/**
 * A paragraph or list as 一是/二是: list lines become the items; otherwise its sentences do. A lead
 * stays in front: a line ending in ：, a list's heading line, or a first sentence without a figure
 * before two or more sentences that carry them (the general line a work paragraph opens with).
 */
export function enumerateText(text: string): Enumerated {
  if (isEnumerated(text)) return { text, unchanged: "enumerated" };
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  let lead = "";
  let items = listItems(text);
  if (!items && lines.length >= 3 && !hasItemMarker(lines[0]) && lines.slice(1).every(hasItemMarker)) {
    lead = lines[0];
    items = lines.slice(1).map((l) => stripItemMarker(l).trim());
  }
  if (!items) {
    const all = lines.flatMap((line, n) => pieces(line).map((x, i) => (i === 0 && n > 0 ? stripItemMarker(x) : i === 0 ? stripItemMarker(x) : x)));
    const colon = all.length > 0 ? all[0].search(/[：:][^：:“”《》]*$/) : -1;
    if (colon > 0 && colon < all[0].length - 1) {
      // "重点抓好以下工作：A。B。": the lead ends at its colon, and what follows it is the first item.
      lead = all[0].slice(0, colon + 1);
      all.splice(0, 1, ...pieces(all[0].slice(colon + 1)));
    } else if (all.length >= 3 && (/[：:]$/.test(all[0]) || (!HAS_FIGURE.test(all[0]) && all.slice(1).filter((x) => HAS_FIGURE.test(x)).length >= 2))) {
      lead = all.shift()!;
    }
    items = all.filter(Boolean);
  }
  if (items.length < 2) return { text, unchanged: "too-few" };
  const run = enumerateItems(items);
  const sep = lead && !/[：:。！？]$/.test(lead) ? "。" : "";
  return { text: lead ? `${lead.replace(/[；;，,]$/, "")}${sep}${run}` : run };
}

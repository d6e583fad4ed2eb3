/**
 * Colloquial → formal wording and punctuation for fact text. Shared by fact parsing (key terms are
 * taken from the formal wording) and the offline engine. Never changes a figure: if a replacement
 * would, the text keeps its original words and only the punctuation is normalised.
 */
import { loadWording, type Wording } from "../lists/wording.ts";
import { extractFigures, figureKey } from "./figures.ts";

// One pass, longest match first at each position: a replacement's output is never scanned again,
// and 下降了 is never read as 下 + 降了. Built once per list (the loader caches a list per data folder).
const compiled = new WeakMap<Wording, { map: Map<string, string>; re: RegExp }>();
function replacer(list: Wording) {
  let c = compiled.get(list);
  if (!c) {
    const map = new Map(list.replacements);
    const re = new RegExp([...map.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
    c = { map, re };
    compiled.set(list, c);
  }
  return c;
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";

/** Half-width punctuation next to Chinese text → full-width (GB/T 15834); digits' decimal points and thousands kept. */
export function fullWidthPunctuation(text: string): string {
  let t = text;
  t = t.replace(/(\d),(\d{3})(?!\d)/g, "$1$2"); // 1,200 → 1200: 公文 writes no thousands separators
  t = t.replace(/\.{3,}|。{2,}|…(?!…)/g, "……");
  t = t.replace(/\s*,\s*/g, "，").replace(/\s*;\s*/g, "；").replace(/\s*!\s*/g, "！").replace(/\s*\?\s*/g, "？");
  t = t.replace(/(?<!\d)\s*:\s*/g, "：");
  t = t.replace(/\(\s*/g, "（").replace(/\s*\)/g, "）");
  let open = false;
  t = t.replace(/"/g, () => ((open = !open), open ? "“" : "”"));
  // a full stop written as "." after Chinese text
  t = t.replace(new RegExp(`([${CJK}）”])\\.(?!\\d)`, "g"), "$1。");
  // spaces between Chinese characters are typing noise
  t = t.replace(new RegExp(`([${CJK}，。；：、“”（）])[ \\t\\u3000]+(?=[${CJK}，。；：、“”（）\\d])`, "g"), "$1");
  t = t.replace(new RegExp(`(\\d)[ \\t\\u3000]+(?=[${CJK}])`, "g"), "$1");
  t = t.replace(new RegExp(`([${CJK}])[ \\t\\u3000]+(?=\\d)`, "g"), "$1");
  return t.trim();
}

function figureSignature(text: string): string {
  return extractFigures(text).map(figureKey).sort().join("|");
}

/** Formal wording of one fact, without end punctuation. The figures are guaranteed unchanged. `list`: the office's wording (default: built-in). */
export function formalize(text: string, list: Wording = loadWording()): string {
  const { map, re } = replacer(list);
  const punct = fullWidthPunctuation(text).replace(/[。；，、！？\s]+$/u, "");
  let t = punct;
  // An approximation said before the verb ("大概查获37名") belongs before the number in 公文 ("查获……约37名").
  t = t.replace(/(大概|差不多|大约|估计有|估计)([^，。；：、\d]{1,12}?)(?=\d)/g, (_m, _a, phrase: string) => `${phrase}约`);
  for (const w of list.dropWords) t = t.split(w).join("");
  t = t.replace(re, (m) => map.get(m) ?? m);
  // A perfective 了 between verb and figure reads as speech: "化解了18件" → "化解18件".
  t = t.replace(new RegExp(`([${CJK}])了(?=\\d)`, "g"), "$1");
  t = t.replace(/！/g, "。").replace(/？/g, "。");
  // sentence-final particles and a dangling 了 read as speech
  for (let i = 0; i < 3; i++) {
    const tail = list.dropTails.find((p) => t.endsWith(p) && t.length > p.length + 1);
    if (!tail) break;
    t = t.slice(0, -tail.length);
  }
  t = t.replace(/^[，、；：\s]+/, "").replace(/[，、；：。\s]+$/u, "").replace(/，{2,}/g, "，");
  if (figureSignature(t) !== figureSignature(punct)) return punct;
  return t;
}

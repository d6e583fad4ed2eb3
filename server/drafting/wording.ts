/**
 * Formal wording of a fact for the drafting engine: the one wording layer (lists/wording.ts, the
 * applier the offline rewrite uses too), the one punctuation fixer (text/punctuation.ts, the check's
 * own rules) and number forms (numbers/edits.ts), then what only a fact needs: an approximation moved
 * before its number, speech particles and a perfective 了 before a figure dropped, no end mark. Never
 * changes a figure: if the result would, the fact keeps its words and only its punctuation is fixed.
 */
import { loadWording, type Wording } from "../lists/wording.ts";
import { fixNumberForms, fixPunctuation, formalWording } from "../numbers/index.ts";
import { extractFigures } from "./figures.ts";
import { figureKey } from "../numbers/index.ts";

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";

/** Punctuation and number forms of fact text: GB/T 15834 marks, no stray spaces, GB/T 15835 numbers. */
export function fullWidthPunctuation(text: string): string {
  return fixNumberForms(fixPunctuation(text.replace(/[ \t\u3000]+/g, " ").trim()));
}

function figureSignature(text: string): string {
  return extractFigures(text).map(figureKey).sort().join("|");
}

/** Formal wording of one fact, without end punctuation. The figures are guaranteed unchanged. `list`: the office's wording (default: built-in). */
export function formalize(text: string, list: Wording = loadWording()): string {
  const punct = fullWidthPunctuation(text).replace(/[。；，、！？\s]+$/u, "");
  let t = punct;
  // An approximation said before the verb ("大概查获37名") belongs before the number in 公文 ("查获……约37名").
  t = t.replace(/(大概|差不多|大约|估计有|估计)([^，。；：、\d]{1,12}?)(?=\d)/g, (_m, _a, phrase: string) => `${phrase}约`);
  for (const w of list.dropWords) t = t.split(w).join("");
  t = formalWording(t, "drafting", list);
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

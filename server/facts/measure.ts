/**
 * What a figure measures, read from the words before it in its clause (刑事案件立案1234件 → 刑事·案件·立案 in 件),
 * and when two figures from different files measure the same thing.
 */
import type { Figure } from "../numbers/index.ts";
import { tag } from "../text/segment.ts";
import type { CandidateFigure } from "./types.ts";

// Words that scope or qualify a count without saying what is counted.
const SCOPE_WORDS = new Set([
  "全年", "今年", "本年", "年内", "上年", "去年", "同期", "累计", "共计", "总计", "合计", "共", "总", "全区", "全县", "全市", "全镇", "全乡",
  "我区", "我县", "我市", "我镇", "我乡", "我局", "我院", "本院", "依法", "各类", "各项", "其中", "达到", "达", "为", "有", "约", "近", "超过",
  "同比", "环比", "比", "分别", "个", "起", "件", "人", "次", "万", "余", "多",
]);

const WINDOW = 5;

/** Up to five content words before the figure (back to the previous figure or clause mark), then its unit, kind and direction. */
export function figureMeasure(clause: string, f: Figure): string {
  let from = 0;
  for (let i = f.start - 1; i >= 0; i--) {
    // A digit ends the previous figure: 新接收156人、解除矫正148人 measures 解除矫正 for 148人.
    if ("，,；;：:。、".includes(clause[i]) || /[0-9０-９]/.test(clause[i])) {
      from = i + 1;
      break;
    }
  }
  const before = clause.slice(from, f.start).replace(/[0-9０-９.．%％]+[\u4e00-\u9fff]?/g, " ");
  const words = tag(before)
    .filter((w) => /^(n|v|j|l|a)/.test(w.tag) && /[\u4e00-\u9fff]/.test(w.word) && !SCOPE_WORDS.has(w.word))
    .map((w) => w.word);
  const tail = words.slice(-WINDOW).join("·");
  return `${tail}#${f.kind}:${f.unit}${f.direction ? `:${f.direction}` : ""}`;
}

function parse(measure: string): { words: string[]; what: string } {
  const [tail, what] = measure.split("#");
  return { words: tail ? tail.split("·") : [], what: what ?? "" };
}

/**
 * Two figures measure the same thing when their unit, kind and direction agree and the last words
 * before one (at least two, up to three) all stand among the words before the other: 刑事案件立案 and
 * 立案侦查刑事案件 do; 排查矛盾纠纷 and 化解矛盾纠纷 do not.
 */
export function sameMeasure(a: Pick<CandidateFigure, "measure">, b: Pick<CandidateFigure, "measure">): boolean {
  const pa = parse(a.measure);
  const pb = parse(b.measure);
  if (pa.what !== pb.what) return false;
  const within = (x: string[], y: string[]) => {
    const last = x.slice(-3);
    return last.length >= 2 && last.every((w) => y.includes(w));
  };
  return within(pa.words, pb.words) || within(pb.words, pa.words);
}

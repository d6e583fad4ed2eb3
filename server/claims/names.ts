/**
 * Proper names a sentence commits to: people, places, units and named projects or documents. A
 * rewrite that adds one invents a participant; one that drops one loses who did the work. jieba's
 * tags find people and places; units are found by their organ words (公安局, 派出所, 县委 …) with the
 * place words in front of them; projects and documents by their quotes (“雪亮工程”, 《实施方案》).
 */
import { dictEntry, tag } from "../text/segment.ts";

export type NameKind = "person" | "place" | "unit" | "project";

export interface Name {
  text: string;
  kind: NameKind;
}

const SURNAMES = new Set(
  [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"],
);

// Words that end a unit's name. The longest first, so 县公安局 is one unit and not 县 + 公安局.
const ORGANS = [
  "政法委员会", "政法委", "人民法院", "人民检察院", "检察院", "法院", "公安分局", "公安局", "派出所", "司法局", "司法所", "法庭",
  "信访局", "网信办", "综治办", "综治中心", "教育局", "民政局", "财政局", "人社局", "住建局", "卫健委", "市场监管局", "应急管理局",
  "监管局", "管理局", "执法局",
  "交警大队", "刑警大队", "看守所", "戒毒所", "妇联", "团委", "总工会", "法学会", "律师协会", "人民调解委员会", "调解委员会",
  "纪委监委", "纪委", "监委", "组织部", "宣传部", "统战部", "人武部", "党工委", "管委会", "居委会", "村委会",
  "县委", "区委", "市委", "州委", "省委", "旗委", "县政府", "区政府", "市政府", "人大常委会", "政协",
];
const PLACE_SUFFIX = ["街道", "社区", "镇", "乡", "村", "县", "区", "市", "州", "省", "旗", "屯"];

// A person is named beside a title (王小明同志, 书记李红梅); jieba's dictionary also tags 高清 and 向心力 nr.
const TITLES = /^(同志|书记|副书记|主任|副主任|局长|副局长|院长|副院长|检察长|所长|部长|县长|区长|市长|镇长|乡长|村长|队长|庭长|委员|常委|主席|秘书长|处长|科长|警官|法官|检察官|调解员|网格员)$/;

// Words before a suffix that make it generic (各乡镇, 全县, 本村, 城乡社区), never a name.
const GENERIC = new Set([
  "各", "全", "本", "该", "我", "此", "每", "乡", "城", "农", "城乡", "农村", "基层", "重点", "边远", "偏远", "行政", "示范", "文明",
  "平安", "美丽", "和谐", "法治", "试点", "城市", "新", "老旧", "所在", "辖", "辖区", "属地", "相关", "有关", "多个", "部分", "个别", "乡镇",
  "上级", "下级", "同级", "县级", "市级", "省级", "区级", "镇级", "村级", "中心", "易地搬迁", "安置", "无", "社", "矛盾", "纠纷", "进", "到", "入", "驻", "下", "深入",
]);

const HAN = /^[\u4e00-\u9fff]+$/;

function isGeneric(w: string): boolean {
  return (
    GENERIC.has(w) || /^[各全本该我此每那这]/.test(w) || /^[省市县区镇乡村]+$/.test(w) ||
    GENERIC.has(w.replace(/(街道|社区|[镇乡村县区市州省旗屯])$/, ""))
  );
}

/** A word jieba's dictionary knows as a common word (部门, 总结, 小区, 工业园区): not the name of a place. */
function commonWord(w: string): boolean {
  const e = dictEntry(w);
  return e !== undefined && !/^(ns|nr|nz|nt)$/.test(e.tag) && (e.freq >= 1000 || w.length >= 3 || /^(v|vn|a|ad|d|f)/.test(e.tag));
}

function push(out: Name[], text: string, kind: NameKind) {
  if (!out.some((n) => n.text === text)) out.push({ text, kind });
}

/** The proper names of a text, each once, in order of first appearance. */
export function extractNames(text: string): Name[] {
  const out: Name[] = [];
  for (const m of text.matchAll(/《([^《》]{2,40})》/g)) push(out, `《${m[1]}》`, "project");
  for (const m of text.matchAll(/“([^“”]{2,12})”/g)) {
    // “两个维护”, “四个意识”: numbered formulations are stock phrasing, checked by the figure rules.
    if (!/[一二三四五六七八九十两]个|[0-9]/.test(m[1])) push(out, `“${m[1]}”`, "project");
  }
  const words = tag(text.replace(/《[^《》]*》|“[^“”]*”/g, "，"));
  // Only a word that ends in a place suffix names a place (大河村, 柳林镇): jieba also tags 深度, 治安
  // and 满意度 ns. A place word in front of a suffix (西山 县, 东山 镇) is taken by the suffix.
  const placeLike = (w: string, t: string) =>
    HAN.test(w) && !isGeneric(w) && w.length >= 3 && PLACE_SUFFIX.some((s) => w.endsWith(s)) && !commonWord(w) && t !== "l";
  const placeWord = (w: string, t: string) => HAN.test(w) && !isGeneric(w) && w.length >= 2 && /^(ns|nr|nz|n)$/.test(t) && !commonWord(w);
  let consumed = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i].word;
    const t = words[i].tag;
    if (!HAN.test(w)) continue;
    const organ = ORGANS.find((o) => w.endsWith(o));
    const suffix = !organ && PLACE_SUFFIX.includes(w);
    if (organ || suffix || placeLike(w, t)) {
      // The place words in front (西山 县 青石 镇, 西山 县委 政法委), never reaching back into the previous name.
      let start = i;
      while (start > consumed && i - start < 3) {
        const p = words[start - 1];
        const before = words[start - 2];
        // 办案区, 服务区: before 区 or 市 only a known place word names a place (西山 区), not any noun.
        const named = placeWord(p.word, p.tag) && (!/^[区市省州]$/.test(w) || /^(ns|nr|nz)$/.test(p.tag));
        const ok = placeLike(p.word, p.tag) || (start === i && named && (organ || suffix)) ||
          (PLACE_SUFFIX.includes(p.word) && start - 1 > consumed && before !== undefined && placeWord(before.word, before.tag));
        if (!ok) break;
        start--;
      }
      let end = i + 1;
      while (end < words.length && (PLACE_SUFFIX.includes(words[end].word) || ORGANS.includes(words[end].word))) end++;
      consumed = end;
      let joined = words.slice(start, end).map((x) => x.word).join("");
      const at = i;
      i = end - 1;
      // A bare 村 or 镇 names nothing (小事不出村), nor does a counted or generic organ (3个派出所, 各派出所).
      if (start === at && suffix) {
        // A bare 镇 with no name in front; an organ after it may still name a unit (镇派出所).
        if (end === at + 1) continue;
        start = at + 1;
        joined = words.slice(start, end).map((x) => x.word).join("");
      }
      const before = words[start - 1];
      if (start === end - 1 && organ && before && (/^[mq]/.test(before.tag) || isGeneric(before.word))) continue;
      if (isGeneric(joined)) continue;
      push(out, joined, ORGANS.some((o) => joined.endsWith(o)) ? "unit" : "place");
      continue;
    }
    if (t === "nr" && SURNAMES.has(w[0])) {
      // 李 红梅: jieba splits a name it does not know into surname and given name.
      const at = i;
      const full = w.length === 1 && words[i + 1]?.tag === "nr" && words[i + 1].word.length <= 2 ? w + words[++i].word : w;
      const titled = TITLES.test(words[i + 1]?.word ?? "") || TITLES.test(words[at - 1]?.word ?? "");
      if (full.length >= 2 && full.length <= 3 && (titled || (full !== w && full.length === 3))) push(out, full, "person");
    }
  }
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
  const m = /^(.*?)([区县市州旗])(委|人民政府|政府)?/.exec(unit);
  const levels = ["县", "区", "市", "州", "旗", "省"];
  if (m) {
    const [, base, kind] = m;
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

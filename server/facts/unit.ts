/**
 * The unit a submission comes from, read from its title first and its file name second
 * (西山县公安局2025年工作总结.docx → 西山县公安局). The writer can change it in the editor.
 */

// Organs that report to a 政法委, longest first so 人民法院 wins over 法院. A 乡/镇/街道 is a unit too.
const ORGANS = [
  "公安分局", "公安局", "人民法院", "人民检察院", "检察院", "法院", "司法局", "信访局", "综治中心", "国家安全局",
  "委政法委", "政法委", "街道办事处", "街道", "人民政府", "派出所", "司法所",
];
const ORGAN_RE = new RegExp(`([\\u4e00-\\u9fffXx×*]{0,10}?(?:${ORGANS.join("|")}))`);
const TOWN_RE = /([\u4e00-\u9fff]{1,6}?[乡镇])(?=\d|关于|[〇一二]{4}|[上下]半年|全年|年度|工作|党委|人民政府|政府|综治|报送|$)/;
// Words before the unit that belong to the title, not the name (关于报送…的报告).
const LEAD = /^(?:关于报送|关于|报送|附件\d*|[：:、\s])+/;

/** The unit named in a title or file name, or null when none is recognisable. */
export function unitFromText(text: string): string | null {
  const t = text.replace(/\.[a-z0-9]{2,4}$/i, "").replace(LEAD, "").replace(/[（(][^）)]*[)）]/g, "").replace(/\s+/g, "");
  const m = ORGAN_RE.exec(t) ?? TOWN_RE.exec(t);
  if (!m) return null;
  // Years and period words in front of the organ are no part of its name.
  const name = m[1].replace(/^.*?(?:\d{4}年?度?|[上下]半年|全年)/, "").replace(LEAD, "");
  return name.length >= 2 ? name : null;
}

/** The unit of a submission: its title's, else its file name's, else the file name itself. */
export function unitOf(title: string, fileName: string): string {
  return unitFromText(title) ?? unitFromText(fileName) ?? fileName.replace(/\.[a-z0-9]{2,4}$/i, "");
}

/**
 * What a report says about its own time: the year (from the title or the opening line) and the end of
 * the period it covers (上半年, 一季度, 前三季度 …), at which guidance in force is judged.
 */

/** The year of a report: from its title ("2025年工作总结"), else an opening "2021年，…"; null if neither. */
export function yearFromText(text: string): number | null {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 12);
  for (const line of lines) {
    if (line.length > 60) continue;
    const m = /((?:19|20)\d{2})年(?:度|上半年|下半年|[^，。,]*?)(?:工作)?(?:总结|报告|汇报|计划|述职)/.exec(line);
    if (m) return Number(m[1]);
  }
  const head = lines.find((l) => l.length > 0);
  const m = head ? /^((?:19|20)\d{2})年(?:以来|度)?[，,]/.exec(head) : null;
  return m ? Number(m[1]) : null;
}

/** The report year: explicit, else from the title/opening, else the current year. */
export function reportYear(text: string, year?: number): number {
  return year ?? yearFromText(text) ?? new Date().getFullYear();
}

const YEAR_DIGITS: Record<string, string> = { 〇: "0", 零: "0", "○": "0", Ｏ: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** The first year named in any of the texts (2024年, or 二〇二四年 in formal titles); null if none. */
export function firstYearIn(...texts: string[]): number | null {
  for (const t of texts) {
    const m = /((?:19|20)\d{2})\s*年/.exec(t);
    if (m) return Number(m[1]);
    const c = /([一二][〇零○Ｏ九][〇零○Ｏ一二三四五六七八九]{2})年/.exec(t);
    if (c) {
      const y = Number([...c[1]].map((ch) => YEAR_DIGITS[ch]).join(""));
      if (y >= 1949 && y <= 2100) return y;
    }
  }
  return null;
}

/** Last day (yyyymmdd) of the period a label names (上半年, 一季度, 前三季度); otherwise the end of the year. */
export function periodEnd(year: number, label: string): number {
  if (/上半年|第二季度|二季度/.test(label)) return year * 10000 + 630;
  if (/第一季度|一季度/.test(label)) return year * 10000 + 331;
  if (/前三季度|第三季度|三季度/.test(label)) return year * 10000 + 930;
  return year * 10000 + 1231;
}

/** The period end of a report, judged from its first lines (the title names the period). */
export function periodEndFromText(text: string, year: number): number {
  return periodEnd(year, text.slice(0, 200).split("\n").slice(0, 3).join("\n"));
}

/** yyyymmdd → "yyyy-mm-dd". */
export function isoDate(yyyymmdd: number): string {
  const s = String(yyyymmdd);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

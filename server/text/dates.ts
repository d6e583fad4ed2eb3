/**
 * The 成文日期 of a document (GB/T 9704-2012 §7.3.5.1): written in Arabic numerals with year, month and day in
 * full and no leading zero (2026年12月6日, never 2026年01月06日).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, "○": 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A calendar day as ISO yyyy-mm-dd, or null when the parts are no real date. */
export function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Today in the server's or browser's local time, as ISO yyyy-mm-dd. */
export function todayIso(now = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}

/** ISO yyyy-mm-dd → 2026年12月6日 (Arabic numerals, no padding). */
export function documentDate(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Chinese numerals of a month or day (十二, 二十一, 三十) → number; NaN if not one. */
function chineseSmall(s: string): number {
  if (/^[一二三四五六七八九]$/.test(s)) return CN_DIGIT[s];
  const m = /^([二三])?十([一二三四五六七八九])?$/.exec(s);
  if (!m) return NaN;
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[2] ? CN_DIGIT[m[2]] : 0);
}

/**
 * A line that is a 成文日期 and nothing else (2026年12月6日, 2026年01月06日, 二〇二六年十二月六日) → ISO, else null.
 */
export function parseDocumentDateLine(line: string): string | null {
  const t = line.trim();
  const a = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(t);
  if (a) return isoDate(Number(a[1]), Number(a[2]), Number(a[3]));
  const c = /^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/.exec(t);
  if (c) {
    const y = Number([...c[1]].map((ch) => CN_DIGIT[ch]).join(""));
    const m = chineseSmall(c[2]);
    const d = chineseSmall(c[3]);
    return Number.isNaN(m) || Number.isNaN(d) ? null : isoDate(y, m, d);
  }
  return null;
}

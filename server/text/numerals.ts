/**
 * Chinese numerals both ways: parsing (零〇一二两三…九十百千万亿 in the usual positional forms, and the
 * small ordinals of headings and 一是/二是 runs) and formatting (ordinals, integers, digit-by-digit years).
 * No native code: the editor imports this file too.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

export const CHINESE_NUMERAL_CHARS = "零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億";

/**
 * Parse a run of Chinese numeral characters. Returns null for strings that are not a well-formed
 * number ("十十", empty). Digit-by-digit forms ("二〇二五") read as positional digits.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  // Digit-by-digit: 二〇二五, 一九九八 (no unit characters at all, length ≥ 2 with a 〇/零 or length 4)
  if ([...s].every((ch) => ch in DIGITS) && s.length >= 2) {
    if (/[〇零]/.test(s) || s.length >= 3) return Number([...s].map((ch) => DIGITS[ch]).join(""));
    return null; // "三四" is an estimate, not a number; callers handle it
  }
  let total = 0; // completed big-unit groups
  let section = 0; // current group below 万
  let digit: number | null = null;
  let sawAny = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0 && DIGITS[ch] !== 0) return null; // two digits in a row: "三四十"
      digit = DIGITS[ch];
      sawAny = true;
    } else if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch];
      const d = digit === null ? (unit === 10 ? 1 : null) : digit; // "十二" = 12
      if (d === null) return null;
      section += d * unit;
      digit = null;
      sawAny = true;
    } else if (ch in BIG_UNITS) {
      if (!sawAny) return null;
      const unit = BIG_UNITS[ch];
      section += digit ?? 0;
      digit = null;
      if (unit === 1e8) {
        total = (total + section) * unit;
      } else {
        total += section * unit;
      }
      section = 0;
    } else {
      return null;
    }
  }
  if (!sawAny) return null;
  return total + section + (digit ?? 0);
}

const ORDINAL_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A small ordinal as written in headings and 一是 runs (一 … 九十九, or Arabic digits); NaN when not one. */
export function parseOrdinal(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return s === "十" ? 10 : (ORDINAL_DIGITS[s] ?? Number.NaN);
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? ORDINAL_DIGITS[m[1]] : 1) * 10 + (m[2] ? ORDINAL_DIGITS[m[2]] : 0);
  return Number.NaN;
}

/** 〇一二…九 by value: digit-by-digit forms (二〇二四) and decimals (三点五). */
export const CN_DIGIT = "〇一二三四五六七八九";
const ORDINAL_UNITS = "零一二三四五六七八九";

/** 1 → 一, 12 → 十二, 21 → 二十一 (heading ordinals and 一是/二是 runs); outside 0–99 the Arabic form. */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 10) return ORDINAL_UNITS[n];
  const t = Math.floor(n / 10);
  const u = n % 10;
  return `${t === 1 ? "" : ORDINAL_UNITS[t]}十${u ? ORDINAL_UNITS[u] : ""}`;
}

/** Arabic digits read out one by one: 2024 → 二〇二四 (years), 05 → 〇五 (decimals). */
export function chineseDigits(digits: string): string {
  return [...digits].map((d) => CN_DIGIT[Number(d)]).join("");
}

/** A small integer in 汉字 (十二, 一百零五, 三万零八十); null when too large for a certain conversion. */
export function chineseInteger(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) return null;
  if (n === 0) return "零";
  const below10k = (v: number, leading: boolean): string => {
    const digits = [Math.floor(v / 1000), Math.floor(v / 100) % 10, Math.floor(v / 10) % 10, v % 10];
    const units = ["千", "百", "十", ""];
    let s = "";
    let zero = false;
    for (let i = 0; i < 4; i++) {
      const d = digits[i];
      if (d === 0) {
        if (s) zero = true;
        continue;
      }
      if (zero) s += "零";
      zero = false;
      // 十二, not 一十二, when 十 leads the whole number
      s += (d === 1 && i === 2 && !s && leading ? "" : CN_DIGIT[d]) + units[i];
    }
    return s;
  };
  if (n < 1e4) return below10k(n, true);
  const high = Math.floor(n / 1e4);
  const low = n % 1e4;
  return below10k(high, true) + "万" + (low === 0 ? "" : (low < 1000 ? "零" : "") + below10k(low, false));
}

/** Chinese numerals → numbers. Handles 零〇一二两三…九十百千万亿 in the usual positional forms. */

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

/** The one validator of the regular expressions in the office's lists. */
import { z } from "zod";

export interface PatternOptions {
  /** Flags the list compiles the expression with. */
  flags?: string;
  /** The expression as compiled, when the list writes placeholders in it ({date} in typos.json). */
  expand?: (pattern: string) => string;
  /** Shortest expression allowed (an empty one matches everywhere). */
  min?: number;
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

/**
 * A regular expression a list holds: a broken one is refused when the lists load, with the file and the
 * entry named, never at check time.
 */
export function regexPattern(opts: PatternOptions = {}) {
  const { flags = "", expand = (p: string) => p, min = 0 } = opts;
  return z.string().min(min).refine((p) => compiles(expand(p), flags), { message: "不是有效的正则表达式" });
}

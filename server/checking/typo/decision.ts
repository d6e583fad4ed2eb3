import type { Lexicon } from "./lexicon.ts";
import type { TypoCandidate } from "./index.ts";

/**
 * When a substitution is reported. Thresholds were calibrated on the training split of ECSpell's
 * official-document set only (docs/typo-check.md): precision first, recall second.
 */
export interface TypoGuards {
  /** Names of people, places and units (jieba tags, 县/镇/村/局… suffixes) are never changed. */
  names: boolean;
  /** “…” and 《…》 are quoted names: never changed. */
  quotes: boolean;
  /** What the archive writes in two or more documents is the office's usage: never changed. */
  archive: boolean;
  /** The log-probability gain a substitution needs, by kind of confusion. */
  minGain: boolean;
}
export const DEFAULT_GUARDS: TypoGuards = { names: true, quotes: true, archive: true, minGain: true };

const MIN_GAIN = { sound: 10, "near-sound": 12, shape: 10 } as const;
// Archive usage of the corrected word lowers the bar by this much per document, up to a limit.
const ARCHIVE_BONUS = 1.5;
const ARCHIVE_BONUS_MAX = 4;

export function acceptSubstitution(c: TypoCandidate, _lex: Lexicon, guards: TypoGuards): boolean {
  if (guards.archive && c.archiveBefore >= 2) return false;
  const bonus = Math.min(ARCHIVE_BONUS_MAX, ARCHIVE_BONUS * c.archiveWord);
  if (guards.minGain && c.gain + bonus < MIN_GAIN[c.kind]) return false;
  return true;
}

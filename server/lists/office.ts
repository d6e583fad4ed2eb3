/**
 * Every office list in one object, loaded and validated once at start (server, command line, each check
 * worker) and handed to every check, draft and rewrite. A broken office file stops the start with its
 * name; after a change to a list, restart (docs/office-lists.md).
 */
import type { NameLists } from "../text/names.ts";
import { loadNameList } from "./names.ts";
import { loadPhraseBank, type PhraseBank } from "./phrase-bank.ts";
import { loadRegistry, type Registry } from "./registry.ts";
import { loadRepetition, type RepetitionList } from "./repetition.ts";
import { loadStockPhrases } from "./stock-phrases.ts";
import { loadTypoList, type TypoList } from "./typos.ts";
import { loadWording, type Wording } from "./wording.ts";
import { loadWorkLineList, type WorkLineList } from "./work-lines.ts";

export interface OfficeLists {
  /** The data folder whose files extend the built-ins; null: the built-in lists alone. */
  dataDir: string | null;
  /** Congresses, plenums, campaigns, formulations, regulations (registry.json). */
  registry: Registry;
  /** Standard formulations, normalised (stock-phrases.txt). */
  stockPhrases: string[];
  /** The repetition rule's words (repetition.json). */
  repetition: RepetitionList;
  /** Colloquial → 公文 wording, for the drafting engine and the offline rewrite (wording.json). */
  wording: Wording;
  /** The offline engine's stock phrasing (drafting-phrases.json). */
  phraseBank: PhraseBank;
  /** Work-line keywords (work-lines.json). */
  workLines: WorkLineList;
  /** Frequent misspellings and confused words (typos.json). */
  typos: TypoList;
  /** Surnames, endings of units' and places' names (names.json). */
  names: NameLists;
}

/** Load and validate every list for a data folder (none: the built-ins alone). Reads the files each time it is called. */
export function loadOfficeLists(dataDir?: string | null): OfficeLists {
  return {
    dataDir: dataDir ?? null,
    registry: loadRegistry(dataDir),
    stockPhrases: loadStockPhrases(dataDir),
    repetition: loadRepetition(dataDir),
    wording: loadWording(dataDir),
    phraseBank: loadPhraseBank(dataDir),
    workLines: loadWorkLineList(dataDir),
    typos: loadTypoList(dataDir),
    names: loadNameList(dataDir),
  };
}

let builtin: OfficeLists | null = null;

/** The built-in lists alone, loaded once: what a caller without an office's lists (a test, a bench) gets. */
export function builtinOfficeLists(): OfficeLists {
  return (builtin ??= loadOfficeLists(null));
}

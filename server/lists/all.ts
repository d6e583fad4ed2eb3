/** Every office list, for loading (and so validating) all of them once at start. */
import { loadRepetition, loadStockPhrases } from "./checking.ts";
import { loadPhraseBank } from "./drafting.ts";
import { loadNameList } from "./names.ts";
import { loadRegistry } from "./registry.ts";
import { loadWorkLineList } from "./work-lines.ts";
import { loadTypoList } from "./typos.ts";
import { loadWording } from "./wording.ts";

export const OFFICE_LISTS = [loadRegistry, loadStockPhrases, loadRepetition, loadWording, loadPhraseBank, loadWorkLineList, loadTypoList, loadNameList];

/** Load every list for a data folder: a broken office file is reported now, not at the first check. */
export function loadOfficeLists(dataDir?: string | null): void {
  for (const load of OFFICE_LISTS) load(dataDir);
}

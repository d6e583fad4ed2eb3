/** Standard formulations (套话) never reported as copied: the reuse check's and the repetition rule's stock phrasing. */
import { normalise } from "../text/normalise.ts";
import { defineTextList } from "./define.ts";

/**
 * Standard formulations (套话) that are never "copied content", in normalised form. Shorter than four
 * characters after normalising, a line would match everywhere, so it is dropped.
 */
export const loadStockPhrases = defineTextList({
  file: "stock-phrases.txt",
  entry: (line) => {
    const n = normalise(line).text;
    return n.length >= 4 ? n : "";
  },
});

export type { Figure } from "./types.ts";
export { extractFigures, figureKey, sameValue, isAllowedExtra, inventedFigures, diffFigures } from "./extract.ts";
export { applyEdits, fixNumberForms, fixPunctuation, type Edit } from "./edits.ts";
export { formalWording } from "./formal.ts";

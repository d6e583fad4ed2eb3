export type { Figure } from "./types.ts";
export { extractFigures, figureKey, meaningKey, approxClass, sameValue, isAllowedExtra, inventedFigures, diffFigures } from "./extract.ts";
export type { AllowContext, ExtractOptions } from "./extract.ts";
export { applyEdits, fixNumberForms, fixPunctuation, nonOverlapping, type Edit } from "./edits.ts";
export { formalWording } from "./formal.ts";

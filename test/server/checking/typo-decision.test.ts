import { describe, expect, it } from "vitest";
import { checkTypos, type TypoContext } from "../../../server/checking/typo/index.ts";

// All sentences are written for these tests; none is taken from a report or a data set.
const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);

describe("the decision: a suggestion needs the original to be unlikely", () => {
  it("leaves one of the commonest characters standing alone where the character model does not find the change clearly likelier", () => {
    // 之 and 与 are meant where they stand far more often than not: 奋斗之责 is not 奋斗职责, 守底线与防风险 not 预防.
    expect(typos("始终把为民服务作为奋斗之责。")).toEqual([]);
    expect(typos("坚持守底线与防风险相统一。")).toEqual([]);
    // A plain slip of a less common character is still found.
    expect(typos("切实维护社会和谐稳订。")).toEqual(["订→定"]);
  });
});

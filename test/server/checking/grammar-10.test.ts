import { describe, expect, it } from "vitest";
import { checkMissingWords } from "../../../server/checking/rules/missing-words.ts";

// Issue 16, session 10 (our own sentences): a sentence that ends on a purpose phrase, its predicate missing.

const ends = (text: string) => checkMissingWords(text).filter((f) => f.message.includes("只说了目的")).map((f) => f.text);

describe("a sentence ending on a purpose phrase", () => {
  it("reports 为 + a verb and its object closing the sentence with nothing done for it", () => {
    expect(ends("调解员们表示，将立足岗位，为化解邻里矛盾。")).toEqual(["为化解邻里矛盾"]);
    expect(ends("司法所主动对接，为了保障农民工权益！")).toEqual(["为了保障农民工权益"]);
  });
  it("leaves the phrase when a predicate follows its object, or when 为 is not a purpose", () => {
    expect(ends("调解员们立足岗位，为化解邻里矛盾贡献力量。")).toEqual([]);
    expect(ends("主动对接企业，为保障农民工权益提供法律服务。")).toEqual([]);
    expect(ends("融入发展大局，为保障群众权益更好发挥作用。")).toEqual([]);
    expect(ends("团结一心，为建设平安乡村而奋斗。")).toEqual([]);
    expect(ends("全年支出若干万元，为预算数的98%。")).toEqual([]);
    expect(ends("坚持以人民为中心，为群众办实事。")).toEqual([]);
  });
});

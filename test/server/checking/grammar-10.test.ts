import { describe, expect, it } from "vitest";
import { checkGrammarFrames } from "../../../server/checking/rules/grammar-frames.ts";
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

const subjects = (text: string) => checkGrammarFrames(text).filter((f) => f.message.includes("主语重复")).map((f) => f.text);

describe("two subjects around 在……下", () => {
  it("reports the subject after the comma when one stands before 在", () => {
    expect(subjects("2023年，我镇在县委、县政府的坚强领导下，镇党委政府团结带领干部群众，扎实推进平安建设。")).toEqual(["镇党委政府"]);
    expect(subjects("县司法局在市司法局的精心指导下，我们完成了全年任务。")).toEqual(["我们"]);
  });
  it("leaves a subject on one side only", () => {
    expect(subjects("在县委的坚强领导下，全县干部群众团结奋斗。")).toEqual([]);
    expect(subjects("我镇在县委的坚强领导下，团结带领干部群众完成了全年任务。")).toEqual([]);
    expect(subjects("2023年，在县委、县政府的坚强领导下，镇党委政府团结带领干部群众，扎实推进平安建设。")).toEqual([]);
  });
});

describe("a subject before 作为 taken up again by a pronoun", () => {
  it("reports the pronoun", () => {
    expect(subjects("张某作为一名新任调解员，他主动走访了辖区群众。")).toEqual(["他"]);
  });
  it("leaves 作为 without a subject before it, and a pronoun that is no subject of the sentence (其中)", () => {
    expect(subjects("作为一名新任调解员，他主动走访了辖区群众。")).toEqual([]);
    expect(subjects("全国作为燃料烧掉的石油逐年增加，其中大部分用于发电。")).toEqual([]);
  });
});

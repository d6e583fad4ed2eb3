import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { checkPlaceholder } from "../../../server/checking/rules/placeholder.ts";
import { repetitionInParagraph } from "../../../server/checking/rules/repetition.ts";

// Session 12, issue 16: blanks of other scripts and figures taken out of a template, in our own words,
// each with the uses of the same characters the clause must leave alone.

const ctx = { year: 2025, registry: loadRegistry() };
const blanks = (text: string) => checkPlaceholder(text, ctx).filter((f) => f.severity !== "info").map((f) => f.text);

describe("template blanks of any script", () => {
  it("reads an underscore in a year as a year left blank", () => {
    expect(blanks("20_年是开展普法工作的第一年。")).toEqual(["20_年"]);
  });
  it("reads ☆ ★ △ before a measure word or a place word, or between two characters, as a blank", () => {
    expect(blanks("梳理出☆个部门☆项责任清单，覆盖★镇。")).toEqual(["☆", "☆", "★"]);
    // a bullet at a line's start, and a rating after a numeral, stay
    expect(blanks("★加强组织领导。\n☆落实责任。")).toEqual([]);
  });
  it("reads a lone * before a river or a road as a name left blank", () => {
    expect(blanks("该镇地处*河之滨，距*路口两公里。")).toEqual(["*", "*"]);
  });
});

describe("a figure taken out with nothing in its place", () => {
  it("余 with no figure before it", () => {
    expect(blanks("全年接待群众来访余人次。")).toEqual(["余"]);
    expect(blanks("其余人员由镇里安排，剩余件数下月办结，工作之余人人学法。")).toEqual([]);
  });
  it("a month and a day with no figures", () => {
    expect(blanks("今年月日至月日，开展集中宣传。")).toEqual(["月日", "月日"]);
    expect(blanks("登记表一栏为出生年月日：")).toEqual([]);
    expect(blanks("岁月日新，初心不改。")).toEqual([]);
  });
  it("a measure word doubled after the noun that ends in it, before a mark", () => {
    expect(blanks("共受理信访案件件，比上年减少件。")).toEqual(["件"]);
    expect(blanks("做到信访案件件件有回音。")).toEqual([]);
  });
});

describe("a word's first character typed twice", () => {
  const doubled = (text: string) => repetitionInParagraph(text, ctx).filter((f) => f.message.includes("字重复")).map((f) => f.text);
  it("reports a modifier standing alone before a word that begins with it", () => {
    expect(doubled("全全县共排查矛盾纠纷120件。")).toEqual(["全全"]);
  });
  it("leaves a noun or verb before a word of its own, a modal before a verb, and a preposition before a noun", () => {
    expect(doubled("降低娱乐税税率，取得居住国国籍。")).toEqual([]);
    expect(doubled("坚持平等互利和和平共处。")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { checkLeaders } from "../../../server/checking/rules/leaders.ts";
import { loadRegistry, type Registry } from "../../../server/lists/registry.ts";

const ctx = (year: number, registry: Registry = loadRegistry()) => ({ year, registry });
const found = (text: string, year = 2025) => checkLeaders(text, ctx(year)).map((f) => [f.text, f.suggestion ?? null]);

describe("leaders: names", () => {
  it("reports a name one character off by sound or shape beside a title", () => {
    expect(found("全体干警认真学习习进平总书记的重要指示。")).toEqual([["习进平", "习近平"]]);
    expect(found("会议传达了李克疆同志的讲话。", 2015)).toEqual([["李克疆", "李克强"]]);
    expect(found("国务院总理李克疆主持会议。", 2015)).toEqual([["李克疆", "李克强"]]);
  });

  it("leaves a name that differs by a character no one confuses with it (another person)", () => {
    expect(found("退休干部张近平同志作了发言。")).toEqual([]);
  });

  it("does not read the end of 学习 as a surname", () => {
    expect(found("深入学习习近平总书记关于政法工作的重要论述。")).toEqual([]);
    expect(found("认真学习总书记的重要讲话。")).toEqual([]);
  });

  it("reports a doubled name", () => {
    expect(found("深入学习贯彻习近平习近平总书记重要讲话精神。")).toEqual([["习近平习近平", "习近平"]]);
    expect(found("深入学习贯彻习近平近平总书记重要讲话精神。")).toEqual([["习近平近平", "习近平"]]);
  });
});

describe("leaders: titles by date", () => {
  it("reports a title the person never held", () => {
    expect(found("李强总书记强调。")).toEqual([["李强总书记", null]]);
  });

  it("reports a title no longer held in the report's year, and not one held then", () => {
    expect(found("胡锦涛总书记指出。")).toEqual([["胡锦涛总书记", "胡锦涛同志"]]);
    expect(found("胡锦涛总书记指出。", 2010)).toEqual([]);
    expect(found("国务院总理李克强作报告。", 2025).map((f) => f[0])).toEqual(["总理李克强"]);
    expect(found("国务院总理李克强作报告。", 2020)).toEqual([]);
  });

  it("reports a title held only after the report's year", () => {
    expect(found("李强总理考察调研。", 2020)).toEqual([["李强总理", null]]);
  });

  it("keeps a title said of its time: 时任, or a year within the term in the sentence", () => {
    expect(found("时任国务院总理李克强作报告。")).toEqual([]);
    expect(found("2016年，李克强总理到我省考察。")).toEqual([]);
  });

  it("the year of the change counts as held (a premier replaced in March)", () => {
    expect(found("李克强总理作政府工作报告。", 2023)).toEqual([]);
  });
});

describe("leaders: forms of address", () => {
  it("reports a surname or a given name alone before a title", () => {
    expect(found("认真学习习总书记讲话精神。")).toEqual([["习总书记", "习近平总书记"]]);
    expect(found("贯彻近平总书记指示。")).toEqual([["近平", "习近平"]]);
    expect(found("李总理来我区视察。")).toEqual([["李总理", "李强总理"]]);
    expect(found("李总理来我区视察。", 2016)).toEqual([["李总理", "李克强总理"]]);
    expect(found("习主席的讲话")).toEqual([["习主席", "习近平主席"]]);
  });

  it("leaves 主席 of others (a county's 政协, a union) and a 副总理", () => {
    expect(found("县政协王主席出席会议，工会李主席作总结。")).toEqual([]);
    expect(found("李副总理来调研。")).toEqual([]);
  });

  it("says nothing when the registry has no leaders (the office switched them off)", () => {
    const bare = { ...loadRegistry(), leaders: [], fullNames: [] };
    expect(checkLeaders("认真学习习总书记讲话精神。胡锦涛总书记指出。", ctx(2025, bare))).toEqual([]);
  });
});

describe("full names of the state and the party", () => {
  it("reports a character slipped by sound or shape, a swap and a known garble", () => {
    expect(found("依据中华人民共合国宪法。")).toEqual([["中华人民共合国", "中华人民共和国"]]);
    expect(found("中华人民和共国成立以来。")).toEqual([["中华人民和共国", "中华人民共和国"]]);
    expect(found("中国人民共和国宪法。")).toEqual([["中国人民共和国", "中华人民共和国"]]);
    expect(found("最高人民检查院的意见。")).toEqual([["最高人民检查院", "最高人民检察院"]]);
  });

  it("leaves the names written right, and another name that shares their start", () => {
    expect(found("中国共产党领导下的中华人民共和国，全国人民代表大会常务委员会，中国共产主义青年团，最高人民检察院。")).toEqual([]);
  });
});

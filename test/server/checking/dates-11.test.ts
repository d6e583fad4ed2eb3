import { describe, expect, it } from "vitest";
import { checkDateForms } from "../../../server/checking/rules/number-dates.ts";

// Session 11, issue 16: GB/T 15835 and GB/T 9704 on how a date is written. Cases in our own words.

const fixes = (text: string, year?: number) => checkDateForms(text, year).map((f) => [f.text, f.suggestion]);

describe("GB/T 15835: a date in figures is written with 年, 月 and 日", () => {
  it("reports a date written with dots or slashes", () => {
    expect(fixes("2025.3.15，县委政法委召开专题会议；于2025/12/1完成验收。")).toEqual([
      ["2025.3.15", "2025年3月15日"],
      ["2025/12/1", "2025年12月1日"],
    ]);
  });
  it("leaves the hyphen form of GB/T 7408, a version number, an address and a decimal", () => {
    expect(fixes("自2025-03-15起施行，系统版本2.2025.3.15，地址192.168.1.1，占比2025.5%。")).toEqual([]);
  });
});

describe("GB/T 9704-2012 §7.3.5.1: the 成文日期 in Arabic figures", () => {
  it("reports a date line in 汉字 under the signature", () => {
    expect(fixes("全年工作取得明显成效。\n某县委政法委\n二〇二五年十二月三十日\n", 2025)).toEqual([["二〇二五年十二月三十日", "2025年12月30日"]]);
  });
  it("leaves a 汉字 date in the body, and a report on a year before GB/T 9704-2012", () => {
    expect(fixes("二〇二五年十二月三十日，召开全县政法工作会议。\n会议部署了明年工作。", 2025)).toEqual([]);
    expect(fixes("全年工作取得明显成效。\n某县委政法委\n二〇一一年十二月三十日", 2011)).toEqual([]);
  });
});

describe("GB/T 15835 (“0”的汉字写法): the zero of a year is 〇", () => {
  it("reports 零 among the digits of a year", () => {
    expect(fixes("二零二五年是“十四五”收官之年。", 2025)).toEqual([["二零二五年", "二〇二五年"]]);
  });
  it("leaves 〇, a counted 零, and a report before GB/T 15835-2011", () => {
    expect(fixes("二〇二五年共受理三千零五十件。", 2025)).toEqual([]);
    expect(fixes("到二零零零年实现翻两番。", 1997)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { checkOutdated } from "../../../server/checking/rules/outdated.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Issue 16, wording of the year (our own sentences): the guiding thought named without its author, and
// two registry entries of this round (a replaced slogan, a fixed name).

const registry = loadRegistry();
const at = (year: number, text: string) => checkOutdated(text, { year, registry }).map((f) => [f.text, f.suggestion ?? null]);

describe("the guiding thought without its author's name", () => {
  it("is reported from 2018 on, with the full name as the suggestion", () => {
    expect(at(2023, "全镇上下以新时代中国特色社会主义思想为指导，扎实推进平安建设。")).toEqual([
      ["新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"],
    ]);
  });
  it("is left with the name, before the thought was named, and in the General Secretary's own congress report", () => {
    expect(at(2023, "全镇上下以习近平新时代中国特色社会主义思想为指导。")).toEqual([]);
    expect(at(2016, "全镇上下以新时代中国特色社会主义思想为指导。")).toEqual([]);
    expect(at(2022, "我代表第十九届中央委员会向大会作报告。\n全面贯彻新时代中国特色社会主义思想。")).toEqual([]);
  });
});

describe("registry entries of session 9", () => {
  it("reports 又好又快发展 after the 19th congress and not before", () => {
    expect(at(2023, "推动全县经济社会又好又快发展。")).toEqual([["又好又快发展", "高质量发展"]]);
    expect(at(2010, "推动全县经济社会又好又快发展。")).toEqual([]);
  });
  it("reports 网络电信诈骗 in the fixed name's place", () => {
    expect(at(2021, "严厉打击网络电信诈骗犯罪。")).toEqual([["网络电信诈骗", "电信网络诈骗"]]);
    expect(at(2021, "严厉打击电信网络诈骗犯罪。")).toEqual([]);
  });
});

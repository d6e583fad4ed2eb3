import { describe, expect, it } from "vitest";
import { checkLeaders } from "../../../server/checking/rules/leaders.ts";
import { checkOutdated } from "../../../server/checking/rules/outdated.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Issue 16, session 10 (our own sentences): registry classes completed from the misses of the blind sets'
// calibration halves (docs/registry-sources.md): names written in letters or half abbreviated, and a fixed
// formulation of 政法 work.

const registry = loadRegistry();
const names = (text: string) => checkLeaders(text, { year: 2023, registry }).map((f) => [f.text, f.suggestion ?? null]);
const outdated = (text: string, year = 2023) => checkOutdated(text, { year, registry }).map((f) => [f.text, f.suggestion ?? null]);

describe("names of the party and of 政法 bodies", () => {
  it("reports the party's name written in pinyin initials", () => {
    expect(names("全面落实《中国GCD政法工作条例》。")).toEqual([["中国GCD", "中国共产党"]]);
    expect(names("全面落实《中国共产党政法工作条例》。")).toEqual([]);
  });
  it("reports a body's name abbreviated against its standard short form", () => {
    expect(names("市局根据中政委的统一部署开展排查。")).toEqual([["中政委", "中央政法委员会"]]);
    expect(names("市局根据中央政法委的统一部署开展排查。")).toEqual([]);
    expect(names("联合派出所、人调委员会化解纠纷。")).toEqual([["人调委员会", "人民调解委员会"]]);
    expect(names("联合派出所、人民调解委员会化解纠纷。")).toEqual([]);
  });
});

describe("把非诉讼纠纷解决机制挺在前面", () => {
  it("reports the formulation with another word for 前面", () => {
    expect(outdated("坚持把非诉机制挺在前列，推动矛盾就地化解。")).toEqual([["把非诉机制挺在前列", "把非诉讼纠纷解决机制挺在前面"]]);
  });
  it("leaves the formulation as written, and other things put in front", () => {
    expect(outdated("坚持把非诉讼纠纷解决机制挺在前面。")).toEqual([]);
    expect(outdated("坚持把非诉机制挺在前面。")).toEqual([]);
    expect(outdated("始终把纪律规矩挺在前面，把生态环境保护挺在前头。")).toEqual([]);
  });
});

describe("a township's 政法委员", () => {
  it("reports 政法书记 from the 2019 regulation on, with 政法委员", () => {
    expect(outdated("镇党委副书记、政法书记某某汇报了全年工作。", 2021)).toEqual([["政法书记", "政法委员"]]);
  });
  it("leaves it before 2019, and after a county's or city's committee (that is 政法委书记)", () => {
    expect(outdated("镇党委副书记、政法书记某某汇报了全年工作。", 2017)).toEqual([]);
    expect(outdated("县委政法书记某某出席会议。", 2021)).toEqual([]);
    expect(outdated("县委政法委书记某某出席会议。", 2021)).toEqual([]);
  });
});

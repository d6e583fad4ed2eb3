import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testTempDir } from "../../helpers/temp.ts";
import { checkText } from "../../../server/checking/check.ts";
import { checkCollocation } from "../../../server/checking/rules/collocation.ts";
import { loadCollocations } from "../../../server/lists/collocations.ts";
import { loadOfficeLists } from "../../../server/lists/office.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

const ctx = () => ({ year: 2025, registry: loadRegistry(), collocations: loadCollocations() });
const found = (text: string) => checkCollocation(text, ctx()).map((f) => [f.text, f.suggestion ?? null]);

describe("verb–object mismatches", () => {
  it("reports a verb whose object's head it cannot take, with the verb that can", () => {
    expect(found("全年进一步加大执法水平，")).toEqual([["加大", "提高"]]);
    expect(found("不断提高打击力度。")).toEqual([["提高", "加大"]]);
    expect(found("切实增强工作作风。")).toEqual([["增强", "改进"]]);
    expect(found("不断完善服务水平。")).toEqual([["完善", "提高"]]);
    expect(found("加大改革步伐。")).toEqual([["加大", "加快"]]);
  });

  it("names the whole head word when the entry's object is one character of it (率 in 利用率)", () => {
    const [f] = checkCollocation("加大信息化利用率，", ctx());
    expect(f.message).toContain("“加大”与“利用率”不搭配");
    expect(f.message).toContain("“提高利用率”");
  });

  it("reads the head past 的 and modifiers within the window", () => {
    expect(found("着力加大基层调解员队伍的整体素质。")).toEqual([["加大", "提高"]]);
  });

  it("leaves a head noun that only modifies another noun (水平测试)", () => {
    expect(found("加大水平测试的投入。")).toEqual([]);
  });

  it("stops at a second verb that takes the object itself", () => {
    expect(found("加大经费投入提高保障水平。")).toEqual([]);
    expect(found("增加贷款并降低利率水平。")).toEqual([]);
  });

  it("leaves coordinated objects, one of which fits the verb", () => {
    expect(found("提高调解覆盖面和成功率。")).toEqual([]);
  });

  it("leaves a level named by a figure (增加二十亿元的水平)", () => {
    expect(found("每年增加二十亿元的水平。")).toEqual([]);
  });

  it("leaves the right collocations", () => {
    expect(found("提高执法水平，加大打击力度，改进工作作风，扩大覆盖范围，提高群众满意度。")).toEqual([]);
  });
});

describe("redundant pairs", () => {
  it("reports the pair with what may stand between", () => {
    expect(found("截至2025年11月底为止，共受理案件120件。").map((f) => f[0])).toEqual(["截至2025年11月底为止"]);
    expect(found("两地发展水平悬殊很大。")).toEqual([["悬殊很大", "悬殊"]]);
    expect(found("防止类似案件不再发生。").map((f) => f[0])).toEqual(["防止类似案件不再发生"]);
    expect(found("矛盾日益越来越复杂。").map((f) => f[0])).toEqual(["日益越来越"]);
  });

  it("does not reach across a clause", () => {
    expect(found("截至2025年底，各项任务均已完成，到年底为止无积案。").map((f) => f[0])).toEqual([]);
  });

  it("leaves 免费赠送 and other correct phrases", () => {
    expect(found("向群众免费赠送法律读本，确保不发生重大案件，防止出现反弹。")).toEqual([]);
  });

  it("reports through the check as 语病 (grammar) warnings, and not 免费赠送 as a redundancy", async () => {
    const r = await checkText("某区2025年工作总结\n进一步加大执法水平，向群众免费赠送法律读本。", { year: 2025 });
    expect(r.findings.filter((f) => f.kind === "grammar").map((f) => [f.text, f.severity])).toEqual([["加大", "warning"]]);
    expect(r.findings.filter((f) => f.text.includes("赠送") && ["grammar", "repetition"].includes(f.kind))).toEqual([]);
  });

  it("takes the office's entries from the data folder", async () => {
    const dir = testTempDir("zj-coll-");
    await writeFile(path.join(dir, "collocations.json"), JSON.stringify({ mismatches: [{ verbs: ["开创"], objects: ["水平"], right: "提高" }] }));
    const r = await checkText("某区2025年工作总结\n开创执法水平。", { year: 2025, lists: loadOfficeLists(dir) });
    expect(r.findings.filter((f) => f.kind === "grammar").map((f) => f.text)).toEqual(["开创"]);
  });
});

import { describe, expect, it } from "vitest";
import { repetitionAcrossText } from "../../../server/checking/rules/repetition.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// What a proofreader calls repetition across sentences: a sentence, passage or clause written twice where
// it stands. What official prose does on purpose stays silent: a target restated further on, parallel
// clauses that differ in their last words, a sentence opening with the words the last one closed on.

const ctx = { year: 2025, registry: loadRegistry() };
const TITLE = "某县委政法委2025年工作总结\n";
const found = (body: string) => repetitionAcrossText(TITLE + body, ctx).filter((f) => f.severity !== "info");

describe("repetition across sentences", () => {
  it("reports a sentence written twice in a row", () => {
    const s = "全年共组织矛盾纠纷集中排查行动十二次。";
    expect(found(`${s}${s}各乡镇按月报送台账。`).map((f) => f.message)).toContain("与前文句子重复");
  });

  it("reports a passage of several sentences pasted twice in a row", () => {
    const p = "各村配齐专职网格员并开展轮训。网格事件按日流转并限时办结。";
    const f = found(`${p}${p}`);
    expect(f.some((x) => x.message === "与前文句子重复")).toBe(true);
  });

  it("leaves a sentence that recurs further on, with other sentences between", () => {
    const s = "确保全县社会大局持续安全稳定。";
    const between = "深化平安乡村建设，完善矛盾纠纷多元化解机制。加强特殊人群服务管理。推进综治中心实体化运行。";
    expect(found(`${s}${between}${s}`).filter((f) => f.message === "与前文句子重复")).toEqual([]);
  });

  it("reports a clause said again as the next clause", () => {
    expect(found("持续推进矛盾纠纷源头化解工作，持续推进矛盾纠纷源头化解工作，取得明显成效。").length).toBeGreaterThan(0);
  });

  it("reports a clause said again as the next clause when it was also written far earlier (the nearer copy counts)", () => {
    const clause = "持续推进矛盾纠纷源头化解工作";
    // Over 240 characters between the first copy and the doubled pair: only the pair is near enough.
    const filler = [
      "全县各乡镇按月报送工作台账，县委政法委会同有关部门开展专项督导检查，对发现的问题建立清单逐项整改。",
      "深化平安乡村建设，完善矛盾纠纷多元化解机制，推动人民调解、行政调解和司法调解衔接联动。",
      "加强特殊人群服务管理，落实社区矫正对象分类管理措施，全年未发生脱管漏管和重新犯罪案件。",
      "推进综治中心实体化运行，整合网格、信访、调解等力量，实现群众诉求一站式接收、一揽子调处。",
      "组织开展法治宣传进农村、进社区、进学校活动，发放宣传资料，群众法治意识明显增强。",
      "严格落实意识形态工作责任制，定期分析研判政法领域舆情动态，妥善处置网络热点事件。",
    ].join("");
    const f = found(`${clause}，全年成效明显。${filler}${clause}，${clause}，取得明显成效。`);
    expect(f.length).toBe(1);
    expect(f[0].start).toBe(TITLE.length + clause.length + 8 + filler.length + clause.length + 1);
  });

  it("leaves parallel clauses that differ in their last words", () => {
    expect(found("坚决维护辖区社会治安大局稳定，坚决维护辖区社会治安大局和谐。")).toEqual([]);
  });

  it("leaves a sentence that opens with the words the last one closed on (顶真)", () => {
    expect(found("各乡镇要普遍建立矛盾纠纷多元调处化解指导中心。矛盾纠纷多元调处化解指导中心负责受理群众诉求并分流交办。")).toEqual([]);
  });

  it("leaves a phrase taken up again in a later paragraph", () => {
    const text = "全年新建工作站十二个，推进社区戒毒康复工作站规范化建设。\n各站配备专职社工，开展帮扶。\n继续推进社区戒毒康复工作站规范化建设。";
    expect(found(text)).toEqual([]);
  });

  it("leaves a repeated line of Latin text (a web page's licence line)", () => {
    expect(found("报告正文到此结束。\nCreative Commons\nCreative Commons\n")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { evidenceOf } from "../../../server/claims/evidence.ts";
import { judgeRewrite, readEvidence } from "../../../server/rewrite/judge.ts";
import { rewriteText } from "../../../server/rewrite/rewrite.ts";

const UNIT = { unit: "西山县委政法委" };

describe("a rewrite is read, then decided", () => {
  it("a figure changed is refused outright, whatever the claims", () => {
    const j = judgeRewrite("开展反诈宣传12次", "开展反诈宣传13次", "polish", UNIT);
    expect(j.refused).toBe(true);
    expect(j.figureRefused).toBe(true);
  });

  it("a plan said done is refused for its status; a colloquial not-yet in formal words is accepted", () => {
    const planned = judgeRewrite("计划年内建成综治中心3个", "年内已建成综治中心3个", "polish", UNIT);
    expect(planned.refused).toBe(true);
    expect(planned.claims.map((c) => c.kind)).toContain("status");
    const faithful = judgeRewrite("村里的调解室还没弄完", "村调解室尚未建设完成", "polish", UNIT);
    expect(faithful.refused).toBe(false);
    expect(faithful.claims).toEqual([]);
  });

  it("the weaker changes of an accepted rewrite are its flags, and no flag refuses", () => {
    const j = judgeRewrite("各单位应当每月报送一次", "各单位应每月报送一次", "polish", UNIT);
    expect(j.refused).toBe(false);
    expect(j.flags.map((c) => c.kind)).toEqual(["modality"]);
    expect(j.flags.every((c) => c.weak)).toBe(true);
  });

  it("an offline 条理化 past 十一是 is not refused for its item numbers", async () => {
    // Counts no two of which add up or multiply to 12 or 13, so no item number passes as a total worked out.
    const items = ["排查矛盾纠纷46起", "开展普法宣传29场", "走访重点人员30人", "召开联席会议41次", "整治治安隐患57处", "培训网格员80人", "化解信访积案33件", "处置警情120起", "检查寄递网点25个", "开展禁毒宣传66场", "建立调解室71个", "组织应急演练95次", "回访群众200户"];
    const text = "今年主要做了以下工作：" + items.join("；") + "。";
    const r = await rewriteText({ text, mode: "enumerate", engine: "offline" });
    expect(r.text).toContain("十二是");
    expect(r.refused).toBe(false);
  });
});

describe("the guard's readings as evidence", () => {
  it("names what moved, how sure the alignment is and which way, never a word of the text", () => {
    const paired = readEvidence("计划年内建成综治中心3个", "年内已建成综治中心3个", "polish", UNIT).features;
    expect(paired["status:strong"]).toBe(1);
    expect(paired["status:strong:sure"]).toBe(1);
    const alone = readEvidence("开展反诈宣传12次", "开展反诈宣传12次，已全部完成", "polish", UNIT).features;
    expect(Object.keys(alone).some((k) => k.endsWith(":alone"))).toBe(true);
    const named = readEvidence("开展反诈宣传12次", "联合柳林镇开展反诈宣传12次", "polish", UNIT).features;
    expect(named["name:strong:text"]).toBe(1);
    expect(named["name:strong:added"]).toBe(1);
    for (const f of [paired, alone, named]) for (const k of Object.keys(f)) expect(k).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("counts strong and weak changes on a 0..1 scale, and says the mode and the figures shown", () => {
    const f = evidenceOf([], "shorten", { dropped: 1, derived: 0, requalified: 1 });
    expect(f).toEqual({ "mode:shorten": 1, "figure:dropped": 1, "figure:requalified": 1 });
  });
});

import { describe, expect, it } from "vitest";
import { judgeRewrite } from "../../../server/rewrite/judge.ts";
import type { RewriteMode } from "../../../server/rewrite/types.ts";

// Session 12, issue 17: changes that keep every marker word and every figure. Pairs in our own words.

const judged = (before: string, after: string, mode: RewriteMode = "polish") => judgeRewrite(before, after, mode, { unit: "山北县委政法委" });
const refused = (before: string, after: string, mode: RewriteMode = "polish") => judged(before, after, mode).refused;
const kinds = (before: string, after: string, mode: RewriteMode = "polish") => judged(before, after, mode).claims.map((c) => c.kind);

describe("a noun put in another's slot", () => {
  it("refuses an item of a list replaced beside the same sibling", () => {
    expect(kinds("下一步准备跟教育、公安一起搞个联合检查。", "下一步拟会同文旅、公安开展联合检查。")).toEqual(["name"]);
    expect(kinds("评审组里有人大代表和医生。", "评审组成员包括人大代表和教师。")).toEqual(["name"]);
  });
  it("refuses the modifier of the same head noun replaced", () => {
    expect(refused("调解最多的是土地纠纷，占了一半。", "调解数量最多的是婚姻纠纷，约占一半。")).toBe(true);
  });
  it("accepts a formal rendering, an abbreviation written out, and the people spoken of said formally", () => {
    expect(refused("下一步准备跟教育、公安一起搞个联合检查。", "下一步拟会同教育、公安部门开展联合检查。")).toBe(false);
    expect(refused("电诈和网赌还在往上走。", "电信诈骗和网络赌博仍呈上升趋势。")).toBe(false);
    expect(refused("精神病人和独居老人都走访了。", "对精神障碍患者和独居老人均已走访。")).toBe(false);
    expect(refused("方案是大家投票定的。", "方案由村民投票确定。")).toBe(false);
  });
});

describe("a period put in the place of another", () => {
  it("refuses another half year, quarter, part of the year or frequency", () => {
    expect(kinds("回访打算下半年搞。", "计划于上半年开展回访。")).toEqual(["time"]);
    expect(kinds("台账每个月更新一次。", "台账每季度更新一次。")).toEqual(["time"]);
    expect(kinds("年底前弄完。", "计划年初完成。")).toEqual(["time"]);
  });
  it("accepts the same period said formally", () => {
    expect(refused("台账每个月更新一次。", "台账按月更新。")).toBe(false);
    expect(refused("年底前弄完。", "计划于年末前完成。")).toBe(false);
  });
});

describe("a level the note never names", () => {
  it("refuses a level prefixed to a body or an item where the note names none", () => {
    expect(kinds("材料交给司法局了。", "材料已报送市司法局。")).toEqual(["name"]);
    expect(kinds("报社来采访了。", "省报社前来采访报道。")).toEqual(["name"]);
  });
  it("accepts the writing unit's own level, and a level the note names in any form", () => {
    expect(refused("材料交给司法局了。", "材料已报送县司法局。")).toBe(false);
    expect(refused("经费市里给了一部分。", "部分经费由市财政保障。")).toBe(false);
    expect(refused("组组都建了群。", "各组均已建立工作群。")).toBe(false);
  });
  it("reads a word that starts with a level character as that word (市场, 省电 is not 省电视台's reading)", () => {
    expect(refused("市场监管那边查了。", "市场监管部门开展了检查。")).toBe(false);
  });
});

describe("a count of one", () => {
  it("refuses a count of one added to a note that says one of nothing", () => {
    expect(judged("今年没有发生重大案件。", "今年发生重大案件1起。").figures.refusal.added.map((f) => f.raw)).toEqual(["1起"]);
  });
  it("keeps showing, not refusing, one said another way", () => {
    expect(judged("抓了个偷电动车的。", "抓获盗窃电动车嫌疑人1名。").figures.refusal.added).toEqual([]);
    expect(judged("有一个村还没弄完。", "尚有1个村未完成。").figures.refusal.added).toEqual([]);
  });
});

describe("a plan's scope over its sentence", () => {
  it("stops at a 是……的 statement of fact after it", () => {
    expect(refused("培训明年还打算接着办，场地是镇里提供的，每期三十人。", "培训明年拟继续举办。场地由镇里提供，每期30人。")).toBe(false);
    expect(refused("下半年还打算再办一期，茶水钱是从工会经费里出的，一人五十块。", "下半年拟再举办一期。茶水费用从工会经费中列支，每人50元。")).toBe(false);
  });
});

describe("session 12, read off colloquial10's calibration half", () => {
  it("reads a note's inline item numbers (1.… 2.… 3.…) as numbering, not figures", () => {
    expect(refused("检查发现的问题有：1.台账不全 2.值班脱岗 3.记录不规范。", "检查发现的问题主要有：台账不全；值班脱岗；记录不规范。")).toBe(false);
    expect(judged("检查发现的问题有：1.台账不全 2.值班脱岗。", "检查发现台账不全、值班脱岗等问题，另有3个站点未整改。").figures.refusal.added.map((f) => f.raw)).toEqual(["3个"]);
  });
  it("reads no line of work out of the words before a count of agencies", () => {
    expect(refused("不过有几个部门的清单还没交，排在后面的两个部门约谈了。", "但有几个部门的清单尚未报送，对排名靠后的两个部门已进行约谈。")).toBe(false);
    expect(kinds("清单都交了。", "民政、人社两个部门的清单均已报送。")).toContain("name");
  });
  it("refuses an assessment's grade put in the place of another", () => {
    expect(kinds("考核结果市里定的是良好。", "市级考核结果为优秀。")).toEqual(["outcome"]);
    expect(refused("考核结果市里定的是良好。", "市级考核结果为良好。")).toBe(false);
  });
});

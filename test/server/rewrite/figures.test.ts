import { describe, expect, it } from "vitest";
import { figureViolations } from "../../../server/rewrite/figure-judgement.ts";

// A clerk's figure, and the formal wording of the same figure: the figure guard keeps them as one.
const SAME: Array<[string, string]> = [
  ["来了七八个人", "7至8人到场"], ["有两三百户", "200余户"], ["一百五六十人", "150至160人"], ["一个月二三十人次", "每月约20至30人次"],
  ["三成左右", "30%左右"], ["五六成", "50%至60%之间"], ["差不多一半的村", "约50%的村"], ["将近一半的村", "近50%的村"],
  ["补了一千二块", "补助1200元"], ["一万二的补贴", "1.2万元补贴"], ["上百人", "100余人"], ["近百人", "近100人"], ["百把人", "100人左右"],
  // An item's number at the head of a clause, as 条理化 writes it past 十一是, counts nothing.
  ["开展宣传12场，发放材料300份", "十一是开展宣传12场；十二是发放材料300份"], ["召开平安建设会议", "十一是……；十二是**年*月召开平安建设会议"],
  ["一百来号人", "100人左右"], ["一年多", "1年多"], ["两个多小时", "2小时以上"], ["去了两趟", "前往2次"], ["百分之百", "100%"], ["三天两头出事", "频繁发生"],
  // A share of tenths and a hundredth said as one: 九成八 is 98%.
  ["办结的有九成八", "办结率98%"], ["八成五的村", "85%的村"],
  // 40来万 is about 400,000, written 40余万元 or 40万元左右 alike.
  ["追回来40来万", "追回40余万元"], ["追回来40来万", "追回40万元左右"], ["花了三十多万", "支出30万元以上"],
];
// And a figure changed: still refused.
const CHANGED: Array<[string, string]> = [
  ["来了七八个人", "9人到场"], ["来了七八个人", "7人到场"], ["补了一千二块", "补助1300元"], ["三成左右", "40%左右"], ["两三百户", "300余户"],
  ["差不多一半", "约60%"], ["开了十二次会", "开会13次"], ["来了十二个人", "十三个人到场"], ["上百人", "近100人"], ["一年多", "2年多"], ["1-6月", "1-9月"], ["去了两趟", "前往3次"],
  ["办结的有九成八", "办结率90%"], ["办结的有九成八", "办结率89%"], ["追回来40来万", "追回50万元左右"], ["追回来40来万", "追回40元"],
];

describe("a clerk's figures are read as the figures they are", () => {
  it.each(SAME)("%s ≡ %s", (note, formal) => {
    const v = figureViolations(note, formal);
    expect([...v.added, ...v.missing]).toEqual([]);
  });
  it.each(CHANGED)("%s → %s is a changed figure", (note, formal) => {
    const v = figureViolations(note, formal);
    expect(v.added.length + v.missing.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { scoreWorkLines, tagWorkLines } from "../../../server/corpus/classify.ts";
import { WORK_LINE_IDS } from "../../../server/text/work-lines.ts";

describe("tagWorkLines", () => {
  const cases: Array<[string, string]> = [
    ["深入开展政法队伍教育整顿，组织干警参加政治轮训2期，落实“第一议题”制度。", "队伍建设"],
    ["深化打击处置“全能神”邪教三年总体战，依法查处非法宗教活动3起，推进国家安全人民防线建设。", "政治安全"],
    ["圆满完成全国“两会”等重要节点维稳安保任务，开展重大决策社会稳定风险评估12项。", "维稳"],
    ["全年接收涉黑涉恶线索28条，查处涉恶案件5起，查处“保护伞”1人。", "扫黑除恶"],
    ["升级“红袖标”巡防体系，全区刑事案件发案率同比下降18.6%，电信网络诈骗案件明显减少。", "平安建设"],
    ["完善网格化管理系统平台，全年网格员采集上报各类信息数据12.6万条，综治中心实体化运行。", "基层治理"],
    ["坚持和发展新时代“枫桥经验”，全年排查矛盾纠纷6200件，调解成功6150件，化解信访积案42件。", "矛盾纠纷"],
    ["开展执法司法突出问题专项整治，完成案件评查320件，深化司法体制综合配套改革。", "法治建设"],
    ["出台优化法治化营商环境十条措施，走访企业120家，为民办实事46件。", "服务发展"],
    ["严格落实中央八项规定精神，开展警示教育3次，全面从严治党主体责任落实到位，无违纪违规问题。", "廉政"],
  ];
  for (const [text, expected] of cases) {
    it(`tags a ${expected} passage with ${expected} first`, () => {
      expect(tagWorkLines(text)[0]).toBe(expected);
    });
  }

  it("returns at most three known ids, best first, and nothing for unrelated text", () => {
    const t = "坚持和发展新时代“枫桥经验”，依托网格员排查矛盾纠纷，同步开展反诈宣传，压降电信网络诈骗发案。";
    const tags = tagWorkLines(t);
    expect(tags.length).toBeGreaterThan(1);
    expect(tags.length).toBeLessThanOrEqual(3);
    for (const id of tags) expect(WORK_LINE_IDS).toContain(id);
    const scores = scoreWorkLines(t);
    for (let i = 1; i < tags.length; i++) expect(scores.get(tags[i - 1])!).toBeGreaterThanOrEqual(scores.get(tags[i])!);
    expect(tagWorkLines("今天天气很好，我们去公园散步。")).toEqual([]);
    expect(tagWorkLines("")).toEqual([]);
  });

  it("tags short facts from one telling keyword", () => {
    expect(tagWorkLines("处置有害信息45条")).toEqual(["政治安全"]);
    expect(tagWorkLines("走访企业120家")).toEqual(["服务发展"]);
    expect(tagWorkLines("群众安全感98.5%")).toEqual(["平安建设"]);
    expect(tagWorkLines("社区矫正对象120人")).toEqual(["平安建设"]);
  });

  it("is deterministic and honours max", () => {
    const t = "扫黑除恶、平安建设、矛盾纠纷化解、网格化治理、普法宣传全面推进。";
    expect(tagWorkLines(t)).toEqual(tagWorkLines(t));
    expect(tagWorkLines(t, 1)).toHaveLength(1);
  });

  it("does not let one mention of a common word outweigh the subject", () => {
    // "干部" and "企业" are incidental here; the passage is about 扫黑除恶.
    const tags = tagWorkLines("抽调干部组建专班，深挖涉黑涉恶线索，打掉涉恶犯罪团伙4个，依法严惩黑恶势力，净化企业发展环境。");
    expect(tags[0]).toBe("扫黑除恶");
    expect(tags).not.toContain("队伍建设");
  });

  it("does not count a long keyword's parts again (扫黑除恶 is not also 扫黑 + 除恶)", () => {
    expect(scoreWorkLines("扫黑除恶").get("扫黑除恶")).toBe(4);
  });
});

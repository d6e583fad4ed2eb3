import { describe, expect, it } from "vitest";
import { checkMissingHead } from "../../../server/checking/rules/missing-head.ts";
import { checkMissingWords } from "../../../server/checking/rules/missing-words.ts";

// Issue 16, a missing head of the object (宾语中心语残缺), decided by the heads official prose gives the
// verb's objects (server/lists/verb-heads.json). Our own sentences.

const texts = (fs: Array<{ text: string }>) => fs.map((f) => f.text);

describe("发挥/采取 + an object that ends on no head of the verb", () => {
  it("reports the clause's last word when the object has no head", () => {
    expect(texts(checkMissingHead("充分发挥网格员与楼栋长日常巡查走访，及时发现问题。"))).toEqual(["走访"]);
    expect(texts(checkMissingHead("中心采取线上申报与线下受理相结合，方便群众办事。"))).toEqual(["相结合"]);
    expect(texts(checkMissingHead("采取“上门走访”“集中座谈”等，收集意见建议。"))).toEqual(["等"]);
  });
  it("runs inside the missing-words check", () => {
    expect(texts(checkMissingWords("充分发挥网格员与楼栋长日常巡查走访，及时发现问题。"))).toEqual(["走访"]);
  });
  it("leaves objects with their head, heads before a second verb, the verb as a noun or in a passive, and coordinated verbs", () => {
    expect(checkMissingHead("充分发挥网格员日常巡查走访作用，及时发现问题。")).toEqual([]);
    expect(checkMissingHead("中心采取线上申报与线下受理相结合的方式，方便群众办事。")).toEqual([]);
    expect(checkMissingHead("发挥党员先锋作用带动群众参与治理。")).toEqual([]);
    expect(checkMissingHead("采取定人定岗抓好安全生产。")).toEqual([]);
    expect(checkMissingHead("基层组织优势得到充分发挥的做法。")).toEqual([]);
    expect(checkMissingHead("群众积极性的发挥受到限制。")).toEqual([]);
    expect(checkMissingHead("调解组织的优势发挥不够充分。")).toEqual([]);
    expect(checkMissingHead("发挥和发展了一系列工作方法。")).toEqual([]);
  });
});

describe("a purpose adverbial standing alone as a sentence (为……，提高……。)", () => {
  it("reports the full stop after a sentence that only states a purpose, with a comma as the fix", () => {
    const fs = checkMissingWords("为深入推进矛盾纠纷源头化解，切实维护基层和谐稳定。镇司法所组织开展了集中排查。");
    expect(fs.map((f) => [f.text, f.suggestion])).toEqual([["。", "，"]]);
    expect(fs[0].start).toBe("为深入推进矛盾纠纷源头化解，切实维护基层和谐稳定".length);
    expect(texts(checkMissingWords("区法律援助中心为进一步扩大援助覆盖面，不断提升群众满意度。全年办理援助案件120件。"))).toEqual(["。"]);
    // At the paragraph's end there is no next sentence to join: reported, with no fix offered.
    expect(checkMissingWords("为深入推进矛盾纠纷源头化解，切实维护基层和谐稳定。").map((f) => f.suggestion)).toEqual([undefined]);
  });
  it("leaves a purpose followed by its main clause, 为 that opens no purpose, and a goal clause that is the main verb", () => {
    expect(checkMissingWords("为深入推进矛盾纠纷源头化解，切实维护基层和谐稳定，镇司法所组织开展了集中排查。")).toEqual([]);
    expect(checkMissingWords("为民办实事项目全部完成，提高了群众满意度。")).toEqual([]);
    expect(checkMissingWords("以网格化管理为抓手，提升基层治理水平。")).toEqual([]);
    expect(checkMissingWords("为推进平安建设，镇里制定了方案，提高了工作效率。")).toEqual([]);
  });
});

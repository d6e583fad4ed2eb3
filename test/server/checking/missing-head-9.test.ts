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

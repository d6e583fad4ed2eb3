import { describe, expect, it } from "vitest";
import { checkTypos, type TypoContext } from "../../../server/checking/typo/index.ts";

const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);

describe("precision on real reports: guards that apply as a class", () => {
  it("keeps 室 ending the office of a unit (科室, 处室, 股室), as it keeps 局/委/院", () => {
    expect(typos("局内各股室协调联动，形成合力。")).toEqual([]);
  });

  it("keeps the 信访 terms 下访 and 接访 (work-line keywords), which the dictionary lacks", () => {
    expect(typos("通过摸排、干部下访、领导接访等方式调处矛盾纠纷。")).toEqual([]);
  });

  it("holds a grammatical word standing alone (因, 任) against a reading of another shape or sound", () => {
    expect(typos("社区建设中因当时的安置政策不配套，遗留了问题。")).toEqual([]);
    expect(typos("办事处主任任双组长，分管领导任副组长。")).toEqual([]);
  });

  it("still corrects a grammatical character slipped for one of the same sound (档按 → 档案)", () => {
    expect(typos("干部人事数字档按在利用、转递中发挥作用。")).toContain("按→案");
  });
});

describe("shape slips on the strong evidence of official prose's character runs", () => {
  it("corrects a shape slip the model weighs down when the runs as written never occur and the corrected ones are frequent", () => {
    expect(typos("为共建美好家园贡献自已的一份力量。")).toEqual(["已→己"]);
    // Official prose writes 自已 twice (its own slips): usage at the floor does not shield it from strong evidence.
    expect(typos("为共建美好家园贡献自己的一份力量，已经取得成效。")).toEqual([]);
  });
});

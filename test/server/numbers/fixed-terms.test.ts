import { describe, expect, it } from "vitest";
import { extractFigures } from "../../../server/numbers/index.ts";

describe("fixed terms added with the number-consistency rule", () => {
  it.each(["中央八项规定精神", "办好十件实事", "抓好两件大事", "推进三所一庭联动", "建立十户联防机制", "落实三张清单"])("reads no figure in %s", (text) => {
    expect(extractFigures(text)).toEqual([]);
  });

  it("still reads the figures beside them", () => {
    expect(extractFigures("落实中央八项规定精神，查处问题12起").map((f) => f.value)).toEqual([12]);
  });
});

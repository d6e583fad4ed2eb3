import { describe, expect, it } from "vitest";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

const ctx = { year: 2025, registry: loadRegistry(), periodEnd: 20251231 };
const numbering = (text: string) => checkNumbering(text, ctx).map((f) => [f.severity, f.text, f.suggestion ?? null, f.message.slice(0, 12)]);

describe("numbering on excerpts and run-in items", () => {
  it("reports run-in 1、 2、 items inside a paragraph with their 1. 2. form", () => {
    const text = "一、推进法治建设\n全面落实普法责任制。1、健全工作机制，定期研究部署。2、压实主体责任，逐级签订责任书。\n";
    const found = checkNumbering(text, ctx).filter((f) => f.message.startsWith("三级序号"));
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([["1、", "1."], ["2、", "2."]]);
    expect(found.every((f) => f.severity === "error")).toBe(true);
  });

  it("leaves a lone 2、3月 alone: a date pair is no item when no neighbouring item is written the same way", () => {
    expect(checkNumbering("全县开展专项行动。2、3月份共排查隐患36处。\n", ctx)).toEqual([]);
  });

  it("a text whose first heading is 二、 gets a note that its opening may be cut, not an error", () => {
    const found = checkNumbering("二、强化社会治安防控\n全年破获刑事案件120起。\n三、深化矛盾纠纷化解\n调解纠纷300件。\n", ctx);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toMatch(/若不是节选/);
  });

  it("a skipped number after the first heading is still an error", () => {
    const found = checkNumbering("一、强化防控\n破案120起。\n三、化解纠纷\n调解300件。\n", ctx);
    expect(found.map((f) => [f.severity, f.suggestion])).toEqual([["error", "二、"]]);
  });

  it("a lone 一是 where the text ends is a note (an excerpt may stop there); inside the text it is a warning", () => {
    expect(numbering("全年工作扎实推进。一是队伍建设不断加强。").map((f) => f.slice(0, 2))).toEqual([["info", "一是"]]);
    const inside = checkNumbering("一、队伍建设\n一是教育整顿成果巩固。\n二、平安建设\n防控体系不断完善。\n", ctx);
    expect(inside.map((f) => f.severity)).toEqual(["warning"]);
  });
});

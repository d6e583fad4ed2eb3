import { describe, expect, it } from "vitest";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { checkPunctuation } from "../../../server/checking/rules/punctuation.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Usages of published official prose that an earlier version reported, each with the case the rule still
// reports beside it (fixtures in our own words).

const ctx = { year: 2025, registry: loadRegistry(), periodEnd: 20251231 };
const TITLE = "某县委政法委2025年工作总结\n";

describe("一是 used for each item of one paragraph (一是……，一是……)", () => {
  it("is not a run left without its 二是", () => {
    const text = `${TITLE}一、主要工作\n今年集中精力办好两件事：一是加强基层组织建设，一是完善矛盾纠纷化解机制。\n二、存在问题\n基层力量薄弱。`;
    expect(checkNumbering(text, ctx).filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("while a lone 一是 with no second item is still reported", () => {
    const text = `${TITLE}一、主要工作\n今年集中精力办好一件事：一是加强基层组织建设。\n二、存在问题\n基层力量薄弱。`;
    expect(checkNumbering(text, ctx).some((f) => f.severity === "warning" && f.message.includes("一是"))).toBe(true);
  });
});

describe("a conjunction after a 顿号 inside modifiers of one noun", () => {
  const commaFindings = (text: string) => checkPunctuation(TITLE + text).filter((f) => f.message.includes("引出分句"));

  it("is no clause: 长期的、但终将成功的任务", () => {
    expect(commaFindings("这是一项长期的、艰巨的、但终将成功的任务。")).toEqual([]);
    expect(commaFindings("要表彰对调解工作持积极态度、并起带头作用的人。")).toEqual([]);
  });

  it("while a conjunction that opens a clause after a 顿号 is still reported", () => {
    expect(commaFindings("民警现场核查线索、并及时依法处置。")).toHaveLength(1);
  });
});

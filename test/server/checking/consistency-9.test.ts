import { describe, expect, it } from "vitest";
import { checkTotals } from "../../../server/checking/rules/totals.ts";
import { checkArithmetic } from "../../../server/checking/rules/arithmetic.ts";
import { repetitionInParagraph } from "../../../server/checking/rules/repetition.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";

// Issue 16, internal consistency (our own sentences): a whole split into done and not done, and a rate
// of a part within its whole, each read from its parts.

const lists = builtinOfficeLists();
const ctx = { year: 2025, registry: loadRegistry(), repetition: lists.repetition, collocations: lists.collocations };
const texts = (fs: Array<{ text: string }>) => fs.map((f) => f.text);

describe("a whole split into 已X and 未X adds up", () => {
  it("reports parts that do not make the whole, unit by unit", () => {
    expect(texts(checkTotals("全村共有低保户52户130人，已走访38户95人，未走访15户35人。"))).toEqual(["已走访38户95人，未走访15户35人"]);
    expect(texts(checkTotals("共排查矛盾纠纷316件，已化解290件，尚未化解24件，正在跟进。"))).toEqual(["已化解290件，尚未化解24件"]);
  });
  it("leaves parts that add up, parts of another verb, and a whole counted in another unit", () => {
    expect(checkTotals("全村共有低保户52户130人，已走访38户95人，未走访14户35人。")).toEqual([]);
    expect(checkTotals("共排查矛盾纠纷316件，已化解290件，未立案24件。")).toEqual([]);
    expect(checkTotals("共投入资金316万元，已化解290件，尚未化解24件。")).toEqual([]);
  });
});

describe("a rate of a part within its whole is at most 100%", () => {
  it("reports a success, settlement or coverage rate over 100%", () => {
    expect(texts(checkArithmetic("全年调处纠纷210件，调解成功率达100.5%。", ctx))).toEqual(["100.5%"]);
    expect(texts(checkArithmetic("群众安全感满意率为102%。", ctx))).toEqual(["102%"]);
  });
  it("leaves completion and growth rates, which may exceed 100%, and rates at most 100%", () => {
    expect(checkArithmetic("年度任务完成率达120%。", ctx)).toEqual([]);
    expect(checkArithmetic("案件数量增长率为130%。", ctx)).toEqual([]);
    expect(checkArithmetic("矛盾纠纷化解率为100%。", ctx)).toEqual([]);
  });
});

describe("与 + a year + 同比: 同比 names the comparison already", () => {
  it("reports a year written out before 同比, as for 去年", () => {
    expect(texts(repetitionInParagraph("刑事案件发案数与2024年同比下降12.3%。", ctx))).toEqual(["与2024年"]);
  });
  it("leaves 同比 alone and a year compared with 相比", () => {
    expect(repetitionInParagraph("刑事案件发案数同比下降12.3%。", ctx)).toEqual([]);
    expect(repetitionInParagraph("刑事案件发案数与2024年相比下降12.3%。", ctx)).toEqual([]);
  });
});

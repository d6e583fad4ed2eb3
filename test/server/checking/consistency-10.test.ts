import { describe, expect, it } from "vitest";
import { checkConsistency } from "../../../server/checking/rules/consistency.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Issue 16, session 10 (our own sentences): one document cited under two names in one report.

const registry = loadRegistry();
const found = (text: string) =>
  checkConsistency(text, { year: 2023, registry }).filter((f) => f.message.includes("文件名称")).map((f) => f.text);

describe("one document cited under two names", () => {
  it("reports the later citation when a word is inserted or dropped in the middle", () => {
    expect(found("年初印发《某县矛盾纠纷多元化解工作实施方案》。\n年底对照《某县矛盾纠纷多元化解实施方案》逐项检查，《某县矛盾纠纷多元化解实施方案》全部完成。"))
      .toEqual(["《某县矛盾纠纷多元化解实施方案》", "《某县矛盾纠纷多元化解实施方案》"]);
  });
  it("leaves short names, other documents of the family, and other years", () => {
    expect(found("学习《中华人民共和国民法典》，宣传《民法典》。")).toEqual([]);
    expect(found("落实《关于加强人民调解工作的通知》和《关于加强人民调解工作的补充通知》。")).toEqual([]);
    expect(found("执行《某省信访条例》和《某省信访条例实施细则》。")).toEqual([]);
    expect(found("完成《2023年度平安建设考评方案》和《2024年度平安建设考评方案》。")).toEqual([]);
    expect(found("制定《社区矫正对象教育帮扶办法》，修订《社区矫正对象日常管理办法》。")).toEqual([]);
  });
});

import { headingLabels } from "../../server/text/headings.ts";
import { describe, expect, it } from "vitest";
import { draftOutline } from "../../server/drafting/draft.ts";
import { paragraphsToDraft } from "../../web/features/drafting/draft-import.ts";

const LINES = [
  "东城区委政法委2025年工作总结",
  "2025年，在区委的坚强领导下，现将有关情况总结如下：",
  "一、主要工作及成效",
  "（一）坚决维护国家政治安全",
  "开展反邪教警示教育宣传活动45场。",
  "（二）化解矛盾纠纷",
  "全年共排查矛盾纠纷6200件。",
  "二、存在的问题",
  "一是基层网格员队伍流动性较大。",
  "三、下一步工作打算",
  "持续深化平安东城建设。",
];

describe("importing a .docx draft", () => {
  it("turns headings into sections with roles and keeps body text under its heading", () => {
    const d = paragraphsToDraft(LINES, new Date("2026-01-01T00:00:00Z"));
    expect(d).toMatchObject({ title: LINES[0], year: 2025, unit: "东城区委政法委" });
    const labels = headingLabels(d.sections);
    expect(d.sections.map((s, i) => [s.role, s.level, labels[i]])).toEqual([
      ["opening", 0, ""],
      ["work", 1, "一、主要工作及成效"],
      ["work", 2, "（一）坚决维护国家政治安全"],
      ["work", 2, "（二）化解矛盾纠纷"],
      ["problems", 1, "二、存在的问题"],
      ["plans", 1, "三、下一步工作打算"],
    ]);
    expect(d.sections[3].text).toBe("全年共排查矛盾纠纷6200件。");
    expect(draftOutline(d).sections[2].heading).toBe("坚决维护国家政治安全");
  });

});

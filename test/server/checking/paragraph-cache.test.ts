import { describe, expect, it } from "vitest";
import { checkText, ruleFindings } from "../../../server/checking/check.ts";
import { paragraphCacheStats } from "../../../server/checking/rules/paragraphs.ts";
import { builtinOfficeLists, type OfficeLists } from "../../../server/lists/office.ts";

// A re-check after an edit re-runs the paragraph rules only on the paragraphs that changed; the document
// rules (numbering, pairs across lines, repeated sentences …) run every time, so their findings follow the edit.

const paragraphs = [
  "某县委政法委2025年工作总结",
  "一、主要工作",
  "全县认真的落实各项措施，矛盾纠纷排查化解率达到98%。",
  "各乡镇建立了调解室 ，全年调解纠纷1200件。",
  "二、存在问题",
  "基层力量仍然还比较薄弱。",
];

function freshLists(): OfficeLists {
  // A new lists object is a new cache owner, so each test starts cold.
  return { ...builtinOfficeLists() };
}

describe("the paragraph cache", () => {
  it("re-runs the paragraph rules only on the paragraph that changed", async () => {
    const lists = freshLists();
    const first = paragraphs.join("\n");
    await checkText(first, { year: 2025, lists });
    const before = { ...paragraphCacheStats };
    const edited = [...paragraphs];
    edited[3] = "各乡镇建立了调解室，全年调解纠纷1200件。";
    await checkText(edited.join("\n"), { year: 2025, lists });
    expect(paragraphCacheStats.misses - before.misses).toBe(1);
    expect(paragraphCacheStats.hits - before.hits).toBe(paragraphs.length - 1);
  });

  it("gives the same findings from the cache as a check without it, at the edited offsets", async () => {
    const lists = freshLists();
    await checkText(paragraphs.join("\n"), { year: 2025, lists });
    // Insert a paragraph at the top: every later paragraph moves, and comes from the cache.
    const moved = ["说明：本稿供讨论。", ...paragraphs].join("\n");
    const cached = await checkText(moved, { year: 2025, lists });
    const ctx = { year: 2025, registry: lists.registry, repetition: lists.repetition, collocations: lists.collocations, adverbials: lists.adverbials, periodEnd: 20251231 };
    const uncached = ruleFindings(moved, ctx, lists.stockPhrases);
    const key = (f: { kind: string; start: number; end: number; message: string }) => `${f.kind}:${f.start}:${f.end}:${f.message}`;
    const rules = cached.findings.filter((f) => f.kind !== "typo" || !f.message.startsWith("疑似错别字"));
    expect(new Set(rules.map(key))).toEqual(new Set(uncached.filter((f) => f.kind !== "typo" || !f.message.startsWith("疑似错别字")).map(key)));
    for (const f of cached.findings) expect(moved.slice(f.start, f.end)).toBe(f.text);
  });

  it("runs the document rules on every check: a numbering finding follows the edit", async () => {
    const lists = freshLists();
    const broken = [...paragraphs];
    broken[4] = "三、存在问题";
    const a = await checkText(broken.join("\n"), { year: 2025, lists });
    expect(a.findings.some((f) => f.kind === "numbering")).toBe(true);
    const b = await checkText(paragraphs.join("\n"), { year: 2025, lists });
    expect(b.findings.some((f) => f.kind === "numbering")).toBe(false);
  });

  it("keys the cache by the report year: a leader's title judged in another year is judged again", async () => {
    const lists = freshLists();
    const text = "某县委政法委工作总结\n认真学习胡锦涛总书记重要讲话精神。";
    const then = await checkText(text, { year: 2008, lists });
    const now = await checkText(text, { year: 2025, lists });
    expect(then.findings.some((f) => f.kind === "outdated")).toBe(false);
    expect(now.findings.some((f) => f.kind === "outdated")).toBe(true);
  });
});

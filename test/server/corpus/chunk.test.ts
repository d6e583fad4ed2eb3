import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChunks, CHUNK_HARD_MAX, CHUNK_TARGET, embeddingText, RUN_ON_MAX } from "../../../server/corpus/chunk.ts";
import { cleanText } from "../../../server/corpus/clean.ts";
import { analyzeStructure } from "../../../server/corpus/structure.ts";

const meta = { docId: "d_test", title: "测试", year: 2024 };
function chunk(text: string) {
  return buildChunks(text, analyzeStructure(text), meta);
}
const sentence = (i: number, len = 60) => `第${i}句${"政法工作".repeat(Math.ceil(len / 4)).slice(0, len - 4 - String(i).length)}。`;

describe("chunking", () => {
  it("keeps a short paragraph whole and merges its standalone heading into it", () => {
    const t = "标题行\n一、主要工作\n（一）平安建设\n全年发案同比下降8%。";
    const cs = chunk(t);
    expect(cs).toHaveLength(1);
    expect(cs[0].text).toBe(t); // title, both headings and the body: heading-only fragments merge forward
    expect(cs[0].headingPath).toEqual(["一、主要工作", "（一）平安建设"]);
    expect(cs[0].role).toBe("work");
  });

  it("splits a long paragraph at sentence ends into pieces of at most the target size", () => {
    const body = Array.from({ length: 20 }, (_, i) => sentence(i)).join("");
    const t = `标题\n一、主要工作\n${body}`;
    const cs = chunk(t);
    expect(cs.length).toBeGreaterThan(3);
    for (const c of cs) {
      expect(t.slice(c.start, c.end)).toBe(c.text);
      expect(c.text.endsWith("。")).toBe(true);
      expect(c.text.startsWith("。")).toBe(false);
      const bodyPart = c.text.replace("标题\n一、主要工作\n", "");
      expect(bodyPart.length).toBeLessThanOrEqual(CHUNK_TARGET);
    }
    // Pieces are even-ish, not one full piece and a stub.
    const lengths = cs.map((c) => c.end - c.start);
    expect(Math.min(...lengths)).toBeGreaterThan(100);
  });

  it("splits a single over-long sentence at semicolons, and leaves one without them whole", () => {
    const clauses = Array.from({ length: 12 }, (_, i) => `第${i}项措施${"扎实推进".repeat(14)}`).join("；") + "。";
    expect(clauses.length).toBeGreaterThan(CHUNK_HARD_MAX);
    const cs = chunk(`标题\n一、工作\n${clauses}`);
    expect(cs.length).toBeGreaterThan(1);
    for (const c of cs) expect(c.text).toMatch(/[；。]$/);
    const runOn = "持续" + "推进平安建设".repeat(120) + "。";
    const one = chunk(`标题\n一、工作\n${runOn}`);
    expect(one).toHaveLength(1);
    expect(one[0].text.endsWith(runOn)).toBe(true);
  });

  it("cuts a run of text with no sentence ends at commas or spaces (or anywhere) once it is far past any real sentence", () => {
    // A run-on of 20,000 characters: comma-separated clauses, then Latin words, then a run with no break at all.
    const commas = Array.from({ length: 400 }, (_, i) => `第${i}项排查整治工作`).join("，");
    const words = Array.from({ length: 1500 }, (_, i) => `item${i}`).join(" ");
    const solid = "平安建设".repeat(1500);
    for (const run of [commas, words, solid]) {
      expect(run.length).toBeGreaterThan(RUN_ON_MAX);
      const t = `标题\n一、工作\n${run}`;
      const cs = chunk(t);
      expect(cs.length).toBeGreaterThan(run.length / CHUNK_HARD_MAX - 1);
      for (const c of cs) {
        expect(t.slice(c.start, c.end)).toBe(c.text);
        expect(c.text.replace("标题\n一、工作\n", "").length).toBeLessThanOrEqual(CHUNK_HARD_MAX);
      }
      // Nothing is lost but the spaces at the cuts.
      expect(cs.map((c) => c.text).join("").replace(/\s/g, "")).toBe(t.replace(/\s/g, ""));
    }
    // Cut at a soft break where there is one.
    for (const c of chunk(`标题\n一、工作\n${commas}`).slice(0, -1)) expect(c.text).toMatch(/，$/);
  });

  it("gives each 一是/二是 item of a long paragraph its own chunk", () => {
    const items = ["一是", "二是", "三是"].map((m, i) => `${m}${sentence(i, 70)}${sentence(i + 10, 70)}`).join("");
    const t = `标题\n（一）突出平安建设，坚决打赢治安防控大局战。${items}`;
    const cs = chunk(t);
    expect(cs.map((c) => c.text.slice(0, 2))).toEqual(["标题", "二是", "三是"]);
    expect(cs[0].text).toContain("（一）突出平安建设");
    expect(cs[0].text).toContain("一是");
  });

  it("merges a short lead line into the item it introduces, but not across a role change", () => {
    const t = "标题\n一、情况\n经查，未发现违纪违法情况。\n加强廉政风险防控的意见建议。\n一是加强领导，落实责任。二是健全制度。";
    const cs = chunk(t);
    expect(cs).toHaveLength(2);
    expect(cs[0].role).toBe("work");
    expect(cs[0].text).toContain("经查");
    expect(cs[1].role).toBe("plans");
    expect(cs[1].text.startsWith("加强廉政风险防控的意见建议。\n一是")).toBe(true);
  });

  it("attaches a trailing heading with no body to the last chunk, and a title-only text is one chunk", () => {
    const cs = chunk("标题\n一、工作\n全年工作有序推进。\n二、问题");
    expect(cs).toHaveLength(1);
    expect(cs[0].text.endsWith("二、问题")).toBe(true);
    const only = chunk("XX区委政法委2024年工作总结");
    expect(only).toHaveLength(1);
    expect(only[0].role).toBe("title");
  });

  it("keeps the 落款 (unit and date) with the last passage instead of making it a chunk", () => {
    const t = "标题\n一、工作\n全年工作有序推进，各项任务圆满完成。\nXX区委政法委\n2024年12月30日";
    const a = analyzeStructure(t);
    expect(a.paras.slice(-2).map((p) => p.kind)).toEqual(["signature", "signature"]);
    const cs = chunk(t);
    expect(cs).toHaveLength(1);
    expect(cs[0].text.endsWith("XX区委政法委\n2024年12月30日")).toBe(true);
    expect(a.structure.sections.at(-1)!.end).toBe(t.length);
  });

  it("builds the embedded text from the heading path and the text", () => {
    const [c] = chunk("标题\n一、主要工作\n（二）平安建设\n全年发案下降。");
    expect(embeddingText(c)).toBe(`一、主要工作 > （二）平安建设\n${c.text}`);
    expect(embeddingText({ ...c, headingPath: [] })).toBe(c.text);
  });

  it("keeps exact offsets for reports recombined from the samples' real paragraphs (property)", () => {
    const corpus = join(import.meta.dirname, "../../../corpus");
    const paragraphs = readdirSync(corpus)
      .filter((f) => f.endsWith(".txt"))
      .flatMap((f) => cleanText(readFileSync(join(corpus, f), "utf8")).text.split("\n"));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...paragraphs), { minLength: 1, maxLength: 25 }), (ps) => {
        const text = ps.join("\n");
        const cs = chunk(text);
        expect(cs.length).toBeGreaterThan(0);
        let prev = 0;
        for (const c of cs) {
          expect(text.slice(c.start, c.end)).toBe(c.text);
          expect(c.start).toBeGreaterThanOrEqual(prev);
          expect(c.text).not.toMatch(/^[。！？；，]/);
          prev = c.end;
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

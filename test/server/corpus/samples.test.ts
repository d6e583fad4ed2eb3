import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { embeddingText } from "../../../server/corpus/chunk.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { splitSentences } from "../../../server/text/sentences.ts";
import type { PreparedReport, Role } from "../../../server/corpus/types.ts";
import { ChunkSchema, PreparedDocumentSchema } from "../../../server/corpus/types.ts";
import { WORK_LINE_IDS } from "../../../server/text/work-lines.ts";

const CORPUS = join(import.meta.dirname, "../../../corpus");
const FILES = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();

const prepared = new Map<string, PreparedReport>();
beforeAll(async () => {
  for (const f of FILES) prepared.set(f, await prepareReport(f, readFileSync(join(CORPUS, f))));
});
const get = (prefix: string) => {
  const name = FILES.find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`sample ${prefix} missing`);
  return prepared.get(name)!;
};

function headingCounts(r: PreparedReport): number[] {
  return [1, 2, 3, 4].map((l) => r.document.structure.headings.filter((h) => h.level === l).length);
}
function roles(r: PreparedReport): Set<Role> {
  return new Set(r.chunks.map((c) => c.role));
}
function chunkContaining(r: PreparedReport, needle: string) {
  const c = r.chunks.find((ch) => ch.text.includes(needle));
  if (!c) throw new Error(`no chunk contains ${needle}`);
  return c;
}

// Expected values were read off the files by hand (see corpus/README.md for what each sample is).
const EXPECTED = {
  "000": { title: "区委政法委2021年工作总结", year: 2021, level: "区", headings: [5, 7, 0, 0], runs: 2, roles: ["opening", "work"] },
  "001": { title: "2021年目标任务考核完成情况自查报告", year: 2021, level: "区", headings: [7, 0, 0, 0], runs: 0, roles: ["opening", "work", "closing"] },
  "002": { title: "XX区委政法委2025年工作总结和2026年工作计划", year: 2025, level: "区", headings: [1, 4, 13, 0], runs: 0, roles: ["opening", "work"] },
  "003": { title: "**市委政法委工作情况报告", year: null, level: "市", headings: [3, 6, 0, 0], runs: 6, roles: ["opening", "work", "problems", "plans"] },
  "004": { title: "X县政法工作汇报", year: null, level: "县", headings: [4, 0, 0, 0], runs: 5, roles: ["opening", "work", "problems", "plans"] },
} as const;

describe("the five sample reports", () => {
  it("are all present", () => {
    expect(FILES.length).toBe(5);
  });

  for (const [prefix, exp] of Object.entries(EXPECTED)) {
    describe(`sample ${prefix}`, () => {
      it("has the expected title, year and level", () => {
        const d = get(prefix).document;
        expect(d.title).toBe(exp.title);
        expect(d.year).toBe(exp.year);
        expect(d.level).toBe(exp.level);
        expect(d.structure.title).toBe(exp.title);
      });
      it("has the expected number of headings per level and 一是/二是 runs", () => {
        const r = get(prefix);
        expect(headingCounts(r)).toEqual(exp.headings);
        expect(r.document.structure.enumerationRuns).toBe(exp.runs);
      });
      it("has exactly the expected roles among its chunks", () => {
        expect([...roles(get(prefix))].sort()).toEqual([...exp.roles].sort());
      });
      it("validates against the shared schemas", () => {
        const r = get(prefix);
        expect(() => PreparedDocumentSchema.parse(r.document)).not.toThrow();
        for (const c of r.chunks) expect(() => ChunkSchema.parse(c)).not.toThrow();
      });
    });
  }

  it("000: headings are numbered consecutively within their parent and run-in headings are split from their body", () => {
    const h = get("000").document.structure.headings;
    expect(h.filter((x) => x.level === 1).map((x) => x.ordinal)).toEqual([1, 2, 3, 4, 5]);
    const second = h.find((x) => x.marker === "（二）")!;
    expect(second.text).toBe("突出基础建设，坚决打赢社会治理持久战");
    expect(second.runIn).toBe(true);
    const c = chunkContaining(get("000"), "夯实平台基础");
    expect(c.headingPath).toEqual(["一、履职尽责", "（二）突出基础建设，坚决打赢社会治理持久战"]);
    expect(c.tags).toContain("基层治理");
  });

  it("000 has no title line, so the title is derived from the opening sentence", () => {
    const r = get("000");
    expect(r.document.cleanedText.startsWith("2021年，在区委区政府")).toBe(true);
    expect(r.chunks[0].role).toBe("opening");
  });

  it("001: the summing-up paragraph after the last section is the closing", () => {
    const c = chunkContaining(get("001"), "一年来，全区政法工作统筹推进");
    expect(c.role).toBe("closing");
    expect(c.headingPath).toEqual([]);
    expect(get("001").chunks.at(-1)!.role).toBe("closing");
    expect(get("001").document.structure.sections.at(-1)).toMatchObject({ role: "closing", headingPath: [] });
  });

  it("002: half-width (一) and 1. headings nest into a three-level heading path", () => {
    const c = chunkContaining(get("002"), "严格落实“第一议题”制度");
    expect(c.headingPath).toEqual([
      "一、2025年工作开展情况",
      "(一)铸牢政治忠诚之魂,以高站位引领政法工作正确方向",
      "1.深学细悟党的创新理论",
    ]);
    expect(c.tags[0]).toBe("队伍建设");
    const item3 = get("002").document.structure.headings.find((x) => x.text === "扎实开展深入贯彻中央八项规定精神学习教育")!;
    expect(item3.level).toBe(3);
    expect(item3.runIn).toBe(false); // a heading alone on its line, ending in 。
    expect(chunkContaining(get("002"), "深化扫黑除恶常态化").tags[0]).toBe("扫黑除恶");
  });

  it("003: problems and plans sections are recognised under a work section, and 下一步工作 is plans", () => {
    const r = get("003");
    expect(chunkContaining(r, "政法人员理论学习有待进一步提高").role).toBe("problems");
    expect(chunkContaining(r, "打造强劲火车头").role).toBe("plans");
    expect(chunkContaining(r, "坚持把学习教育贯穿始终").role).toBe("plans");
    expect(chunkContaining(r, "充分做好准备工作").role).toBe("work");
  });

  it("004: the mixed heading 存在的问题及下一步工作措施 is problems, its 下一步 paragraph is plans", () => {
    const r = get("004");
    const h = r.document.structure.headings.at(-1)!;
    expect(h.text).toBe("存在的问题及下一步工作措施");
    expect(chunkContaining(r, "但离上级的要求和群众的期盼还存在一定差距").role).toBe("problems");
    expect(chunkContaining(r, "下一步，我县将认真贯彻落实").role).toBe("plans");
    expect(chunkContaining(r, "筑牢维护国家政治安全防线").role).toBe("plans");
    const sections = r.document.structure.sections;
    expect(sections.map((s) => s.role)).toEqual(["title", "opening", "work", "work", "work", "problems", "plans"]);
  });
});

describe("cleaning of the samples", () => {
  const NOISE = [
    "##paid", "paidend", "微 信", "dadawk01", "阅读全文", "想阅读完全部图文内容", "分享:", "微信扫一扫", "相关内容",
    "热门推荐", "本周热门", "二维码", "微信订阅号", "联系客服", "仅供学习", "禁止外传", "会员群", "QQ群", "酷乐文行",
    "现在订阅", "打击倒卖", "2026-01-04",
  ];
  it("leaves no ad, chrome or paywall text in any cleaned text", () => {
    for (const f of FILES) {
      const text = prepared.get(f)!.document.cleanedText;
      for (const n of NOISE) expect(text, `${f} still contains ${n}`).not.toContain(n);
    }
  });
  it("records each removal with its kind and line number", () => {
    const kinds = (p: string) => get(p).document.removed.map((r) => `${r.kind}@${r.line}`);
    expect(get("000").document.removed).toEqual([]);
    expect(kinds("001")).toEqual(["paywall@4", "ad@4", "paywall@10"]);
    expect(get("001").document.removed[1].text).toBe("【更多公文素材，微 信：dadawk01】");
    expect(kinds("002")).toEqual([
      "duplicate-title@1", "date-line@2", "chrome@72", "paywall@73", "chrome@75", "chrome@77", "chrome@79", "chrome@80",
      "chrome@81", "chrome@82", "chrome@83", "chrome@85", "chrome@87",
    ]);
    expect(kinds("004")).toEqual(["ad@1", "ad@2", "ad@3", "ad@4", "ad@5", "ad@7", "ad@8", "ad@9"]);
    expect(get("003").document.removed).toEqual([]);
  });
  it("keeps the report's own words and half-width punctuation as written", () => {
    const t = get("002").document.cleanedText;
    expect(t).toContain("2025年,XX区委政法委坚持以习近平新时代中国特色社会主义思想为指导,");
    expect(t).toContain("(1个区级指挥中心、5个专业预警小组、N个基层预警点)");
    // 001's paywall marker sat at the start of a paragraph: the paragraph itself survives intact.
    expect(get("001").document.cleanedText).toContain("\n二、坚持以党的建设为牵引，推动政治能力大提升。");
    expect(get("001").document.cleanedText).toContain("按要求完成了各项任务。\n三、");
  });
  it("has one paragraph per line, no blank lines and no edge whitespace", () => {
    for (const f of FILES) {
      for (const line of prepared.get(f)!.document.cleanedText.split("\n")) {
        expect(line).not.toBe("");
        expect(line).toBe(line.trim());
        expect(line.startsWith("\u3000")).toBe(false);
      }
    }
  });
});

describe("chunks of the samples", () => {
  it("have exact offsets into the cleaned text, for every chunk of every sample", () => {
    for (const f of FILES) {
      const r = prepared.get(f)!;
      for (const c of r.chunks) expect(r.document.cleanedText.slice(c.start, c.end)).toBe(c.text);
    }
  });
  it("are in order, do not overlap, and together cover every paragraph", () => {
    for (const f of FILES) {
      const r = prepared.get(f)!;
      const covered = new Uint8Array(r.document.cleanedText.length);
      let prevEnd = 0;
      r.chunks.forEach((c, i) => {
        expect(c.seq).toBe(i);
        expect(c.id).toBe(`${r.document.id}:${i}`);
        expect(c.start).toBeGreaterThanOrEqual(prevEnd);
        prevEnd = c.end;
        for (let k = c.start; k < c.end; k++) covered[k] = 1;
      });
      const t = r.document.cleanedText;
      for (let k = 0; k < t.length; k++) if (!/\s/.test(t[k])) expect(covered[k], `${f}: char ${k} ${t[k]} not in a chunk`).toBe(1);
    }
  });
  it("never start with sentence-end punctuation and never end inside a sentence", () => {
    for (const f of FILES) {
      const r = prepared.get(f)!;
      const t = r.document.cleanedText;
      for (const c of r.chunks) {
        expect(c.text).not.toMatch(/^[。！？；;，,、”’）)]/);
        // A chunk ends at a sentence end (。！？；, with closing quotes) or at the end of its paragraph.
        const endsSentence = /[。！？!?；;…][”’）)」》]*$/.test(c.text);
        const endsParagraph = c.end === t.length || t[c.end] === "\n";
        expect(endsSentence || endsParagraph, `${f} chunk ${c.seq} ends mid-sentence: …${c.text.slice(-15)}`).toBe(true);
      }
    }
  });
  it("are never heading-only: every chunk has body text beyond its headings", () => {
    for (const f of FILES) {
      const r = prepared.get(f)!;
      const { headings } = r.document.structure;
      for (const c of r.chunks) {
        // Remove the heading spans and the title; something substantial must remain.
        let rest = c.text;
        for (const h of headings) if (h.start >= c.start && h.end <= c.end) rest = rest.replace(r.document.cleanedText.slice(h.start, h.end), "");
        rest = rest.replace(r.document.title, "").replace(/[\s。：:]/g, "");
        expect(rest.length, `${f} chunk ${c.seq} is heading-only`).toBeGreaterThan(15);
      }
    }
  });
  it("stay within the target size unless a single sentence is longer", () => {
    for (const f of FILES) {
      for (const c of prepared.get(f)!.chunks) {
        const sentences = splitSentences(c.text);
        if (sentences.length > 1) expect(c.text.length, `${f} chunk ${c.seq}`).toBeLessThanOrEqual(600);
      }
    }
  });
  it("split long 一是/二是 paragraphs at their items", () => {
    const r = get("000");
    expect(r.chunks.some((c) => c.text.startsWith("二是提升各类人群管理水平"))).toBe(true);
    expect(r.chunks.some((c) => c.text.startsWith("三是扎实推进铁路护路工作"))).toBe(true);
  });
  it("carry document metadata and only known work-line tags (at most three)", () => {
    for (const f of FILES) {
      const r = prepared.get(f)!;
      for (const c of r.chunks) {
        expect(c.docId).toBe(r.document.id);
        expect(c.title).toBe(r.document.title);
        expect(c.year).toBe(r.document.year);
        expect(c.tags.length).toBeLessThanOrEqual(3);
        for (const t of c.tags) expect(WORK_LINE_IDS).toContain(t);
      }
    }
  });
  it("embed their heading path with their text", () => {
    const c = chunkContaining(get("002"), "严格落实“第一议题”制度");
    const e = embeddingText(c);
    expect(e.startsWith("一、2025年工作开展情况 > (一)铸牢政治忠诚之魂")).toBe(true);
    expect(e.endsWith(c.text)).toBe(true);
  });
});

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chineseScore, decodeText, isPlausibleChinese } from "../../../server/corpus/decode.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { foldTraditional } from "../../../server/text/traditional.ts";
import { PreparedDocumentSchema } from "../../../server/corpus/types.ts";
import { AppError } from "../../../server/errors.ts";
import { encodeBig5 } from "./big5.ts";

const TRADITIONAL = readFileSync(join(import.meta.dirname, "fixtures/big5-report.utf8.txt"), "utf8");
const GBK_FIX = join(import.meta.dirname, "../../fixtures/corpus");

// A report sentence in Shift-JIS (Japanese): neither UTF-8, GBK nor Big5.
const SJIS =
  "l9+YYZhalE6BQYvmiM+QrZZAiM+I9Ynvgs2WtY+ClbSRiILMifCMiILJk3eC34FBlE6K1ILFiOqWnJPxkOeMj5ddguiC8I+Il52CtYLcgrWCvYFCjtCJ74LMiMCS6ILwiNuOnYK1gUGVvYjAjJqQ3YLwkISQaYK1gtyCt4FC";

describe("the Big5 test encoder", () => {
  it("encodes Traditional text to bytes that Node's Big5 decoder reads back, and that are not UTF-8", () => {
    const bytes = encodeBig5(TRADITIONAL);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(TRADITIONAL, "utf8"));
    expect(new TextDecoder("big5", { fatal: true }).decode(bytes)).toBe(TRADITIONAL);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
  });

  it("refuses a character Big5 has no code for", () => {
    expect(() => encodeBig5("这")).toThrow(/Big5/);
  });
});

describe("reading Big5 text", () => {
  it("decodes a Big5 report to its Traditional text unchanged and says it was Big5", () => {
    const d = decodeText("繁体报告.txt", encodeBig5(TRADITIONAL));
    expect(d.encoding).toBe("big5");
    expect(d.text).toBe(TRADITIONAL);
    expect(d.text).toContain("區委政法委堅持以習近平新時代中國特色社會主義思想為指導");
  });

  it("reads each line of the Big5 report on its own as Big5, even a short heading", () => {
    for (const line of TRADITIONAL.split("\n").filter((l) => /[^\x00-\x7f]/.test(l))) {
      const d = decodeText("行.txt", encodeBig5(line));
      expect([d.encoding, d.text], line).toEqual(["big5", line]);
    }
  });

  it("would be mojibake as GB18030: the GB18030 reading scores far below the Big5 one", () => {
    const bytes = encodeBig5(TRADITIONAL);
    const asGb = new TextDecoder("gb18030").decode(bytes);
    expect(isPlausibleChinese(asGb)).toBe(false);
    expect(chineseScore(TRADITIONAL) - chineseScore(asGb)).toBeGreaterThan(1);
  });

  it("prepares a Big5 report end to end: encoding, title, headings and roles", async () => {
    const r = await prepareReport("繁体报告.txt", encodeBig5(TRADITIONAL));
    expect(PreparedDocumentSchema.safeParse(r.document).success).toBe(true);
    expect(r.document.encoding).toBe("big5");
    expect(r.document.title).toBe("XX區委政法委2024年工作總結");
    expect(r.document.year).toBe(2024);
    const levels = r.document.structure.headings.map((h) => h.level);
    expect([levels.filter((l) => l === 1).length, levels.filter((l) => l === 2).length]).toEqual([3, 4]);
    const chunk = (needle: string) => r.chunks.find((c) => c.text.includes(needle))!;
    expect(chunk("調解成功率98.0%").role).toBe("work");
    // 存在的問題 / 下一步工作打算 in Traditional characters name their roles as the Simplified words do.
    expect(chunk("風險防控能力").role).toBe("problems");
    expect(chunk("信訪積案化解攻堅").role).toBe("plans");
  });

  it("keeps the Traditional text as written while level and work-line tags read it like Simplified", async () => {
    const r = await prepareReport("繁体报告.txt", encodeBig5(TRADITIONAL));
    expect(r.document.cleanedText).toContain("全區劃分網格412個");
    expect(r.document.level).toBe("区");
    const chunk = (needle: string) => r.chunks.find((c) => c.text.includes(needle))!;
    expect(chunk("涉惡團夥2個").text).toContain("推進常態化掃黑除惡鬥爭");
    expect(chunk("涉惡團夥2個").tags[0]).toBe("扫黑除恶");
    expect(chunk("調解成功率98.0%").tags[0]).toBe("矛盾纠纷");
    expect(chunk("全區劃分網格412個").tags).toContain("基层治理");
  });
});

describe("folding Traditional characters for matching", () => {
  it("maps character for character, so offsets into the fold are offsets into the text", () => {
    const folded = foldTraditional(TRADITIONAL);
    expect(folded.length).toBe(TRADITIONAL.length);
    expect(folded).toContain("区委政法委坚持以习近平新时代中国特色社会主义思想为指导");
    expect(folded).toContain("二、存在的问题");
  });

  it("leaves the Simplified sample reports unchanged", () => {
    const dir = join(import.meta.dirname, "../../../corpus");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt"))) {
      const text = readFileSync(join(dir, f), "utf8");
      expect(foldTraditional(text) === text, f).toBe(true);
    }
  });
});

describe("GB18030 stays the default", () => {
  it("still reads the GBK fixture as GB18030 although its bytes are valid Big5 too", () => {
    const gbk = new Uint8Array(readFileSync(join(GBK_FIX, "gbk-report.gbk.txt")));
    const d = decodeText("报告.txt", gbk);
    expect(d.encoding).toBe("gb18030");
    expect(d.text).toBe(readFileSync(join(GBK_FIX, "gbk-report.utf8.txt"), "utf8"));
  });

  it("keeps GB18030 when both readings are equally good Chinese", () => {
    // B3A3 B3CC B5D8: 常程地 in GB18030, 都最華 in Big5 — frequent characters either way.
    const bytes = Uint8Array.of(...new TextEncoder().encode("2024 "), 0xb3, 0xa3, 0xb3, 0xcc, 0xb5, 0xd8);
    const big5 = new TextDecoder("big5", { fatal: true }).decode(bytes);
    expect(big5).toBe("2024 都最華");
    expect(isPlausibleChinese(big5)).toBe(true);
    const d = decodeText("短.txt", bytes);
    expect([d.encoding, d.text]).toEqual(["gb18030", "2024 常程地"]);
  });

  it("refuses Shift-JIS, naming Big5 among the encodings it tried", () => {
    let err: unknown;
    try {
      decodeText("日文.txt", Buffer.from(SJIS, "base64"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request:encoding");
    expect((err as AppError).message).toMatch(/无法识别编码.*Big5.*另存为 UTF-8/);
  });
});

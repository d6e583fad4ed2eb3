import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { docxToText, draftToDocx, UNWRITTEN } from "../../server/docx/export.ts";
import type { Draft } from "../../server/drafting/types.ts";
import { documentDate, parseDocumentDateLine } from "../../server/text/dates.ts";
import { paragraphsToDraft } from "../../web/features/drafting/draft-import.ts";
import { sampleDraft, section } from "./fixtures.ts";

/** A finished draft with a 结尾 and a 成文日期, written in this test's own words. */
function signedDraft(): Draft {
  const d = sampleDraft({ date: "2026-12-06" });
  return {
    ...d,
    sections: [
      ...d.sections.map((s) => (s.id === "plans" ? { ...s, text: "持续推进基层治理现代化。\n深化矛盾纠纷多元化解。" } : s)),
      { ...section("opening", "新的一年，我们将继续埋头苦干，为平安建设作出新的更大贡献。"), id: "closing", role: "closing", heading: "", level: 0 },
    ],
  };
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const roundTrip = async (d: Draft) => docxToText(new Uint8Array((await draftToDocx(d)).bytes));

/** The paragraphs of document.xml with their alignment and right indent. */
function layout(bytes: Uint8Array) {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]);
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    text: [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
    right: /<w:jc w:val="(right|end)"/.test(m[1]),
    keepNext: /<w:keepNext\/>/.test(m[1]),
    indentRight: Number(/<w:ind [^>]*w:(?:right|end)="(\d+)"/.exec(m[1])?.[1] ?? 0),
  }));
}

describe("the 成文日期 and the 落款", () => {
  it("writes the date in Arabic numerals without padding, and reads the forms a writer may type", () => {
    expect(documentDate("2026-01-06")).toBe("2026年1月6日");
    expect(parseDocumentDateLine("2026年01月06日")).toBe("2026-01-06");
    expect(parseDocumentDateLine("二〇二六年十二月六日")).toBe("2026-12-06");
    expect(parseDocumentDateLine("2026年2月30日")).toBeNull();
    expect(parseDocumentDateLine("2026年12月6日召开会议")).toBeNull();
  });

  it("lays the unit and, under it, the date right-aligned at the end, the date two characters in from the margin", async () => {
    const { bytes } = await draftToDocx(signedDraft());
    const ps = layout(new Uint8Array(bytes)).filter((p) => p.text);
    const [unit, date] = ps.slice(-2);
    expect(unit).toMatchObject({ text: "某区委政法委", right: true, keepNext: true }); // never parted from its date by a page break
    expect(date).toMatchObject({ text: "2026年12月6日", right: true });
    expect(date.indentRight).toBe(2 * 16 * 20); // two characters of 3号 (16 pt), in twips
    // The unit starts two characters left of the date's first character (GB/T 9704-2012 7.3.5.2): its right indent
    // is the date's, plus the date's width and two characters, minus its own width.
    const dateWidth = 4 * 0.5 + 3 + 2 * 0.5 + 0 + 1 * 0.5; // "2026" "年月日" "12" "6": digits half a character
    expect(unit.indentRight).toBe(Math.round((2 + dateWidth + 2 - 6) * 16 * 20));
  });

  it("keeps a long unit two characters in, with the date's first character two characters right of the unit's", async () => {
    const unitName = "某某省某某市某某区委员会政法委员会办公室"; // 20 characters
    const { bytes } = await draftToDocx({ ...signedDraft(), unit: unitName });
    const [unit, date] = layout(new Uint8Array(bytes)).filter((p) => p.text).slice(-2);
    expect(unit.indentRight).toBe(2 * 320);
    // From the right margin: the unit's first character at 2 + 20; the date's at 2 + 20 − 2, so it ends 20 − 6.5 in.
    expect(date.indentRight).toBe(Math.round((2 + 20 - 2 - 6.5) * 320));
  });

  it("survives export → import → export unchanged: the 结尾, the unit once, the date", async () => {
    const first = await roundTrip(signedDraft());
    expect(lines(first).slice(-3)).toEqual(["新的一年，我们将继续埋头苦干，为平安建设作出新的更大贡献。", "某区委政法委", "2026年12月6日"]);
    const imported = paragraphsToDraft(lines(first), new Date("2027-03-01T00:00:00Z"));
    expect(imported.date).toBe("2026-12-06");
    expect(imported.unit).toBe("某区委政法委");
    expect(imported.sections.at(-1)).toMatchObject({ role: "closing", level: 0, text: "新的一年，我们将继续埋头苦干，为平安建设作出新的更大贡献。" });
    expect(imported.sections.at(-2)!.text).toBe("持续推进基层治理现代化。\n深化矛盾纠纷多元化解。");
    const second = await roundTrip(imported);
    expect(second).toBe(first);
    expect(lines(second).filter((l) => l === "某区委政法委")).toHaveLength(1);
    // And a third time, for good measure: a fixed point.
    expect(await roundTrip(paragraphsToDraft(lines(second)))).toBe(first);
  });

  it("exports a section generation never reached as 【待补】, and keeps the written ones", async () => {
    const d = signedDraft();
    d.sections = d.sections.map((s) => (s.id === "w2" ? { ...s, text: "", status: "error", error: "已停止，未写完" } : s));
    const text = lines(await roundTrip(d));
    const at = text.indexOf("（二）化解矛盾纠纷");
    expect(text[at + 1]).toBe(UNWRITTEN);
    expect(text).toContain("坚决维护国家政治安全正文。");
  });

  it("exports a section stopped half-written with 【待补】 after its written part", async () => {
    const d = signedDraft();
    d.sections = d.sections.map((s) => (s.id === "w2" ? { ...s, text: "已排查矛盾纠纷，写到一半", status: "error", error: "已停止，未写完" } : s));
    const text = lines(await roundTrip(d));
    const at = text.indexOf("（二）化解矛盾纠纷");
    expect(text.slice(at + 1, at + 3)).toEqual(["已排查矛盾纠纷，写到一半", UNWRITTEN]);
    // A finished section gets no mark.
    expect(text.filter((l) => l === UNWRITTEN)).toHaveLength(1);
  });

  it("names fallbacks for each official font in the font table", async () => {
    const files = unzipSync(new Uint8Array((await draftToDocx(signedDraft())).bytes));
    const table = strFromU8(files["word/fontTable.xml"]);
    const alt = (name: string) => new RegExp(`<w:font w:name="${name}"><w:altName w:val="([^"]+)"`).exec(table)?.[1].split(",");
    expect(alt("仿宋_GB2312")).toEqual(expect.arrayContaining(["仿宋", "FangSong"]));
    expect(alt("方正小标宋简体")).toEqual(expect.arrayContaining(["华文中宋", "宋体"]));
    expect(alt("楷体_GB2312")).toEqual(expect.arrayContaining(["楷体"]));
  });
});

import { headingLabels } from "../../../server/text/headings.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { docxToText, draftToDocx } from "../../../server/docx/export.ts";
import { parseFactsText } from "../../../server/drafting/facts.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));

async function exported() {
  const text = readFileSync(path.resolve(import.meta.dirname, "../../fixtures/facts/tidy.txt"), "utf8");
  const draft = await generateDraft(parseFactsText(text), { model: null, prompts, logger: silentLogger }, () => {});
  const result = await draftToDocx(draft);
  const files = unzipSync(new Uint8Array(result.bytes));
  const xml = (name: string) => strFromU8(files[name]);
  return { draft, result, files, xml };
}

/** Paragraphs of document.xml with their runs' text and properties. */
function paragraphs(documentXml: string) {
  return [...documentXml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1] ?? m[2];
    const text = [...body.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("");
    const eastAsia = /w:eastAsia="([^"]+)"/.exec(body)?.[1];
    const size = /<w:sz w:val="(\d+)"/.exec(body)?.[1];
    return { body, text, eastAsia, size: size ? Number(size) : undefined };
  });
}

describe(".docx export in 公文 format", () => {
  it("sets A4 and the 37/28/35/26 mm margins in twips", async () => {
    const { xml } = await exported();
    const doc = xml("word/document.xml");
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(doc)![1];
    const attr = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(mar)![1]);
    expect(attr("top")).toBe(2098); // 37 mm
    expect(attr("left")).toBe(1587); // 28 mm
    expect(attr("bottom")).toBe(1984); // 35 mm
    expect(attr("right")).toBe(1474); // 26 mm
  });

  it("sets the East Asian font on every run, with the right font and size per level", async () => {
    const { xml, draft } = await exported();
    const doc = xml("word/document.xml");
    const runs = [...doc.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]);
    expect(runs.length).toBeGreaterThan(20);
    for (const r of runs) expect(r).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
    for (const r of runs) expect(r).toMatch(/w:ascii="(Times New Roman|宋体)"/);
    const ps = paragraphs(doc);
    const title = ps.find((p) => p.text === draft.title)!;
    expect(title).toMatchObject({ eastAsia: "方正小标宋简体", size: 44 });
    expect(title.body).toContain('<w:jc w:val="center"/>');
    expect(ps.find((p) => p.text === "一、主要工作及成效")).toMatchObject({ eastAsia: "黑体", size: 32 });
    expect(ps.find((p) => p.text.startsWith("（一）"))).toMatchObject({ eastAsia: "楷体_GB2312", size: 32 });
    const body = ps.find((p) => p.text.includes("6200件"))!;
    expect(body).toMatchObject({ eastAsia: "仿宋_GB2312", size: 32 });
    expect(body.body).toMatch(/<w:spacing [^>]*w:line="560"[^>]*w:lineRule="exact"|<w:spacing [^>]*w:lineRule="exact"[^>]*w:line="560"/);
    expect(body.body).toMatch(/<w:ind [^>]*w:firstLine="640"/);
  });

  it("numbers pages “— 1 —” in 4号 宋体, right on odd pages and left on even ones", async () => {
    const { xml, files } = await exported();
    expect(xml("word/settings.xml")).toContain("<w:evenAndOddHeaders/>");
    const footers = Object.keys(files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map(xml);
    expect(footers).toHaveLength(2);
    const aligns = footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort();
    expect(aligns).toEqual(["left", "right"]);
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toContain("— </w:t>");
      expect(f).toMatch(/w:eastAsia="宋体"/);
      expect(f).toMatch(/<w:sz w:val="28"/);
    }
  });

  it("names the fonts it uses and reads back as the draft's text", async () => {
    const { result, draft } = await exported();
    expect(result.fonts).toEqual(expect.arrayContaining(["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "Times New Roman", "宋体"]));
    const text = await docxToText(new Uint8Array(result.bytes));
    expect(text).toContain(draft.title);
    // every numbered heading of the draft is in the document as the draft numbers it
    const labels = headingLabels(draft.sections).filter((l, i) => l && draft.sections[i].level === 2);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(text).toContain(l);
    expect(text).toContain("调解成功率99.2%");
  });
});

import { describe, expect, it } from "vitest";
import { applyNumberingLabels, numberedParagraphs } from "../../../server/corpus/docx-numbering.ts";

const numbering = `<w:numbering>
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride></w:num>
</w:numbering>`;
const styles = `<w:styles>
  <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>
</w:styles>`;
const p = (text: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const num = (id: number, lvl: number) => `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr>`;

describe("Word automatic numbering", () => {
  it("labels paragraphs numbered directly or through their style, restarting sub-levels", () => {
    const doc = `<w:document><w:body>
      ${p("标题")}
      ${p("主要工作", '<w:pStyle w:val="H1"/>')}
      ${p("平安建设", num(1, 1))}
      ${p("矛盾化解", num(1, 1))}
      ${p("存在问题", '<w:pStyle w:val="H1b"/>')}
      ${p("基础薄弱", num(1, 1))}
      ${p("第十一项", num(2, 0))}
      ${p("A &amp; B &lt;C&gt;")}
      <w:p/>
    </w:body></w:document>`;
    expect(numberedParagraphs(doc, numbering, styles)).toEqual([
      { text: "标题", label: null },
      { text: "主要工作", label: "一、" },
      { text: "平安建设", label: "（一）" },
      { text: "矛盾化解", label: "（二）" },
      { text: "存在问题", label: "二、" },
      { text: "基础薄弱", label: "（一）" },
      { text: "第十一项", label: "11." },
      { text: "A & B <C>", label: null },
      { text: "", label: null },
    ]);
  });

  it("aligns labels to lines by text and never doubles a number already typed", () => {
    const labelled = [
      { text: "主要工作", label: "一、" },
      { text: "一、已有编号", label: "二、" },
      { text: "正文", label: null },
    ];
    expect(applyNumberingLabels(["多出来的一行", "主要工作", "一、已有编号", "正文"], labelled)).toEqual([
      "多出来的一行",
      "一、主要工作",
      "一、已有编号",
      "正文",
    ]);
  });
});

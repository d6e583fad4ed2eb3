import { Document, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { realApp } from "../../helpers/app.ts";

const LINES = ["东城区委政法委2025年工作总结", "一、主要工作及成效", "（一）坚决维护国家政治安全", "开展反邪教警示教育宣传活动45场。"];

describe("POST /api/drafts/import", () => {
  const app = realApp();

  const post = (file: File) => {
    const form = new FormData();
    form.append("file", file);
    return app.request("/api/drafts/import", { method: "POST", body: form });
  };

  it("returns a Word draft's paragraphs in order, a paragraph's runs joined", async () => {
    const doc = new Document({
      sections: [{ children: LINES.map((l, i) => new Paragraph({ children: i === 3 ? [new TextRun("开展反邪教警示教育宣传活动"), new TextRun("45"), new TextRun("场。")] : [new TextRun(l)] })) }],
    });
    const bytes = new Uint8Array(await Packer.toArrayBuffer(doc));
    const res = await post(new File([bytes], "稿件.docx"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.format).toBe("docx");
    expect(body.text.split(/\n+/).filter(Boolean)).toEqual(LINES);
  });

  it("reads a GBK text draft without mojibake", async () => {
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0xb8, 0xe5, 0xbc, 0xfe]); // 中文稿件
    const res = await post(new File([gbk], "稿件.txt"));
    expect(res.status).toBe(200);
    expect((await res.json()).text).toBe("中文稿件");
  });

  it("refuses a file that is not a draft, with a Chinese reason", async () => {
    const res = await post(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])], "稿件.docx"));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await res.json()).error.message).toMatch(/稿件\.docx/);
  });
});

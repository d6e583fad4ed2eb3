import { describe, expect, it } from "vitest";
import { layoutText, type LayoutPage, type TextRun } from "../../../server/corpus/layout.ts";

// A4 in points; body 16 pt from x = 72 to x = 520 (28 characters a line).
const LEFT = 72;
const CHARS = 28;
const S = 16;

/** Lay out paragraphs the way a word processor does: first line indented two characters, wrap at 28. */
function typeset(paragraphs: Array<{ text: string; indent?: boolean }>, opts: { header?: string; footer?: (n: number) => string; linesPerPage?: number } = {}): LayoutPage[] {
  const perPage = opts.linesPerPage ?? 30;
  const pages: LayoutPage[] = [];
  const flat: Array<{ text: string; x: number }> = [];
  for (const p of paragraphs) {
    const indent = p.indent === false ? 0 : 2;
    let rest = [...p.text];
    let first = true;
    while (rest.length) {
      const room = CHARS - (first ? indent : 0);
      flat.push({ text: rest.slice(0, room).join(""), x: LEFT + (first ? indent * S : 0) });
      rest = rest.slice(room);
      first = false;
    }
  }
  for (let i = 0; i < flat.length; i += perPage) {
    const n = pages.length + 1;
    const runs: TextRun[] = flat.slice(i, i + perPage).map((l, k) => ({ text: l.text, x: l.x, y: 100 + k * 22, width: [...l.text].length * S, size: S }));
    if (opts.header) runs.push({ text: opts.header, x: 400, y: 50, width: 100, size: 10.5 });
    if (opts.footer) runs.push({ text: opts.footer(n), x: 280, y: 800, width: 40, size: 14 });
    pages.push({ width: 595, height: 842, runs });
  }
  return pages;
}

const LONG = "全年共排查化解各类矛盾纠纷一千二百件，调解成功率达百分之九十八以上，无群体性事件发生，群众安全感和满意度持续提升。";

describe("layoutText", () => {
  it("joins a paragraph of 60,000 lines (a 2,000-page PDF) in linear time", () => {
    // 3,000 pages of 20 full lines (clear of the margin bands), all one paragraph. Joining is linear:
    // well under a second here; the old join tested the end of the growing string at every line, which
    // flattened it each time (a 2,000-page PDF took 140 s), so the bound is far from both.
    const line = "全年排查化解矛盾纠纷开展平安建设巡防宣传活动共计四千余次".slice(0, CHARS);
    expect([...line]).toHaveLength(CHARS);
    const pages: LayoutPage[] = Array.from({ length: 3000 }, () => ({
      width: 595,
      height: 842,
      runs: Array.from({ length: 20 }, (_, k) => ({ text: line, x: LEFT, y: 140 + k * 22, width: CHARS * S, size: S })),
    }));
    const started = Date.now();
    const text = layoutText(pages);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(text.split("\n")).toHaveLength(1);
    expect(text.length).toBe(60_000 * CHARS);
  }, 120_000);

  it("joins the lines of a wrapped paragraph and keeps paragraphs apart", () => {
    const text = layoutText(typeset([{ text: LONG }, { text: LONG }]));
    expect(text.split("\n")).toEqual([LONG, LONG]);
  });
  it("breaks before a heading that starts a line after a finished sentence, even without an indent", () => {
    // The first paragraph's last line fills the width exactly, so only the heading marker tells.
    const body = "一".repeat(CHARS * 2 - 3) + "工作。";
    const text = layoutText(typeset([{ text: body, indent: false }, { text: "二、存在的问题", indent: false }]));
    expect(text.split("\n")).toEqual([body, "二、存在的问题"]);
  });
  it("drops page numbers in the forms offices print them, and a running header on every page", () => {
    for (const footer of [(n: number) => `— ${n} —`, (n: number) => `第${n}页`, (n: number) => `第 ${n} 页 共 3 页`, (n: number) => `${n}/3`, (n: number) => `- ${n} -`]) {
      const pages = typeset(Array.from({ length: 12 }, () => ({ text: LONG })), { header: "XX县委政法委文件", footer, linesPerPage: 14 });
      expect(pages.length).toBe(3);
      const text = layoutText(pages);
      expect(text.split("\n")).toEqual(Array.from({ length: 12 }, () => LONG));
    }
  });
  it("drops a page number on a one-page document by its form alone", () => {
    for (const footer of ["— 1 —", "第1页", "1"]) {
      const text = layoutText(typeset([{ text: LONG }], { footer: () => footer }));
      expect(text).toBe(LONG);
    }
  });
  it("drops a one-page document's running header: small print standing apart above the body", () => {
    const pages = typeset([{ text: LONG }]);
    pages[0].runs.push({ text: "XX县委政法委", x: 400, y: 50, width: 63, size: 10.5 });
    expect(layoutText(pages)).toBe(LONG);
    // Set at the body's size, the same line is the report's first line.
    pages[0].runs.at(-1)!.size = S;
    expect(layoutText(pages).split("\n")[0]).toBe("XX县委政法委");
  });
  it("keeps a one-page document's last line when it is prose, not a page number", () => {
    const text = layoutText(typeset([{ text: LONG }], { footer: () => "XX县委政法委" }));
    expect(text.split("\n")).toEqual([LONG, "XX县委政法委"]);
  });
  it("joins a ragged line that stopped short only because the next word could not fit", () => {
    const run = (text: string, x: number, y: number, chars = [...text].length) => ({ text, x, y, width: chars * S, size: S });
    // A full line ends at 520; the next line stopped 4.5 characters early because "“xxx+xx+xx”" (about 7.4) had to move down,
    // and the one after stopped 1.5 characters early before "《规" (an opening bracket never ends a line).
    const page: LayoutPage = {
      width: 595,
      height: 842,
      runs: [
        run("全年共排查化解各类矛盾纠纷一千二百件调解成功率达百分之九", LEFT, 100, 28),
        run("十八以上，构建了", LEFT, 122, 23.5),
        run("“xxx+xx+xx”协同机制，出台了", LEFT, 144, 26.5),
        run("《规范》。", LEFT, 166, 5),
        run("二是严格落实责任。", LEFT, 188, 9),
      ],
    };
    expect(layoutText([page]).split("\n")).toEqual(["全年共排查化解各类矛盾纠纷一千二百件调解成功率达百分之九十八以上，构建了“xxx+xx+xx”协同机制，出台了《规范》。", "二是严格落实责任。"]);
  });
  it("keeps a paragraph running on across a page break", () => {
    const pages = typeset([{ text: LONG.repeat(3) }], { footer: (n) => `— ${n} —`, linesPerPage: 3 });
    expect(pages.length).toBeGreaterThan(1);
    expect(layoutText(pages)).toBe(LONG.repeat(3));
  });
  it("removes the spaces layout puts between Chinese and digits, keeps those between Latin words", () => {
    const page: LayoutPage = { width: 595, height: 842, runs: [{ text: "2024 年开展 Windows 10 培训 30 场。", x: 72, y: 100, width: 300, size: S }] };
    expect(layoutText([page])).toBe("2024年开展Windows 10培训30场。");
  });
  it("leaves out empty runs and the bullets before list items", () => {
    const page: LayoutPage = { width: 595, height: 842, runs: [{ text: "• 加强治安防控。", x: 72, y: 100, width: 150, size: S }, { text: "", x: 72, y: 130, width: 0, size: S }] };
    expect(layoutText([page])).toBe("加强治安防控。");
  });
});

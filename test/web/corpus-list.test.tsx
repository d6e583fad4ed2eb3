import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CorpusDocumentView } from "../../web/features/corpus/components/CorpusDocumentView.tsx";
import { locatePassage } from "../../web/lib/document.ts";
import { CorpusList, PAGE_SIZE } from "../../web/features/corpus/components/CorpusList.tsx";
import { fakeApi } from "./fake-api.ts";

/** A server-side archive of `n` documents that pages, filters and sorts the way the route does. */
function archive(n: number) {
  const docs = Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    sourceName: `总结${String(i).padStart(4, "0")}.docx`,
    title: `${["东城", "西城", "朝阳"][i % 3]}区委政法委${2015 + (i % 10)}年工作总结（${i}）`,
    year: 2015 + (i % 10),
    level: (["区", "县", "市"] as const)[i % 3],
    format: "docx",
    chunkCount: 10,
    charCount: 3000 + i,
    ingestedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  }));
  return (url: URL) => {
    const p = url.searchParams;
    let hit = docs.filter((d) => (!p.get("year") || d.year === Number(p.get("year"))) && (!p.get("level") || d.level === p.get("level")) && (!p.get("q") || d.title.includes(p.get("q")!)));
    if (p.get("sort") === "-year") hit = [...hit].sort((a, b) => b.year - a.year);
    const offset = Number(p.get("offset") ?? 0);
    const limit = Number(p.get("limit") ?? 100);
    return { json: { documents: hit.slice(offset, offset + limit), total: hit.length } };
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("corpus list at 1,000+ documents", () => {
  it("shows one page with the total and pages through", async () => {
    const api = fakeApi({ "GET /api/corpus": archive(1234) });
    vi.stubGlobal("fetch", api.fn);
    render(<CorpusList onOpen={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll("tbody tr")).toHaveLength(PAGE_SIZE));
    expect(screen.getByRole("navigation", { name: "翻页" }).textContent).toContain("第 1–50 篇，共 1,234 篇");
    expect((screen.getByRole("button", { name: "上一页" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "下一页" }));
    await waitFor(() => expect(document.querySelector("tbody tr")!.textContent).toContain("（50）"));
    expect(api.to("/api/corpus").at(-1)!.url.searchParams.get("offset")).toBe("50");
    expect(screen.getByRole("navigation", { name: "翻页" }).textContent).toContain("第 51–100 篇，共 1,234 篇");
    expect(document.querySelectorAll("tbody tr")).toHaveLength(PAGE_SIZE);
  });

  it("filters by title words, year and level and sorts, back on the first page each time", async () => {
    const api = fakeApi({ "GET /api/corpus": archive(1234) });
    vi.stubGlobal("fetch", api.fn);
    render(<CorpusList onOpen={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll("tbody tr")).toHaveLength(PAGE_SIZE));
    fireEvent.click(screen.getByRole("button", { name: "下一页" }));
    await waitFor(() => expect(api.to("/api/corpus").at(-1)!.url.searchParams.get("offset")).toBe("50"));

    fireEvent.change(screen.getByLabelText("按标题筛选"), { target: { value: "西城" } });
    fireEvent.change(screen.getByLabelText("年度"), { target: { value: "2019" } });
    fireEvent.change(screen.getByLabelText("层级"), { target: { value: "县" } });
    fireEvent.change(screen.getByLabelText("排序"), { target: { value: "-year" } });
    await waitFor(() => {
      const p = api.to("/api/corpus").at(-1)!.url.searchParams;
      expect(Object.fromEntries(p)).toEqual({ offset: "0", limit: String(PAGE_SIZE), sort: "-year", year: "2019", level: "县", q: "西城" });
    });
    await waitFor(() => expect(screen.getByRole("navigation", { name: "翻页" }).textContent).toMatch(/共 \d+ 篇/));
    for (const row of document.querySelectorAll("tbody tr")) {
      expect(row.textContent).toContain("西城");
      expect(row.textContent).toContain("2019");
    }

    // A half-typed year is shown as such and not sent.
    fireEvent.change(screen.getByLabelText("年度"), { target: { value: "20" } });
    expect(screen.getByText(/年度请填写四位数字/)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 260));
    expect(api.to("/api/corpus").at(-1)!.url.searchParams.get("year")).toBeNull();

    fireEvent.change(screen.getByLabelText("按标题筛选"), { target: { value: "没有这种标题" } });
    expect(await screen.findByText("没有符合条件的材料。")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "清除筛选" }));
    await waitFor(() => expect(document.querySelectorAll("tbody tr")).toHaveLength(PAGE_SIZE));
  });

  it("uploads several files one request each, with progress and each file's outcome", async () => {
    const sent: string[] = [];
    let release: () => void = () => {};
    const api = fakeApi({
      "GET /api/corpus": archive(3),
      "POST /api/corpus": async (_url, body) => {
        const f = (body as FormData).get("files") as File;
        sent.push(f.name);
        if (f.name === "b.docx") await new Promise<void>((r) => (release = r));
        if (f.name === "archive.zip") {
          return {
            json: {
              results: [
                { name: "archive.zip/2022.doc", status: "ingested", docId: "z1", title: "2022年工作总结" },
                { name: "archive.zip/scan.pdf", status: "error", message: "《scan.pdf》是扫描件，没有文字层：请提供经过 OCR 的版本" },
              ],
            },
          };
        }
        if (f.name === "b.docx") return { json: { results: [{ name: "b.docx", status: "duplicate", docId: "d1", title: "西城", message: "内容与已收录的《西城》相同，未重复收录" }] } };
        return { status: 413, json: { error: { code: "too_large:body", message: "文件过大：不能超过 10 MB" } } };
      },
    });
    vi.stubGlobal("fetch", api.fn);
    const changed = vi.fn();
    render(<CorpusList onOpen={() => {}} onChanged={changed} />);
    await waitFor(() => expect(document.querySelectorAll("tbody tr")).toHaveLength(3));
    expect(screen.getByRole("heading", { name: /共 3 篇/ })).toBeTruthy();
    const files = [new File(["PK"], "archive.zip"), new File(["x"], "b.docx"), new File(["y"], "huge.pdf")];
    fireEvent.change(screen.getByLabelText("选择要上传的材料"), { target: { files } });

    const bar = await screen.findByRole("progressbar", { name: "上传进度" });
    await waitFor(() => expect(bar.textContent).toContain("第 2 / 3 个：b.docx"));
    expect(bar.getAttribute("aria-valuenow")).toBe("33");
    expect(screen.getByRole("button", { name: "停止（已传的保留）" })).toBeTruthy();
    release();
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
    expect(sent).toEqual(["archive.zip", "b.docx", "huge.pdf"]);
    expect(changed).toHaveBeenCalledTimes(1);

    const list = within(screen.getByLabelText("上传结果"));
    expect(list.getByRole("status").textContent).toBe("上传完成：已收录 1 篇，重复 1 篇，失败 2 个");
    const items = list.getAllByRole("listitem").map((li) => li.textContent);
    expect(items[0]).toContain("已收录");
    expect(items[0]).toContain("《2022年工作总结》");
    expect(items[1]).toMatch(/失败.*scan\.pdf.*OCR/);
    expect(items[2]).toMatch(/重复，未收录.*b\.docx.*未重复收录/);
    expect(items[3]).toMatch(/失败.*huge\.pdf.*文件过大：不能超过 10 MB/);
  });
});

describe("a document opened at a passage", () => {
  const cleanedText = "西城区2023年工作总结\n一、主要工作\n全区刑事案件发案数同比下降10%。\n二、存在的问题\n基层基础仍有薄弱环节。";
  const doc = {
    document: { id: "d1", title: "西城区2023年工作总结", year: 2023, level: "区", chunkCount: 2 },
    cleanedText,
    encoding: "utf-8",
    structure: { headings: [{ level: 1, ordinal: 1, marker: "一、", text: "主要工作", runIn: false, start: 13, end: 19 }], sections: [], enumerationRuns: 0 },
    removed: [],
    chunks: [],
  };

  it("marks the passage and scrolls it into view; Esc goes back", async () => {
    vi.stubGlobal("fetch", fakeApi({ "GET /api/corpus/d1": () => ({ json: doc }) }).fn);
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const passage = "基层基础仍有薄弱环节。";
    const start = cleanedText.indexOf(passage);
    const onBack = vi.fn();
    render(<CorpusDocumentView id="d1" onBack={onBack} backLabel="← 返回检索结果" passage={{ start, end: start + passage.length, text: passage }} />);
    await waitFor(() => expect(document.querySelector("mark.passage")?.textContent).toBe(passage));
    // The scroll runs in an effect after the mark is drawn: wait for it rather than race it.
    await waitFor(() => expect(scrolled[0]).toBe(document.querySelector("mark.passage")));
    expect(screen.getByText(/已定位到检索到的段落/)).toBeTruthy();
    fireEvent.keyDown(window, { key: "Escape" });
    expect(onBack).toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "← 返回检索结果" })).toBeTruthy();
  });

  it("finds the passage by its text when the offsets no longer hold, and says so when it is gone", () => {
    const text = "甲乙丙。基层基础仍有薄弱环节。丁。";
    expect(locatePassage(text, { start: 0, end: 11, text: "基层基础仍有薄弱环节。" })).toEqual({ start: 4, end: 15 });
    expect(locatePassage(text, { start: 4, end: 15, text: "基层基础仍有薄弱环节。" })).toEqual({ start: 4, end: 15 });
    expect(locatePassage(text, { start: 4, end: 15 })).toEqual({ start: 4, end: 15 });
    expect(locatePassage(text, { start: 0, end: 5, text: "不在文中" })).toBeNull();
    expect(locatePassage(text, { start: 10, end: 99 })).toBeNull();
  });

  it("stops a batch on request and keeps what was already uploaded", async () => {
    let release: () => void = () => {};
    const sent: string[] = [];
    const api = fakeApi({
      "GET /api/corpus": archive(0),
      "POST /api/corpus": async (_url, body) => {
        const f = (body as FormData).get("files") as File;
        sent.push(f.name);
        if (f.name === "2.txt") await new Promise<void>((r) => (release = r));
        return { json: { results: [{ name: f.name, status: "ingested", docId: f.name, title: f.name }] } };
      },
    });
    vi.stubGlobal("fetch", api.fn);
    render(<CorpusList onOpen={() => {}} />);
    await screen.findByText(/材料库为空/);
    fireEvent.change(screen.getByLabelText("选择要上传的材料"), { target: { files: ["1.txt", "2.txt", "3.txt", "4.txt"].map((n) => new File(["x"], n)) } });
    await waitFor(() => expect(sent).toEqual(["1.txt", "2.txt"]));
    fireEvent.click(screen.getByRole("button", { name: "停止（已传的保留）" }));
    release();
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
    expect(sent).toEqual(["1.txt", "2.txt"]);
    expect(within(screen.getByLabelText("上传结果")).getByRole("status").textContent).toBe("上传完成：已收录 2 篇");
  });
});

import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useSearch } from "../../web/features/search/api/use-search.ts";
import type { Passage } from "../../server/store/types.ts";
import { SearchPage, type AttachSection } from "../../web/features/search/components/SearchPage.tsx";
import { fakeApi, passage } from "./fake-api.ts";

function Harness(props: { sections?: AttachSection[]; targetId?: string | null; onAttach?: (id: string, p: Passage) => void; onOpen?: (p: Passage) => void; onTarget?: (id: string) => void }) {
  const search = useSearch();
  return (
    <SearchPage
      search={search}
      sections={props.sections ?? []}
      targetId={props.targetId ?? null}
      onTarget={props.onTarget ?? (() => {})}
      onAttach={props.onAttach ?? (() => {})}
      onOpen={props.onOpen ?? (() => {})}
    />
  );
}

const box = () => screen.getByRole("searchbox", { name: "检索内容" }) as HTMLInputElement;

function typeAndEnter(text: string) {
  fireEvent.change(box(), { target: { value: text } });
  fireEvent.keyDown(box(), { key: "Enter" });
}

afterEach(() => vi.unstubAllGlobals());

describe("素材库检索 page", () => {
  it("starts in the query box, searches on Enter and shows each passage with its title, heading path, year and matched terms", async () => {
    const hit = passage({ title: "西城区委政法委2023年工作总结", year: 2023, headingPath: ["一、主要工作", "（三）化解矛盾纠纷"], text: "推进矛盾纠纷多元化解，全年受理纠纷860件。" });
    const api = fakeApi({ "GET /api/search": () => ({ json: { query: "矛盾纠纷多元化解", passages: [hit] } }) });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    expect(document.activeElement).toBe(box());
    expect(screen.getByText(/按 Enter 检索往年总结中的段落/)).toBeTruthy();

    typeAndEnter("矛盾纠纷多元化解");
    const result = await screen.findByRole("article", { name: /出自《西城区委政法委2023年工作总结》/ });
    expect(api.to("/api/search")[0].url.searchParams.get("q")).toBe("矛盾纠纷多元化解");
    expect(result.textContent).toContain("一、主要工作 › （三）化解矛盾纠纷");
    expect(result.textContent).toContain("2023 年");
    expect(result.textContent).toContain("成效");
    const marks = [...result.querySelectorAll(".result-text mark")].map((m) => m.textContent);
    // Runs the passage shares with the query are marked, the whole phrase and the lone 纠纷 later on.
    expect(marks).toEqual(["矛盾纠纷多元化解", "纠纷"]);
  });

  it("sends every filter and follows a change at once; a bad year range is explained and not sent", async () => {
    const api = fakeApi({ "GET /api/search": () => ({ json: { query: "x", passages: [passage()] } }) });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    typeAndEnter("网格化管理");
    await screen.findAllByRole("article");

    fireEvent.click(screen.getByRole("button", { name: "问题" }));
    fireEvent.click(screen.getByRole("button", { name: "打算" }));
    fireEvent.click(screen.getByRole("button", { name: "区级" }));
    fireEvent.click(screen.getByRole("button", { name: "县级" }));
    fireEvent.change(screen.getByRole("combobox", { name: "工作条线" }), { target: { value: "基层治理" } });
    fireEvent.change(screen.getByLabelText("起始年度"), { target: { value: "2022" } });
    fireEvent.change(screen.getByLabelText("截止年度"), { target: { value: "202" } }); // still typing: not sent
    fireEvent.change(screen.getByLabelText("截止年度"), { target: { value: "2024" } });
    // The first search and one for each of the seven changes; the half-typed year sent nothing.
    await waitFor(() => expect(api.to("/api/search").length).toBe(8));
    expect(api.to("/api/search").some((c) => c.url.searchParams.get("yearTo") === "202")).toBe(false);
    const last = api.to("/api/search").at(-1)!.url.searchParams;
    expect(last.get("q")).toBe("网格化管理");
    expect(last.getAll("role")).toEqual(["problems", "plans"]);
    expect(last.getAll("level")).toEqual(["区", "县"]);
    expect(last.get("tag")).toBe("基层治理");
    expect(last.get("yearFrom")).toBe("2022");
    expect(last.get("yearTo")).toBe("2024");
    expect(screen.getByRole("button", { name: "问题" }).getAttribute("aria-pressed")).toBe("true");

    // Pressing a chip again takes it off.
    fireEvent.click(screen.getByRole("button", { name: "打算" }));
    await waitFor(() => expect(api.to("/api/search").at(-1)!.url.searchParams.getAll("role")).toEqual(["problems"]));

    await waitFor(() => expect(api.to("/api/search").length).toBe(9));
    const count = api.to("/api/search").length;
    fireEvent.change(screen.getByLabelText("起始年度"), { target: { value: "2025" } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/起始年度 2025 晚于截止年度 2024/);
    expect(api.to("/api/search").length).toBe(count);

    fireEvent.click(screen.getByRole("button", { name: "清除全部" }));
    await waitFor(() => expect(api.to("/api/search").length).toBe(count + 1));
    const cleared = api.to("/api/search").at(-1)!.url.searchParams;
    expect([...cleared.keys()].sort()).toEqual(["k", "q"]);
  });

  it("restricts to one document from a result (D) or by title, and lifts it again", async () => {
    const hit = passage({ docId: "doc-xc", title: "西城区委政法委2023年工作总结" });
    const api = fakeApi({
      "GET /api/search": () => ({ json: { query: "x", passages: [hit] } }),
      "GET /api/corpus": (url) => ({ json: { total: 1, documents: url.searchParams.get("q") === "东城" ? [{ id: "doc-dc", title: "东城区委政法委2024年工作总结", year: 2024 }] : [] } }),
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    typeAndEnter("平安建设");
    const result = await screen.findByRole("article");
    result.focus();
    fireEvent.keyDown(result, { key: "d" });
    await waitFor(() => expect(api.to("/api/search").at(-1)!.url.searchParams.get("docId")).toBe("doc-xc"));
    fireEvent.click(screen.getByRole("button", { name: "不再只看《西城区委政法委2023年工作总结》" }));
    await waitFor(() => expect(api.to("/api/search").at(-1)!.url.searchParams.get("docId")).toBeNull());

    fireEvent.change(screen.getByLabelText("按标题找文档"), { target: { value: "东城" } });
    fireEvent.click(await screen.findByRole("button", { name: /东城区委政法委2024年工作总结/ }));
    await waitFor(() => expect(api.to("/api/search").at(-1)!.url.searchParams.get("docId")).toBe("doc-dc"));
  });

  it("moves through results with the arrow keys, opens with Enter, copies with C, attaches with A and goes back with / or Esc", async () => {
    const hits = [passage({ text: "第一段：深化平安建设。" }), passage({ text: "第二段：化解矛盾纠纷。" }), passage({ text: "第三段：加强队伍建设。" })];
    vi.stubGlobal("fetch", fakeApi({ "GET /api/search": () => ({ json: { query: "x", passages: hits } }) }).fn);
    const copied: string[] = [];
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: async (t: string) => void copied.push(t) } });
    vi.stubGlobal("isSecureContext", true);
    const onOpen = vi.fn();
    const onAttach = vi.fn();
    render(<Harness onOpen={onOpen} onAttach={onAttach} sections={[{ id: "w2", label: "（二）化解矛盾纠纷", chunkIds: [] }]} targetId="w2" />);
    typeAndEnter("平安");
    const items = await screen.findAllByRole("article");
    expect(items).toHaveLength(3);

    fireEvent.keyDown(box(), { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0], { key: "ArrowDown" });
    fireEvent.keyDown(items[1], { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(items[2], { key: "ArrowDown" }); // stays on the last
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(items[2], { key: "ArrowUp" });
    expect(document.activeElement).toBe(items[1]);
    expect(items[1].className).toContain("selected");
    expect(items[1].tabIndex).toBe(0);
    expect(items[0].tabIndex).toBe(-1);

    fireEvent.keyDown(items[1], { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ text: "第二段：化解矛盾纠纷。" }));

    fireEvent.keyDown(items[1], { key: "c" });
    await waitFor(() => expect(document.querySelector(".notice")!.textContent).toMatch(/已复制/));
    expect(copied).toEqual(["第二段：化解矛盾纠纷。"]);

    fireEvent.keyDown(items[1], { key: "a" });
    expect(onAttach).toHaveBeenCalledWith("w2", expect.objectContaining({ text: "第二段：化解矛盾纠纷。" }));
    expect(document.querySelector(".notice")!.textContent).toBe("已添加到“（二）化解矛盾纠纷”的参考材料");

    fireEvent.keyDown(items[1], { key: "Escape" });
    expect(document.activeElement).toBe(box());
    items[2].focus();
    act(() => {
      items[2].dispatchEvent(new KeyboardEvent("keydown", { key: "/", bubbles: true }));
    });
    expect(document.activeElement).toBe(box());
    fireEvent.keyDown(items[0], { key: "ArrowUp" });
    expect(document.activeElement).toBe(box());
  });

  it("says what to do when there is no draft, or the passage is already in the section", async () => {
    const hit = passage({ id: "d9:3" });
    vi.stubGlobal("fetch", fakeApi({ "GET /api/search": () => ({ json: { query: "x", passages: [hit] } }) }).fn);
    const onAttach = vi.fn();
    const { unmount } = render(<Harness onAttach={onAttach} />);
    typeAndEnter("平安");
    const item = await screen.findByRole("article");
    expect(screen.getByText(/还没有初稿/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "添加到本节" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(item, { key: "a" });
    expect(document.querySelector(".notice")!.textContent).toMatch(/先在“起草”页生成或导入初稿/);
    expect(onAttach).not.toHaveBeenCalled();
    unmount();

    const onTarget = vi.fn();
    render(<Harness onAttach={onAttach} onTarget={onTarget} sections={[{ id: "w1", label: "（一）维护政治安全", chunkIds: [] }, { id: "w2", label: "（二）化解矛盾纠纷", chunkIds: ["d9:3"] }]} targetId="w2" />);
    typeAndEnter("平安");
    const again = await screen.findByRole("article");
    expect(screen.getByRole("button", { name: "已在本节" })).toBeTruthy();
    fireEvent.keyDown(again, { key: "a" });
    expect(document.querySelector(".notice")!.textContent).toBe("这一段已在“（二）化解矛盾纠纷”的参考材料中。");
    expect(onAttach).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole("combobox", { name: "添加到初稿的哪一节" }), { target: { value: "w1" } });
    expect(onTarget).toHaveBeenCalledWith("w1");
  });

  it("says 未找到相关段落 when nothing is about the words, and offers the nearest few apart as 相近内容", async () => {
    const near = Array.from({ length: 12 }, (_, i) => passage({ id: `n:${i}`, text: `第${i + 1}段：加强基层治理工作。` }));
    const api = fakeApi({ "GET /api/search": () => ({ json: { query: "卫星遥感", passages: near, matched: false } }) });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    typeAndEnter("卫星遥感");
    expect((await screen.findByText(/未找到相关段落/)).textContent).toContain("“卫星遥感”");
    expect(screen.getByRole("heading", { name: /相近内容/ })).toBeTruthy();
    expect(screen.getAllByRole("article")).toHaveLength(5);
    expect(screen.queryByText(/找到 \d+ 段/)).toBeNull();
    expect(screen.queryByRole("button", { name: /显示更多/ })).toBeNull();
  });

  it("has an empty state for no hits and errors that say what to do", async () => {
    let fail = false;
    const api = fakeApi({
      "GET /api/search": () => (fail ? { status: 400, json: { error: { code: "bad_request:invalid_input", message: "请求参数无效：q: 过长" } } } : { json: { query: "x", passages: [] } }),
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    fireEvent.keyDown(box(), { key: "Enter" });
    expect((await screen.findByRole("alert")).textContent).toMatch(/请输入要检索的词句/);
    expect(api.calls).toHaveLength(0);

    typeAndEnter("不存在的说法");
    expect((await screen.findByText(/没有找到与“不存在的说法”相符的段落/)).textContent).toBeTruthy();
    expect(screen.getByText(/换个说法/)).toBeTruthy();

    fail = true;
    typeAndEnter("再试");
    expect((await screen.findByRole("alert")).textContent).toBe("检索失败：请求参数无效：q: 过长");

    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    typeAndEnter("断网");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/无法连接服务器：请确认 zongjie 服务正在运行，然后按 Enter 重试/));
  });

  it("shows the answer to the last search when an earlier one comes back later", async () => {
    let releaseFirst: () => void = () => {};
    let slowAnswered = false;
    const api = fakeApi({
      "GET /api/search": async (url) => {
        const q = url.searchParams.get("q")!;
        if (q === "慢的") {
          await new Promise<void>((r) => (releaseFirst = r));
          slowAnswered = true;
        }
        return { json: { query: q, passages: [passage({ title: `${q}的结果` })] } };
      },
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    typeAndEnter("慢的");
    await waitFor(() => expect(api.calls).toHaveLength(1));
    typeAndEnter("快的");
    await screen.findByRole("article", { name: /快的的结果/ });
    releaseFirst();
    await waitFor(() => expect(slowAnswered).toBe(true));
    // Let the late answer reach the page (response body read, state set) before looking.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getAllByRole("article").map((a) => a.getAttribute("aria-label"))).toEqual(["第 1 段，出自《快的的结果》"]);
  });

  it("shows more passages on request, up to the server's ceiling, keeping the place in the list", async () => {
    const api = fakeApi({ "GET /api/search": (url) => ({ json: { query: "x", passages: Array.from({ length: Math.min(Number(url.searchParams.get("k")), 35) }, () => passage()) } }) });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness />);
    typeAndEnter("平安建设");
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(20));
    expect(api.to("/api/search")[0].url.searchParams.get("k")).toBe("20");
    const items = screen.getAllByRole("article");
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    fireEvent.keyDown(items[0], { key: "End" });
    expect(document.activeElement).toBe(items[19]);
    fireEvent.click(screen.getByRole("button", { name: "显示更多（至多 50 段）" }));
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(35));
    expect(api.to("/api/search")[1].url.searchParams.get("k")).toBe("50");
    expect(screen.getAllByRole("article")[19].className).toContain("selected");
    // Fewer than asked for: there is no more to show.
    expect(screen.queryByRole("button", { name: /显示更多/ })).toBeNull();
  });
});

import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Finding } from "../../server/checking/types.ts";
import { Checker } from "../../web/features/checking/components/Checker.tsx";

const TEXT = "一年来，我委认真布署各项工作，全年排查XX件。";
const at = (s: string) => TEXT.indexOf(s);
const rule: Finding = { kind: "placeholder", severity: "error", start: at("XX"), end: at("XX") + 2, text: "XX", message: "占位符“XX”未替换" };
const modelTypo: Finding = { kind: "typo", severity: "warning", start: at("布"), end: at("布") + 1, text: "布", suggestion: "部", message: "模型复核（fake-proof）：疑为错别字", engine: "fake-proof" };

function sse(events: Array<[string, unknown]>): Response {
  const body = events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join("");
  return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
}

afterEach(() => vi.unstubAllGlobals());

describe("模型复核 on the check page", () => {
  it("is offered only with a model, streams its findings into the list marked 模型, and their suggestion applies", async () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      calls.push(`${init.method} ${url.replace(/^https?:\/\/[^/]+/, "")}`);
      if (url.endsWith("/api/check/model")) {
        expect(JSON.parse(String(init.body))).toEqual({ text: TEXT });
        return sse([["progress", { done: 1, total: 1, findings: [modelTypo] }], ["done", { engine: "fake-proof", chunks: 1, failedChunks: 0, kept: 1 }]]);
      }
      return new Response(JSON.stringify({ year: 2025, findings: [rule], stats: {} }), { headers: { "Content-Type": "application/json" } });
    });
    const { rerender } = render(<Checker draft={null} model={null} />);
    fireEvent.change(screen.getByLabelText("粘贴待检查文本"), { target: { value: TEXT } });
    fireEvent.click(screen.getByRole("button", { name: "检查粘贴的文本" }));
    await screen.findByText("占位符“XX”未替换");
    expect(screen.queryByRole("button", { name: /模型复核/ })).toBeNull();

    rerender(<Checker draft={null} model="fake-proof" />);
    fireEvent.click(screen.getByRole("button", { name: "模型复核（fake-proof）" }));
    await screen.findByText(/模型复核完成，新增 1 处/);
    const item = screen.getByText("模型复核（fake-proof）：疑为错别字").closest("li")!;
    expect(item.textContent).toContain("错别字");
    expect(item.textContent).toContain("模型");
    fireEvent.click(screen.getByRole("button", { name: "采用建议：“部”" }));
    await waitFor(() => expect(screen.getByLabelText("粘贴待检查文本")).toHaveProperty("value", TEXT.replace("布署", "部署")));
    expect(calls).toEqual(["POST /api/check", "POST /api/check/model"]);
  });

  it("says what the model could not do and keeps the rule findings", async () => {
    vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
      const url = String(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      if (url.endsWith("/api/check/model")) return sse([["progress", { done: 1, total: 1, findings: [] }], ["warning", { message: "模型复核有 1 段未完成：已取消或超时。" }], ["done", { engine: "m", chunks: 1, failedChunks: 1, kept: 0 }]]);
      return new Response(JSON.stringify({ year: 2025, findings: [rule], stats: {} }), { headers: { "Content-Type": "application/json" } });
    });
    render(<Checker draft={null} model="m" />);
    fireEvent.change(screen.getByLabelText("粘贴待检查文本"), { target: { value: TEXT } });
    fireEvent.click(screen.getByRole("button", { name: "检查粘贴的文本" }));
    await screen.findByText("占位符“XX”未替换");
    fireEvent.click(screen.getByRole("button", { name: "模型复核（m）" }));
    await screen.findByText(/模型复核有 1 段未完成/);
    expect(screen.getByText("占位符“XX”未替换")).toBeTruthy();
  });

  it("runs by itself after the rules when the server says so, and streams into the same list", async () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      calls.push(url.replace(/^https?:\/\/[^/]+/, ""));
      if (url.endsWith("/api/check/model")) return sse([["progress", { done: 1, total: 1, findings: [modelTypo] }], ["done", { engine: "fake-proof", chunks: 1, failedChunks: 0, kept: 1 }]]);
      return new Response(JSON.stringify({ year: 2025, findings: [rule], stats: {} }), { headers: { "Content-Type": "application/json" } });
    });
    render(<Checker draft={null} model="fake-proof" autoModel />);
    fireEvent.change(screen.getByLabelText("粘贴待检查文本"), { target: { value: TEXT } });
    fireEvent.click(screen.getByRole("button", { name: "检查粘贴的文本" }));
    await screen.findByText(/模型复核完成，新增 1 处/);
    expect(calls).toEqual(["/api/check", "/api/check/model"]);
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items.some((t) => t!.includes("占位符“XX”未替换"))).toBe(true);
    expect(items.some((t) => t!.includes("模型复核（fake-proof）：疑为错别字"))).toBe(true);
  });

  it("shows a rule's and the model's different fixes for the same words side by side; “take all” leaves them to the writer", async () => {
    const T = "依法保障群众合法权力，全年排查XX件。";
    const span = { start: T.indexOf("权力"), end: T.indexOf("权力") + 2, text: "权力" };
    const ruleFix: Finding = { kind: "typo", severity: "warning", ...span, suggestion: "权利", message: "规则：权力→权利" };
    const modelFix: Finding = { kind: "typo", severity: "warning", ...span, suggestion: "权益", message: "模型复核（m）：权力→权益", engine: "m" };
    const placeholder: Finding = { kind: "placeholder", severity: "error", start: T.indexOf("XX"), end: T.indexOf("XX") + 2, text: "XX", message: "占位符", suggestion: "" };
    const nameQuery: Finding = { kind: "typo", severity: "info", start: 2, end: 3, text: "保", message: "模型复核（m）：疑为名称或引文中的错字“保”，请与原始材料核对（不提供自动修改）", engine: "m" };
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      if (url.endsWith("/api/check/model")) return sse([["progress", { done: 1, total: 1, findings: [modelFix, nameQuery] }], ["done", { engine: "m", chunks: 1, failedChunks: 0, kept: 2 }]]);
      // The rules answer for the text they are sent (全部采用建议 checks again after taking its fixes).
      const sent = (JSON.parse(String(init.body ?? "{}")) as { text?: string }).text ?? T;
      const at = (f: Finding) => ({ ...f, start: sent.indexOf(f.text), end: sent.indexOf(f.text) + f.text.length });
      const found = [ruleFix, placeholder].filter((f) => sent.includes(f.text)).map(at);
      return new Response(JSON.stringify({ year: 2025, findings: found, stats: {} }), { headers: { "Content-Type": "application/json" } });
    });
    render(<Checker draft={null} model="m" autoModel />);
    fireEvent.change(screen.getByLabelText("粘贴待检查文本"), { target: { value: T } });
    fireEvent.click(screen.getByRole("button", { name: "检查粘贴的文本" }));
    await screen.findByText(/模型复核完成，新增 2 处/);
    expect(screen.getByRole("button", { name: "采用建议：“权利”" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "采用建议：“权益”" })).toBeTruthy();
    expect(screen.getAllByText("规则与模型的建议不同，请选择其一")).toHaveLength(2);
    // The name query has nothing to take.
    const query = screen.getByText(/疑为名称或引文中的错字/).closest("li")!;
    expect(query.querySelector("button.small")).toBeNull();
    expect(query.textContent).toContain("请核对，不自动修改");
    // “Take all” takes only the placeholder fix.
    fireEvent.click(screen.getByRole("button", { name: "全部采用建议（1）" }));
    await waitFor(() => expect(screen.getByLabelText("粘贴待检查文本")).toHaveProperty("value", "依法保障群众合法权力，全年排查件。"));
    // The writer picks the model's fix.
    fireEvent.click(screen.getByRole("button", { name: "采用建议：“权益”" }));
    await waitFor(() => expect(screen.getByLabelText("粘贴待检查文本")).toHaveProperty("value", "依法保障群众合法权益，全年排查件。"));
    expect(screen.queryByRole("button", { name: "采用建议：“权利”" })).toBeNull();
  });
});

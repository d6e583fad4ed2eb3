import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../../web/app/App.tsx";

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
});

describe("access token", () => {
  it("asks once for the token when the server requires one, keeps it for the tab and sends it on every request", async () => {
    const seen: (string | null)[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const auth = new Headers(init.headers).get("authorization");
      if (url.endsWith("/api/health")) {
        seen.push(auth);
        const body = auth === "Bearer s3cret"
          ? { ok: true, authRequired: true, engines: { drafting: { kind: "llm", model: "qwen2.5-7b" }, embedder: { name: "local", dimension: 512 } }, counts: { documents: 5, chunks: 104, fingerprints: 1 } }
          : { ok: true, authRequired: true };
        return new Response(JSON.stringify(body), { status: 200 });
      }
      return new Response(JSON.stringify({ error: { code: "unauthorized:token", message: "需要访问令牌" } }), { status: 401 });
    });
    window.history.replaceState(null, "", "/");
    render(<App />);
    const input = await screen.findByLabelText("访问令牌");
    fireEvent.change(input, { target: { value: "s3cret" } });
    fireEvent.click(screen.getByRole("button", { name: "确定" }));
    await waitFor(() => expect(document.querySelector(".engine")?.textContent).toBe("模型：qwen2.5-7b"));
    expect(sessionStorage.getItem("zongjie.token")).toBe("s3cret");
    expect(localStorage.getItem("zongjie.token")).toBeNull();
    expect(seen[0]).toBeNull();
    expect(seen.at(-1)).toBe("Bearer s3cret");
    expect(screen.queryByLabelText("访问令牌")).toBeNull();
  });

  it("shows the offline engine when no model is configured", async () => {
    vi.stubGlobal("fetch", async () =>
      new Response(JSON.stringify({ ok: true, authRequired: false, engines: { drafting: { kind: "offline" }, embedder: { name: "local", dimension: 512 } }, counts: { documents: 0, chunks: 0, fingerprints: 0 } })),
    );
    window.history.replaceState(null, "", "/");
    render(<App />);
    await waitFor(() => expect(document.querySelector(".engine")?.textContent).toBe("离线引擎"));
    expect(screen.queryByLabelText("访问令牌")).toBeNull();
  });
});

import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Draft } from "../../server/drafting/types.ts";
import { useAutosave } from "../../web/features/saved/api/use-autosave.ts";
import { ConflictBanner, SaveStatus } from "../../web/features/saved/components/SaveStatus.tsx";
import { fakeFetch, sampleDraft } from "./fixtures.ts";

function Harness({ onLoad }: { onLoad: (d: Draft, id: string, v: number) => void }) {
  const [draft, setDraft] = useState(sampleDraft({ title: "本窗口的稿件" }));
  const [id, setId] = useState("d1");
  const [version, setVersion] = useState(3);
  const [dirty, setDirty] = useState(false);
  const a = useAutosave({
    draft,
    savedId: id,
    version,
    dirty,
    delayMs: 10,
    onSaved: (newId, v) => {
      setId(newId);
      setVersion(v);
      setDirty(false);
    },
    onLoad,
  });
  return (
    <>
      <button type="button" onClick={() => { setDraft({ ...draft, sections: draft.sections.map((s, i) => (i === 0 ? { ...s, text: "改动" } : s)) }); setDirty(true); }}>编辑</button>
      <SaveStatus status={a.status} dirty={dirty} version={version} />
      <ConflictBanner status={a.status} onLoadLatest={() => void a.loadLatest()} onSaveAsCopy={() => void a.saveAsCopy()} />
      <output data-testid="id">{id}:{version}</output>
    </>
  );
}

const conflict = {
  status: 409,
  json: { error: { code: "conflict:draft_version", message: "另一个窗口已保存了更新的版本", details: { id: "d1", currentVersion: 4, baseVersion: 3 } } },
};

/** The edit the 编辑 button makes, as it must reach the server. */
const edited = expect.arrayContaining([expect.objectContaining({ text: "改动" })]);

afterEach(() => vi.unstubAllGlobals());

describe("autosave conflict (409)", () => {
  it("saves an edit with the version it was based on", async () => {
    const api = fakeFetch({ "PUT /api/drafts/d1": () => ({ json: { id: "d1", version: 4, updatedAt: "2025-12-01T08:00:00Z" } }) });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness onLoad={() => {}} />);
    fireEvent.click(screen.getByRole("button", { name: "编辑" }));
    await waitFor(() => expect(screen.getByTestId("id").textContent).toBe("d1:4"));
    expect(api.calls[0].body).toMatchObject({ baseVersion: 3, draft: { title: "本窗口的稿件", sections: edited } });
    expect(document.querySelector(".save-status")!.textContent).toContain("已保存（第 4 版");
  });

  it("on a stale save says so plainly and stops autosaving until the writer chooses", async () => {
    const api = fakeFetch({ "PUT /api/drafts/d1": () => conflict });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness onLoad={() => {}} />);
    fireEvent.click(screen.getByRole("button", { name: "编辑" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("另一个窗口已保存较新的版本");
    expect(alert.textContent).toContain("第 4 版");
    expect(screen.getByRole("button", { name: "载入最新版本" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "另存为副本" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "编辑" }));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(api.calls.filter((c) => c.method === "PUT")).toHaveLength(1);
  });

  it("载入最新版本 replaces the local draft with the server's newer one", async () => {
    const newer = sampleDraft({ title: "另一个窗口的稿件" });
    const api = fakeFetch({
      "PUT /api/drafts/d1": () => conflict,
      "GET /api/drafts/d1": () => ({ json: { id: "d1", title: newer.title, version: 4, updatedAt: "2025-12-01T09:00:00Z", engine: "offline", draft: newer } }),
    });
    vi.stubGlobal("fetch", api.fn);
    const onLoad = vi.fn();
    render(<Harness onLoad={onLoad} />);
    fireEvent.click(screen.getByRole("button", { name: "编辑" }));
    fireEvent.click(await screen.findByRole("button", { name: "载入最新版本" }));
    await waitFor(() => expect(onLoad).toHaveBeenCalledWith(newer, "d1", 4));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("另存为副本 keeps this window's text as a new saved draft", async () => {
    const api = fakeFetch({
      "PUT /api/drafts/d1": () => conflict,
      "POST /api/drafts/new": () => ({ status: 201, json: { id: "d2", version: 1, updatedAt: "2025-12-01T09:00:00Z" } }),
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Harness onLoad={() => {}} />);
    fireEvent.click(screen.getByRole("button", { name: "编辑" }));
    fireEvent.click(await screen.findByRole("button", { name: "另存为副本" }));
    await waitFor(() => expect(screen.getByTestId("id").textContent).toBe("d2:1"));
    const post = api.calls.find((c) => c.method === "POST")!;
    expect(post.body).toMatchObject({ draft: { title: "本窗口的稿件（副本）", sections: edited } });
  });
});

import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DraftSection, DraftWarning } from "../../server/drafting/types.ts";
import { useDraftSession } from "../../web/features/drafting/api/use-draft-session.ts";
import { DraftView } from "../../web/features/drafting/components/DraftView.tsx";
import { fakeFetch, sampleDraft } from "./fixtures.ts";

/** The writing page's wiring of the session to the draft view, without the rest of the page. */
function Page() {
  const session = useDraftSession();
  useEffect(() => session.loadDraft(sampleDraft(), "d1", 1), []);
  return (
    <DraftView
      state={session.state}
      dispatch={session.dispatch}
      outline={null}
      focusedId={null}
      onFocus={() => {}}
      busy={session.busy}
      onRegenerate={(id) => void session.regenerate(id)}
      onCancel={() => {}}
      proposals={session.proposals}
      onKeepProposal={session.keepProposal}
      onDropProposal={session.dropProposal}
    />
  );
}

const NEW_TEXT = "已全面完成反邪教宣传12场。";
const claim: DraftWarning = {
  code: "changed_claim",
  message: "与要点不符",
  sectionId: "w1",
  claim: { kind: "scope", before: "", after: "全面", beforeText: "开展反邪教宣传12场", afterText: "已全面完成反邪教宣传12场", message: "范围程度由“（无）”变为“全部/全面”" },
};

function answer(warnings: DraftWarning[]) {
  const api = fakeFetch({
    "POST /api/drafts/section": (body) => {
      const section = (body as { draft: { sections: DraftSection[] } }).draft.sections.find((s) => s.id === "w1")!;
      return { json: { section: { ...section, text: NEW_TEXT }, warnings } };
    },
  });
  vi.stubGlobal("fetch", api.fn);
}

const textOf = () => (screen.getByRole("textbox", { name: /正文：（一）坚决维护国家政治安全/ }) as HTMLTextAreaElement).value;
const regenerate = () => {
  const card = screen.getByRole("article", { name: /坚决维护国家政治安全/ });
  fireEvent.click(within(card).getByRole("button", { name: "重新生成" }));
};

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("regenerating a section", () => {
  it("says so when the offline engine can only write the same text again, and changes nothing", async () => {
    const api = fakeFetch({
      "POST /api/drafts/section": (body) => ({ json: { section: (body as { draft: { sections: DraftSection[] } }).draft.sections.find((s) => s.id === "w1")!, warnings: [] } }),
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Page />);
    const before = textOf();
    regenerate();
    expect((await screen.findByRole("status")).textContent).toMatch(/重新生成的结果与原文相同：离线引擎对同样的要点总是写出同样的文字/);
    expect(textOf()).toBe(before);
  });

  it("replaces the text at once when the new version claims what the facts claim", async () => {
    answer([]);
    render(<Page />);
    const old = textOf();
    regenerate();
    await waitFor(() => expect(textOf()).toBe(NEW_TEXT));
    expect(old).not.toBe(NEW_TEXT);
  });

  it("holds a version that changed a claim back until the writer chooses, and keeps the earlier text on 保留原稿", async () => {
    answer([claim]);
    render(<Page />);
    const old = textOf();
    regenerate();
    const region = await screen.findByRole("region", { name: "重新生成的新稿" });
    expect(region.textContent).toContain("范围程度");
    expect(textOf()).toBe(old);
    fireEvent.click(within(region).getByRole("button", { name: "保留原稿" }));
    expect(screen.queryByRole("region", { name: "重新生成的新稿" })).toBeNull();
    expect(textOf()).toBe(old);
  });

  it("takes the new version, with its warning, on 采用新稿", async () => {
    answer([claim]);
    render(<Page />);
    regenerate();
    fireEvent.click(within(await screen.findByRole("region", { name: "重新生成的新稿" })).getByRole("button", { name: "采用新稿" }));
    await waitFor(() => expect(textOf()).toBe(NEW_TEXT));
    expect(screen.getByRole("list", { name: "核对提示" }).textContent).toContain("与要点不符");
  });
});

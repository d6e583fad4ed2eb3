import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useReducer } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkTypos } from "../../server/checking/typo/index.ts";
import type { Draft } from "../../server/drafting/types.ts";
import { applyCheckEdits } from "../../web/app/check-edits.ts";
import type { DraftText } from "../../web/features/checking/api/check.ts";
import { Checker } from "../../web/features/checking/components/Checker.tsx";
import { initialDraftState, type DraftState } from "../../web/features/drafting/draft-model.ts";
import { draftReducer } from "../../web/features/drafting/draft-state.ts";
import { draftPlainText } from "../../web/features/drafting/draft-text.ts";
import { fakeFetch, sampleDraft, section } from "./fixtures.ts";

const BODY = "切实维护社会稳订，确保大局平安。";

function draftWithTypo(): Draft {
  return sampleDraft({
    title: "某区委政法委2025年工作总结",
    sections: [section("opening", "2025年，全区政法工作稳步推进。"), section("w1", BODY, { heading: "平安建设" })],
  });
}

let latest: DraftState | null = null;

function Harness() {
  const [state, dispatch] = useReducer(draftReducer, undefined, () => draftReducer(initialDraftState, { type: "load", draft: draftWithTypo(), savedId: "d1", version: 1 }));
  latest = state;
  const plain: DraftText = { ...draftPlainText(state.draft!.title, state.draft!.sections), year: 2025 };
  return <Checker draft={plain} onApplyToDraft={(e) => applyCheckEdits(e, dispatch)} onUndoDraft={() => dispatch({ type: "undo" })} />;
}

afterEach(() => {
  vi.unstubAllGlobals();
  latest = null;
});

describe("a typo finding in the editor", () => {
  it("is labelled 错别字 and its one-click suggestion corrects the draft", async () => {
    const d = draftWithTypo();
    const plain = draftPlainText(d.title, d.sections).text;
    // The finding the typo rule itself reports on this text.
    const findings = checkTypos(plain);
    expect(findings.map((f) => `${f.text}→${f.suggestion}`)).toEqual(["订→定"]);
    vi.stubGlobal("fetch", fakeFetch({ "POST /api/check": () => ({ json: { year: 2025, findings, stats: {} } }) }).fn);
    render(<Harness />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "检查当前初稿" })));
    await waitFor(() => expect(screen.getAllByRole("button", { name: /^采用建议/ })).toHaveLength(1));
    const item = screen.getAllByRole("listitem").find((li) => li.textContent?.includes("疑似错别字"))!;
    expect(item.querySelector(".kind")!.textContent).toBe("错别字");
    expect(item.textContent).toContain("采用建议：“定”");
    fireEvent.click(item.querySelector("button.small")!);
    expect(latest!.draft!.sections.find((s) => s.id === "w1")!.text).toBe("切实维护社会稳定，确保大局平安。");
  });
});

import { headingLabels } from "../../server/text/headings.ts";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useReducer } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Finding } from "../../server/checking/types.ts";
import { draftOutline } from "../../server/drafting/draft.ts";
import type { Draft, Outline } from "../../server/drafting/types.ts";
import { applyCheckEdits } from "../../web/app/check-edits.ts";
import { suggestionInDraft, type DraftText } from "../../web/features/checking/api/check.ts";
import { Checker } from "../../web/features/checking/components/Checker.tsx";
import { initialDraftState, type DraftState } from "../../web/features/drafting/draft-model.ts";
import { currentOutline, draftReducer } from "../../web/features/drafting/draft-state.ts";
import { draftPlainText } from "../../web/features/drafting/draft-text.ts";
import { fakeFetch, sampleDraft, section } from "./fixtures.ts";

const TITLE = "某区委政法委2025年工作总结。";
const HEADING = "扎实推进扫黑除恶专项斗争";
const BODY = "排查化解矛盾纠纷6200件,调解成功6150件。";

/** A draft with a stray full stop in its title, outdated wording in a （一） heading and a half-width comma in a body. */
function flawedDraft(): Draft {
  return sampleDraft({
    title: TITLE,
    sections: [
      section("opening", "2025年，在区委的坚强领导下，现将工作总结如下："),
      section("work", ""),
      section("w1", "全年开展反邪教宣传12场。", { heading: HEADING }),
      section("w2", BODY),
      section("problems", "基层基础工作仍有薄弱环节。"),
      section("plans", "深化平安建设。"),
    ],
  });
}

/** A section's heading as the draft shows it, numbered. */
function label(state: DraftState, id: string): string {
  const sections = state.draft!.sections;
  return headingLabels(sections)[sections.findIndex((s) => s.id === id)];
}

function at(text: string, needle: string, from = 0): number {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`not in text: ${needle}`);
  return i;
}

/**
 * The three findings the checker would report on a text, each with a suggestion, computed on the text it is given
 * (as the real check does): a flaw that has been fixed is no longer reported, and offsets follow the text.
 */
function findingsOn(text: string): Finding[] {
  const out: Finding[] = [];
  const firstLine = text.split("\n")[0];
  if (firstLine.endsWith("总结。")) {
    const stop = firstLine.length - 1;
    out.push({ kind: "punctuation", severity: "warning", start: stop, end: stop + 1, text: "。", message: "标题末尾不加标点", suggestion: "" });
  }
  const heading = text.indexOf("扫黑除恶专项斗争");
  if (heading >= 0) out.push({ kind: "outdated", severity: "warning", start: heading, end: heading + 8, text: "扫黑除恶专项斗争", message: "专项斗争已转入常态化", suggestion: "常态化扫黑除恶斗争" });
  const comma = text.indexOf("6200件,");
  if (comma >= 0) out.push({ kind: "punctuation", severity: "warning", start: comma + 5, end: comma + 6, text: ",", message: "中文中应使用全角逗号", suggestion: "，" });
  return out;
}

let latest: { state: DraftState; outline: Outline | null } | null = null;

/** The check page wired to a real draft reducer, and the outline derived from it, the way App wires them. */
function Harness() {
  const [state, dispatch] = useReducer(draftReducer, undefined, () => draftReducer(initialDraftState, { type: "load", draft: flawedDraft(), savedId: "d1", version: 1 }));
  latest = { state, outline: currentOutline(state) };
  const plain: DraftText = { ...draftPlainText(state.draft!.title, state.draft!.sections), year: 2025 };
  return <Checker draft={plain} onApplyToDraft={(e) => applyCheckEdits(e, dispatch)} onUndoDraft={() => dispatch({ type: "undo" })} />;
}

/** The fake check answers for the text it is sent, like the server: `extra` adds findings of a test's own. */
async function checkDraft(extra: (text: string) => Finding[] = () => []) {
  const findingsFor = (text: string) => [...findingsOn(text), ...extra(text)].sort((a, b) => a.start - b.start);
  const api = fakeFetch({ "POST /api/check": (body) => ({ json: { year: 2025, findings: findingsFor((body as { text: string }).text), stats: {} } }) });
  vi.stubGlobal("fetch", api.fn);
  render(<Harness />);
  const plain = draftPlainText(TITLE, flawedDraft().sections).text;
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "检查当前初稿" })));
  await waitFor(() => expect(screen.getAllByRole("button", { name: /^采用建议/ })).toHaveLength(findingsFor(plain).length));
  return api;
}

/** A suggestion spanning the end of the w2 heading and the start of its body (while that boundary is there). */
function crossing(text: string): Finding[] {
  const i = text.indexOf("纠纷\n排查");
  return i < 0 ? [] : [{ kind: "repetition", severity: "info", start: i, end: i + 5, text: "纠纷\n排查", message: "跨越标题与正文", suggestion: "纠纷排查" }];
}

function current() {
  const { state, outline } = latest!;
  return {
    state,
    outline,
    checked: screen.getByLabelText("检查文本").textContent,
    plain: draftPlainText(state.draft!.title, state.draft!.sections).text,
  };
}

function item(message: string) {
  return screen.getAllByRole("listitem").find((li) => li.textContent?.includes(message))!;
}

afterEach(() => {
  vi.unstubAllGlobals();
  latest = null;
});

describe("taking a check suggestion into the draft", () => {
  it("lays the title and headings into the plain text as parts of their own", () => {
    const d = flawedDraft();
    const { text, ranges } = draftPlainText(d.title, d.sections);
    const parts = ranges.map((r) => [r.part, r.sectionId, text.slice(r.start, r.end)]);
    expect(parts.slice(0, 4)).toEqual([
      ["title", null, TITLE],
      ["text", "opening", d.sections[0].text],
      ["heading", "work", "一、主要工作及成效"],
      ["text", "work", ""],
    ]);
    expect(parts).toContainEqual(["heading", "w1", `（一）${HEADING}`]);
    expect(parts).toContainEqual(["text", "w2", BODY]);
  });

  it("fixes the title in the draft, not only in the checked text", async () => {
    await checkDraft();
    fireEvent.click(item("标题末尾不加标点").querySelector("button.small")!);
    const c = current();
    expect(c.state.draft!.title).toBe("某区委政法委2025年工作总结");
    expect(draftOutline(c.state.draft!).title).toBe("某区委政法委2025年工作总结");
    expect(c.outline!.title).toBe("某区委政法委2025年工作总结");
    expect(c.state.dirty).toBe(true);
    expect(c.checked).toBe(c.plain);
  });

  it("fixes a heading in the draft and in the outline, keeping its numbering", async () => {
    await checkDraft();
    fireEvent.click(item("专项斗争已转入常态化").querySelector("button.small")!);
    const c = current();
    expect(label(c.state, "w1")).toBe("（一）扎实推进常态化扫黑除恶斗争");
    expect(draftOutline(c.state.draft!).sections.find((s) => s.id === "w1")!.heading).toBe("扎实推进常态化扫黑除恶斗争");
    expect(c.outline!.sections.find((s) => s.id === "w1")!.heading).toBe("扎实推进常态化扫黑除恶斗争");
    expect(c.checked).toBe(c.plain);
    // The longer heading moved the body finding after it: taking that one still lands on the comma.
    fireEvent.click(item("中文中应使用全角逗号").querySelector("button.small")!);
    expect(current().state.draft!.sections.find((s) => s.id === "w2")!.text).toBe("排查化解矛盾纠纷6200件，调解成功6150件。");
    expect(current().checked).toBe(current().plain);
  });

  it("fixes a section body in the draft", async () => {
    await checkDraft();
    fireEvent.click(item("中文中应使用全角逗号").querySelector("button.small")!);
    const c = current();
    expect(c.state.draft!.sections.find((s) => s.id === "w2")!.text).toBe("排查化解矛盾纠纷6200件，调解成功6150件。");
    expect(c.state.draft!.title).toBe(TITLE);
    expect(c.checked).toBe(c.plain);
  });

  it("takes every suggestion at once, in the title, a heading and a body", async () => {
    const api = await checkDraft();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: /全部采用建议（3）/ })));
    await waitFor(() => expect(screen.queryAllByRole("button", { name: /^采用建议/ })).toHaveLength(0));
    const c = current();
    // One round took all three; the re-check of the corrected text found nothing more to take.
    expect(api.calls.filter((x) => x.path === "/api/check")).toHaveLength(2);
    expect(c.state.draft!.title).toBe("某区委政法委2025年工作总结");
    expect(label(c.state, "w1")).toBe("（一）扎实推进常态化扫黑除恶斗争");
    expect(c.state.draft!.sections.find((s) => s.id === "w2")!.text).toBe("排查化解矛盾纠纷6200件，调解成功6150件。");
    expect(c.checked).toBe(c.plain);
    expect(screen.queryAllByRole("button", { name: /^采用建议/ })).toHaveLength(0);
  });

  it("refuses a suggestion that crosses from a heading into its body, saying so and changing nothing", async () => {
    await checkDraft(crossing);
    const before = current();
    fireEvent.click(item("跨越标题与正文").querySelector("button.small")!);
    expect(screen.getByRole("alert").textContent).toContain("无法自动写回初稿");
    const after = current();
    expect(after.state).toBe(before.state);
    expect(after.checked).toBe(before.checked);
    // 全部采用 takes the other three and leaves this one listed.
    await act(async () => fireEvent.click(screen.getByRole("button", { name: /全部采用建议（4）/ })));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("有 1 条建议"));
    expect(current().state.draft!.title).toBe("某区委政法委2025年工作总结");
    expect(current().checked).toBe(current().plain);
    expect(screen.getAllByRole("button", { name: /^采用建议/ })).toHaveLength(1);
  });

  it("maps a suggestion to one part only: never across parts, never a line break into a title or heading", () => {
    const d = flawedDraft();
    const plain: DraftText = draftPlainText(d.title, d.sections);
    expect(suggestionInDraft(plain, crossing(plain.text)[0])).toBeNull();
    // A line break may go into a body but never into a title or a heading.
    const title: Finding = { kind: "punctuation", severity: "info", start: 0, end: 1, text: "某", message: "", suggestion: "某\n" };
    expect(suggestionInDraft(plain, title)).toBeNull();
    const body = at(plain.text, BODY);
    const split = suggestionInDraft(plain, { ...title, start: body, end: body + 1, suggestion: "排\n" })!;
    expect(split.edit).toEqual({ part: "text", sectionId: "w2", value: `排\n${BODY.slice(1)}` });
  });
});

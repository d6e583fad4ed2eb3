import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Finding } from "../../server/checking/types.ts";
import { applySuggestion } from "../../web/features/checking/api/check.ts";
import { FindingsText } from "../../web/features/checking/components/FindingsText.tsx";
import { markShared, segmentByRanges } from "../../web/lib/highlight.ts";

const TEXT = "全年开展宣传XX场,覆盖群众3000人。";

function finding(kind: Finding["kind"], severity: Finding["severity"], start: number, end: number, suggestion?: string): Finding {
  return { kind, severity, start, end, text: TEXT.slice(start, end), message: `${kind}问题`, ...(suggestion != null ? { suggestion } : {}) };
}

const placeholder = finding("placeholder", "error", 6, 8);
const comma = finding("punctuation", "warning", 9, 10, "，");
const overlapping = finding("repetition", "info", 4, 7);

describe("findings highlighting", () => {
  it("cuts the text at every finding boundary and lists which findings cover each piece", () => {
    const segs = segmentByRanges(TEXT, [placeholder, comma, overlapping]);
    expect(segs.map((s) => s.text).join("")).toBe(TEXT);
    const covered = segs.filter((s) => s.covering.length).map((s) => [s.text, s.covering]);
    expect(covered).toEqual([["宣传", [2]], ["X", [0, 2]], ["X", [0]], [",", [1]]]);
  });

  it("clamps offsets past the end and ignores empty ranges", () => {
    const segs = segmentByRanges("abc", [{ start: 2, end: 99 }, { start: 1, end: 1 }]);
    expect(segs).toEqual([
      { start: 0, end: 2, text: "ab", covering: [] },
      { start: 2, end: 3, text: "c", covering: [0] },
    ]);
  });

  it("renders each finding's exact slice as a mark and selects it on click", () => {
    const onSelect = vi.fn();
    render(<FindingsText text={TEXT} findings={[placeholder, comma]} active={null} onSelect={onSelect} />);
    const marks = [...document.querySelectorAll("mark.finding")];
    expect(marks.map((m) => m.textContent)).toEqual(["XX", ","]);
    expect(marks[0].className).toContain("sev-error");
    expect(screen.getByLabelText("检查文本").textContent).toBe(TEXT);
    fireEvent.click(marks[1]);
    expect(onSelect).toHaveBeenCalledWith(1);
  });

  it("applying a suggestion shifts later findings and drops overlapping ones", () => {
    const later = finding("placeholder", "error", 15, 19);
    const r = applySuggestion(TEXT, [placeholder, comma, later], comma);
    expect(r.text).toBe("全年开展宣传XX场，覆盖群众3000人。");
    expect(r.findings).toEqual([placeholder, later]); // same length replacement: offsets unchanged
    const r2 = applySuggestion(TEXT, [placeholder, overlapping, later], { ...placeholder, suggestion: "" });
    expect(r2.text).toBe("全年开展宣传场,覆盖群众3000人。");
    expect(r2.findings).toEqual([{ ...later, start: 13, end: 17 }]);
    expect(r2.text.slice(13, 17)).toBe(TEXT.slice(15, 19));
  });

  it("marks the runs a source passage shares with the section", () => {
    const pieces = markShared("坚持和发展新时代枫桥经验，化解矛盾纠纷", "深化枫桥经验，全年化解矛盾纠纷6200件", 3);
    expect(pieces.filter((p) => p.mark).map((p) => p.text)).toEqual(["枫桥经验", "化解矛盾纠纷"]);
    expect(pieces.map((p) => p.text).join("")).toBe("坚持和发展新时代枫桥经验，化解矛盾纠纷");
  });
});

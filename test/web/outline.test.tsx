import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Outline } from "../../server/drafting/types.ts";
import { OutlineEditor } from "../../web/features/drafting/components/OutlineEditor.tsx";
import { headingLabels } from "../../server/text/headings.ts";
import { dropSection, factTargets, moveFact, moveSection, renameSection } from "../../web/features/drafting/outline-edit.ts";
import { sampleFacts, sampleOutline } from "./fixtures.ts";

function ids(o: Outline) {
  return o.sections.map((s) => s.id);
}

describe("outline editing", () => {
  it("moves a （一） section among its siblings but never across a part heading", () => {
    const o = sampleOutline();
    expect(ids(moveSection(o, "w2", -1))).toEqual(["opening", "work", "w2", "w1", "problems", "plans"]);
    expect(moveSection(o, "w1", -1)).toBe(o); // above it is 一、
    expect(moveSection(o, "w2", 1)).toBe(o); // below it is 二、
    expect(moveSection(o, "problems", -1)).toBe(o); // parts keep their conventional order
  });

  it("renumbers headings from order after a move, a rename and a drop", () => {
    let o = moveSection(sampleOutline(), "w2", -1);
    o = renameSection(o, "w1", "维护政治安全");
    expect(headingLabels(o.sections).slice(2, 4)).toEqual(["（一）化解矛盾纠纷", "（二）维护政治安全"]);
    o = dropSection(o, "w2");
    expect(headingLabels(o.sections).slice(2, 3)).toEqual(["（一）维护政治安全"]);
  });

  it("moves a fact to another section, keeping it exactly once", () => {
    const o = moveFact(sampleOutline(), "f3", "w1");
    expect(o.sections.find((s) => s.id === "w1")!.factIds).toEqual(["f1", "f3"]);
    expect(o.sections.find((s) => s.id === "w2")!.factIds).toEqual(["f2"]);
    expect(o.sections.flatMap((s) => s.factIds).filter((f) => f === "f3")).toHaveLength(1);
    expect(moveFact(o, "f3", "nope")).toBe(o);
  });

  it("offers work facts only work subsections, and problems only the problems part", () => {
    const o = sampleOutline();
    expect(factTargets(o, "f1", "fact").map((s) => s.id)).toEqual(["w2"]);
    expect(factTargets(o, "p1", "problem").map((s) => s.id)).toEqual([]);
  });

  function Harness({ onGenerate = () => {} }: { onGenerate?: () => void }) {
    const [o, setO] = useState(sampleOutline());
    return (
      <>
        <OutlineEditor outline={o} facts={sampleFacts()} onChange={setO} onGenerate={onGenerate} generating={false} stale={false} />
        <output data-testid="order">{o.sections.map((s) => s.id).join(",")}</output>
        <output data-testid="w1facts">{o.sections.find((s) => s.id === "w1")?.factIds.join(",")}</output>
      </>
    );
  }

  it("reorders with Alt+↓ on a focused row and with the ↑ button", () => {
    render(<Harness />);
    const row = screen.getByRole("listitem", { name: "（一）坚决维护国家政治安全" });
    row.focus();
    fireEvent.keyDown(row, { key: "ArrowDown", altKey: true });
    expect(screen.getByTestId("order").textContent).toBe("opening,work,w2,w1,problems,plans");
    // Without Alt the arrow keys do nothing.
    fireEvent.keyDown(screen.getByRole("listitem", { name: "（一）化解矛盾纠纷" }), { key: "ArrowDown" });
    expect(screen.getByTestId("order").textContent).toBe("opening,work,w2,w1,problems,plans");
    const up = screen.getAllByRole("button", { name: "上移" });
    fireEvent.click(up[1]); // the second （一） row: w1 back above w2
    expect(screen.getByTestId("order").textContent).toBe("opening,work,w1,w2,problems,plans");
  });

  it("renames a heading in place and moves a fact through its menu", () => {
    render(<Harness />);
    fireEvent.change(screen.getByRole("textbox", { name: "标题：（二）化解矛盾纠纷" }), { target: { value: "深化矛盾纠纷化解" } });
    expect(screen.getByRole("listitem", { name: "（二）深化矛盾纠纷化解" })).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "移动事实：新建网格员队伍320名" }), { target: { value: "w1" } });
    expect(screen.getByTestId("w1facts").textContent).toBe("f1,f3");
  });

  it("asks before dropping a section that holds facts", () => {
    render(<Harness />);
    const confirm = vi.spyOn(window, "confirm").mockReturnValueOnce(false).mockReturnValueOnce(true);
    const drop = () => fireEvent.click(screen.getAllByRole("button", { name: "删除此节" })[1]);
    drop();
    expect(screen.getByTestId("order").textContent).toContain("w2");
    drop();
    expect(screen.getByTestId("order").textContent).toBe("opening,work,w1,problems,plans");
    expect(confirm).toHaveBeenCalledTimes(2);
    confirm.mockRestore();
  });

  it("shows a long heading whole in a control that wraps and grows, and Enter adds no line break", () => {
    // jsdom lays nothing out: give the wrapped text a height so the growing can be seen.
    const scroll = vi.spyOn(HTMLTextAreaElement.prototype, "scrollHeight", "get").mockImplementation(function (this: HTMLTextAreaElement) {
      return 21 * Math.ceil(this.value.length / 12);
    });
    const ctrlEnter = vi.fn();
    const onWindowKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === "Enter") ctrlEnter();
    };
    window.addEventListener("keydown", onWindowKey);
    try {
      render(<Harness />);
      const long = "坚持和发展新时代枫桥经验，推动矛盾纠纷源头预防、多元化解、就地解决，持续提升基层社会治理现代化水平";
      fireEvent.change(screen.getByRole("textbox", { name: "标题：（二）化解矛盾纠纷" }), { target: { value: long } });
      const field = screen.getByRole("textbox", { name: `标题：（二）${long}` }) as HTMLTextAreaElement;
      expect(field.tagName).toBe("TEXTAREA");
      expect(field.value).toBe(long);
      expect(field.style.height).toBe(`${21 * Math.ceil(long.length / 12)}px`);
      expect(Number.parseInt(field.style.height)).toBeGreaterThan(21 * 4);
      // Enter, as in the one-line input it replaced, leaves the heading as it is.
      expect(fireEvent.keyDown(field, { key: "Enter" })).toBe(false);
      expect(field.value).toBe(long);
      // Ctrl+Enter still reaches the page's shortcut, and Alt+↓ still moves the row.
      fireEvent.keyDown(field, { key: "Enter", ctrlKey: true });
      expect(ctrlEnter).toHaveBeenCalledTimes(1);
      fireEvent.keyDown(field, { key: "ArrowUp", altKey: true });
      expect(screen.getByTestId("order").textContent).toBe("opening,work,w2,w1,problems,plans");
      // A pasted line break does not split the heading.
      fireEvent.change(field, { target: { value: "化解矛盾\n纠纷" } });
      expect(screen.getByRole("textbox", { name: "标题：（一）化解矛盾纠纷" })).toBeTruthy();
    } finally {
      window.removeEventListener("keydown", onWindowKey);
      scroll.mockRestore();
    }
  });
});

import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SkeletonImport } from "../../web/features/facts/components/SkeletonImport.tsx";

afterEach(() => vi.unstubAllGlobals());

const input = { unit: "XX区委政法委", year: 2022, facts: ["制定实施矫正管理制度18项"] };
const outline = { title: "XX区委政法委2022年工作总结", unit: "XX区委政法委", year: 2022, period: "全年", sections: [
  { id: "opening", role: "opening", heading: "", level: 0, workLine: null, factIds: [] },
  { id: "y1", role: "work", heading: "突出平安建设", level: 1, workLine: "平安建设", factIds: ["f1"] },
  { id: "y2", role: "work", heading: "廉政建设", level: 1, workLine: "廉政", factIds: [] },
] };
const skeleton = {
  facts: [{ id: "f1", kind: "fact", text: input.facts[0], workLine: "平安建设", figures: [], keyTerms: [] }],
  outline,
  needsMaterial: ["y2"],
  headings: { carried: 2, total: 2 },
  wording: [
    { sectionId: "y1", text: "制定实施15项制度。", marks: [], marked: "制定实施【待更新：原“15项”】制度。", supportedBy: ["f1"], status: "supported" },
    { sectionId: "y2", text: "委机关保持零违纪记录。", marks: [], marked: "委机关保持零违纪记录。", supportedBy: [], status: "unverified" },
  ],
  derived: [{ factId: "f1", measure: "制定实施制度", thisYear: "18项", lastYear: "15项", direction: "上升", percent: 20, phrase: "同比上升20%", formula: "（18 − 15）÷ 15 × 100% = 20%", lastYearSentence: "制定实施15项制度。", confirmed: false }],
};

describe("以去年总结为底稿", () => {
  it("shows the carried headings, the marked and unverified wording, and hands on the outline with the confirmed derived figures only", async () => {
    vi.stubGlobal("fetch", vi.fn(async (req: RequestInfo | URL) => {
      const url = String(req instanceof Request ? req.url : req);
      const body = url.includes("/api/drafts/parse") ? input : skeleton;
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }));
    const onAdopt = vi.fn();
    render(<SkeletonImport factsText={"单位：XX区委政法委\n年度：2022\n- 制定实施矫正管理制度18项"} onAdopt={onAdopt} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText("以去年总结为底稿", { selector: "input" }), { target: { files: [new File(["去年"], "2021年总结.docx")] } });
    });
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/沿用去年标题 2\/2 个/).textContent).toContain("廉政建设");
    expect(within(dialog).getByText(/【待核实：沿用去年表述】委机关保持零违纪记录/)).toBeTruthy();
    expect(within(dialog).getByText(/制定实施【待更新：原“15项”】制度/)).toBeTruthy();
    fireEvent.click(within(dialog).getByText("采用去年标题作为提纲"));
    expect(onAdopt.mock.calls[0][1]).toEqual(outline);
    expect(onAdopt.mock.calls[0][3]).toEqual([]);
    // Again, confirming the year-over-year figure this time.
    await act(async () => {
      fireEvent.change(screen.getByLabelText("以去年总结为底稿", { selector: "input" }), { target: { files: [new File(["去年"], "2021年总结.docx")] } });
    });
    const again = await screen.findByRole("dialog");
    fireEvent.click(within(again).getByText(/同比上升20%/).querySelector("input")!);
    // The writer keeps last year's unverified sentence on purpose: its mark goes, and it is handed on as reused.
    const keep = within(again).getAllByRole("checkbox", { name: "确认沿用" })[1];
    fireEvent.click(keep);
    expect(within(again).queryByText(/【待核实：沿用去年表述】/)).toBeNull();
    fireEvent.click(within(again).getByText("采用去年标题作为提纲"));
    expect(onAdopt.mock.calls[1][3]).toEqual([{ kind: "percent", value: 20, formula: "（18 − 15）÷ 15 × 100% = 20%", confirmed: true }]);
    expect(onAdopt.mock.calls[1][4]).toEqual(["委机关保持零违纪记录。"]);
    expect(onAdopt.mock.calls[0][4]).toEqual([]);
  });

  it("asks for this year's facts first, in Chinese", async () => {
    render(<SkeletonImport factsText="" onAdopt={() => {}} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText("以去年总结为底稿", { selector: "input" }), { target: { files: [new File(["去年"], "2021年总结.docx")] } });
    });
    expect(screen.getByRole("alert").textContent).toMatch(/请先在事实材料中写明/);
  });
});

import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Candidate, Extraction } from "../../server/facts/types.ts";
import { byWorkLine, factsTextFor, move, provenanceOf, setUnit, settle } from "../../web/features/facts/candidates.ts";
import { SubmissionsImport } from "../../web/features/facts/components/SubmissionsImport.tsx";

const src = (file: string, unit: string, passage: string) => ({ file, unit, headingPath: ["一、主要工作"], passage, start: 0, end: passage.length });
const cand = (id: string, text: string, workLine: string | null, file: string, unit: string, over: Partial<Candidate> = {}): Candidate => ({
  id, text, unit, role: "成效", workLine, figures: [], sources: [src(file, unit, `${text}。`)], origin: "offline", chosen: true, ...over,
});

const A = cand("s1.1", "排查化解矛盾纠纷856件", "矛盾纠纷", "甲.txt", "县公安局", { chosen: false });
const B = cand("s2.1", "全县共排查化解矛盾纠纷865件", "矛盾纠纷", "乙.txt", "县司法局", { chosen: false });
const C = cand("s1.2", "新建智慧安防小区28个", "平安建设", "甲.txt", "县公安局");
const D = cand("s2.2", "培育法律明白人500名", "矛盾纠纷", "乙.txt", "县司法局", { role: "打算" });
const conflict = { id: "c1", measure: "排查化解矛盾纠纷", entries: [
  { candidateId: "s1.1", unit: "县公安局", file: "甲.txt", raw: "856件", value: 856 },
  { candidateId: "s2.1", unit: "县司法局", file: "乙.txt", raw: "865件", value: 865 },
] };

afterEach(() => vi.unstubAllGlobals());

describe("the writer's choices over the candidates", () => {
  it("groups by work line in the conventional order, moves within a line, renames a file's unit and settles a conflict", () => {
    const all = [A, C, B, D];
    expect(byWorkLine(all).map((g) => g.id)).toEqual(["平安建设", "矛盾纠纷"]);
    expect(move(all, "s2.1", -1).map((c) => c.id)).toEqual(["s2.1", "s1.2", "s1.1", "s2.2"]);
    expect(move(all, "s1.2", -1)).toBe(all);
    expect(setUnit(all, "乙.txt", "县司法行政局").filter((c) => c.unit === "县司法行政局").map((c) => c.id)).toEqual(["s2.1", "s2.2"]);
    const settled = settle(all, conflict, "s2.1");
    expect(settled.filter((c) => c.chosen).map((c) => c.id)).toEqual(["s1.2", "s2.1", "s2.2"]);
    expect(factsTextFor(settled, "单位：溪山县委政法委\n年度：2025\n- 旧的一条")).toBe("单位：溪山县委政法委\n年度：2025\n- 新建智慧安防小区28个\n- 全县共排查化解矛盾纠纷865件\n计划：培育法律明白人500名\n");
    expect(provenanceOf(settled).map((p) => p.sources[0].file)).toEqual(["甲.txt", "乙.txt", "乙.txt"]);
  });
});

describe("导入报送材料", () => {
  it("shows each file's unit, the conflict to settle, the sources one click away, and hands the chosen facts on", async () => {
    const done: Extraction = {
      engine: "offline",
      files: [{ file: "甲.txt", status: "read", unit: "县公安局", candidates: 2 }, { file: "乙.txt", status: "read", unit: "县司法局", candidates: 2 }, { file: "坏.pdf", status: "rejected", code: "bad_request:bad_pdf", message: "《坏.pdf》不是有效的 PDF 文件" }],
      candidates: [A, C, B, D],
      conflicts: [conflict],
    };
    const sse = [
      `event: progress\ndata: ${JSON.stringify({ done: 1, total: 3, file: "甲.txt" })}\n\n`,
      `event: done\ndata: ${JSON.stringify(done)}\n\n`,
    ].join("");
    const fetchSpy = vi.fn(async () => new Response(sse, { status: 200, headers: { "Content-Type": "text/event-stream" } }));
    vi.stubGlobal("fetch", fetchSpy);
    const onUse = vi.fn();
    render(<SubmissionsImport factsText={"单位：溪山县委政法委\n年度：2025\n"} onUse={onUse} />);
    const input = screen.getByLabelText("导入报送材料", { selector: "input" });
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(["甲"], "甲.txt"), new File(["乙"], "乙.txt"), new File(["坏"], "坏.pdf")] } });
    });
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByLabelText("《甲.txt》的单位")).toHaveProperty("value", "县公安局");
    expect(within(dialog).getByText(/未能读取：《坏.pdf》不是有效的 PDF 文件/)).toBeTruthy();
    expect(within(dialog).getByText("使用所选 2 条要点")).toBeTruthy();
    fireEvent.click(within(dialog).getByText("县司法局 865件"));
    fireEvent.click(within(dialog).getAllByText("来源")[0]);
    expect(within(dialog).getByText("新建智慧安防小区28个。")).toBeTruthy();
    fireEvent.click(within(dialog).getByText("使用所选 3 条要点"));
    expect(onUse).toHaveBeenCalledTimes(1);
    const [text, provenance] = onUse.mock.calls[0];
    expect(text).toContain("- 全县共排查化解矛盾纠纷865件");
    expect(text).not.toContain("856件");
    expect(provenance).toHaveLength(3);
  });
});

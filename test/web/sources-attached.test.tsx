import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { SourcesPanel } from "../../web/features/sources/components/SourcesPanel.tsx";
import { section } from "./fixtures.ts";

describe("sources panel with a passage the writer attached", () => {
  it("lists the writer's pick first, marked 手动添加, and lets it be taken out", () => {
    const found = { chunkId: "d2:1", docId: "d2", title: "检索到的往年总结", headingPath: [], text: "排查化解矛盾纠纷。", start: 0, end: 9, score: 0.9 };
    const mine = { chunkId: "d7:3", docId: "d7", title: "西城区委政法委2023年工作总结", headingPath: ["一、主要工作"], text: "推进矛盾纠纷多元化解。", start: 20, end: 31, score: 0.4, attached: true };
    const onDetach = vi.fn();
    render(<SourcesPanel section={section("w2", "正文。", { sources: [found, mine] })} label="（二）化解矛盾纠纷" query="矛盾纠纷" onDetach={onDetach} />);
    const items = screen.getAllByRole("listitem");
    expect(items[0].textContent).toContain("西城区委政法委2023年工作总结");
    expect(items[0].querySelector(".pill")?.textContent).toBe("手动添加");
    expect(items[1].querySelector(".pill")).toBeNull();
    // Only the writer's own pick can be taken out here.
    expect(screen.getAllByRole("button", { name: "移出本节" })).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "移出本节" }));
    expect(onDetach).toHaveBeenCalledWith("d7:3");
  });
});

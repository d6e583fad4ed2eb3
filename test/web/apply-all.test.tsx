import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkNumbering } from "../../server/checking/rules/numbering.ts";
import type { RuleContext } from "../../server/checking/rules/types.ts";
import { Checker } from "../../web/features/checking/components/Checker.tsx";
import { fakeFetch } from "./fixtures.ts";

/** A pasted text whose first-level headings skip 二、, in this test's own words. */
const TEXT = [
  "某区2025年工作总结",
  "一、平安建设",
  "全年开展平安创建活动。",
  "三、法治建设",
  "推进法治宣传教育。",
  "四、队伍建设",
  "加强干部培训。",
  "五、下一步打算",
  "继续深化各项工作。",
].join("\n");

const headings = (text: string) => text.split("\n").filter((l) => /^[一二三四五六七八九十]+、/.test(l)).map((l) => l.split("、")[0]);

afterEach(() => vi.unstubAllGlobals());

async function checkPasted(text: string) {
  fireEvent.change(screen.getByLabelText("粘贴待检查文本"), { target: { value: text } });
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "检查粘贴的文本" })));
}
const pasted = () => (screen.getByLabelText("粘贴待检查文本") as HTMLTextAreaElement).value;

/** The real numbering rule answers each check, on the text it is sent (it reports the first break of a run). */
function realRule() {
  const api = fakeFetch({
    "POST /api/check": (body) => ({ json: { year: 2025, findings: checkNumbering((body as { text: string }).text, { year: 2025 } as RuleContext), stats: {} } }),
  });
  vi.stubGlobal("fetch", api.fn);
  return api;
}

describe("全部采用建议 on heading numbering", () => {
  it("renumbers every following sibling through re-checks (一、三、四、五、 → 一、二、三、四、), shows what changed and undoes the batch in one click", async () => {
    const api = realRule();
    render(<Checker draft={null} />);
    await checkPasted(TEXT);
    // The first check sees the first break only (三 should be 二): one suggestion, and apply-all still offered.
    await act(async () => fireEvent.click(await screen.findByRole("button", { name: "全部采用建议（1）" })));
    await waitFor(() => expect(headings(pasted())).toEqual(["一", "二", "三", "四"]));
    expect(api.calls.filter((c) => c.path === "/api/check")).toHaveLength(4); // the first check, then one after each of 3 rounds
    expect(screen.getByText(/已采用 3 条建议并重新检查/)).toBeTruthy();
    const changes = within(screen.getByRole("list", { name: "本批修改" })).getAllByRole("listitem").map((li) => li.textContent);
    expect(changes).toEqual(["三、 → 二、", "四、 → 三、", "五、 → 四、"]);
    expect(screen.queryAllByRole("button", { name: /^采用建议/ })).toHaveLength(0);
    expect(screen.getByText("未发现问题。")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "撤销这批修改" }));
    expect(pasted()).toBe(TEXT);
    expect(screen.getAllByRole("button", { name: /^采用建议/ })).toHaveLength(1);
  });

  it("checks again after one renumbered heading, so the list is never left saying all is well at 一、二、四、", async () => {
    realRule();
    render(<Checker draft={null} />);
    await checkPasted(TEXT);
    await act(async () => fireEvent.click((await screen.findAllByRole("button", { name: /^采用建议/ }))[0]));
    expect(headings(pasted())).toEqual(["一", "二", "四", "五"]);
    // The re-check now says 四 should be 三.
    await waitFor(() => expect(screen.getAllByRole("listitem").some((li) => /应为“三、”/.test(li.textContent ?? ""))).toBe(true));
  });

  it("takes fixes of other kinds in the same batch, round after round", async () => {
    // The numbering rule and a half-width comma: each round fixes one more heading, the comma in the first.
    const api = fakeFetch({
      "POST /api/check": (body) => {
        const text = (body as { text: string }).text;
        const comma = text.indexOf(",");
        const extra = comma < 0 ? [] : [{ kind: "punctuation" as const, severity: "warning" as const, start: comma, end: comma + 1, text: ",", message: "中文中应使用全角逗号", suggestion: "，" }];
        return { json: { year: 2025, findings: [...checkNumbering(text, { year: 2025 } as RuleContext), ...extra].sort((a, b) => a.start - b.start), stats: {} } };
      },
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Checker draft={null} />);
    await checkPasted(TEXT.replace("推进法治宣传教育。", "推进法治宣传,教育。"));
    await act(async () => fireEvent.click(await screen.findByRole("button", { name: "全部采用建议（2）" })));
    await waitFor(() => expect(headings(pasted())).toEqual(["一", "二", "三", "四"]));
    expect(pasted()).toContain("推进法治宣传，教育。");
    expect(screen.getByText(/已采用 4 条建议并重新检查/)).toBeTruthy();
  });
});

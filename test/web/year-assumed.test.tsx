import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Checker } from "../../web/features/checking/components/Checker.tsx";
import { fakeFetch } from "./fixtures.ts";

// A pasted text that names no year: the server checks it as of today's year and says the year was assumed.
// The page says so, and a re-check after a suggestion is taken sends no year either (our own text).

afterEach(() => vi.unstubAllGlobals());

const TEXT = "社区开展平安宣传，发放资料的的300份。";

describe("a check whose year was only assumed", () => {
  it("says so, and re-checks without sending the assumed year as the writer's", async () => {
    const api = fakeFetch({
      "POST /api/check": (body) => {
        const text = (body as { text: string }).text;
        const at = text.indexOf("的的");
        const findings = at >= 0 ? [{ kind: "repetition", severity: "warning", start: at, end: at + 2, text: "的的", message: "“的”字重复", suggestion: "的" }] : [];
        return { json: { year: 2026, yearAssumed: true, findings, stats: {} } };
      },
    });
    vi.stubGlobal("fetch", api.fn);
    render(<Checker draft={null} />);
    fireEvent.change(screen.getByLabelText("粘贴待检查文本"), { target: { value: TEXT } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "检查粘贴的文本" })));
    expect(await screen.findByText(/文中未写明年份/)).toBeTruthy();
    await act(async () => fireEvent.click(await screen.findByRole("button", { name: "全部采用建议（1）" })));
    const checks = api.calls.filter((c) => c.path === "/api/check");
    expect(checks.length).toBeGreaterThanOrEqual(2);
    for (const c of checks) expect((c.body as { year?: number }).year).toBeUndefined();
  });
});

import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DraftEvent } from "../../server/drafting/types.ts";
import { EngineBadge } from "../../web/app/App.tsx";
import { initialDraftState, type DraftState } from "../../web/features/drafting/draft-model.ts";
import { draftReducer } from "../../web/features/drafting/draft-state.ts";
import { sampleFacts, sampleOutline, section } from "./fixtures.ts";
import { renderSectionCard } from "./section-card.tsx";

function run(events: DraftEvent[]): DraftState {
  let s = draftReducer(initialDraftState, { type: "start" });
  for (const event of events) s = draftReducer(s, { type: "event", event });
  return s;
}
const outline: DraftEvent = { event: "outline", data: { outline: sampleOutline(), facts: sampleFacts(), engine: "llm", model: "qwen3" } };

describe("a model that thinks before it writes", () => {
  it("the draft knows a section is thinking until its text arrives; a retraction takes the streamed thought off the page", () => {
    let s = run([outline, { event: "thinking", data: { sectionId: "w1", elapsedMs: 4200, chars: 300 } }]);
    expect(s.thinking).toEqual({ w1: 4200 });
    s = draftReducer(s, { type: "event", event: { event: "delta", data: { sectionId: "w1", text: "坚决" } } });
    expect(s.thinking).toEqual({});
    s = draftReducer(s, { type: "event", event: { event: "thinking", data: { sectionId: "w1", elapsedMs: 0, chars: 0, retract: true } } });
    expect(s.draft!.sections.find((x) => x.id === "w1")!.text).toBe("");
  });

  it("the section card says 模型思考中… with the elapsed seconds while it waits", () => {
    renderSectionCard("", "矛盾纠纷", { section: { ...section("w1", ""), status: "pending" }, generating: true, thinkingMs: 12_400 });
    expect(screen.getByRole("status").textContent).toBe("模型思考中…（12 秒）");
  });

  it("the engine badge names the model as served, marks a reasoning model, and counts the probe's problems", () => {
    render(
      <EngineBadge
        error={null}
        health={{
          ok: true,
          authRequired: false,
          engines: {
            drafting: { kind: "llm", model: "Qwen3-32B-AWQ", status: { found: false, reasoning: "field", contextTokens: 8192, firstTokenMs: 900, charsPerSecond: 31, problems: ["模型服务上没有“qwen3”：可用的有 Qwen3-32B-AWQ，请把 LLM_MODEL 改成其中之一"], notes: [], checkedAt: "" } },
            embedder: { name: "local", dimension: 512 },
          },
        }}
      />,
    );
    const badge = screen.getByRole("status");
    expect(badge.textContent).toBe("模型：Qwen3-32B-AWQ推理⚠ 1 个问题");
    expect(badge.getAttribute("title")).toMatch(/上下文 8192 词元[\s\S]*问题：模型服务上没有“qwen3”/);
  });
});

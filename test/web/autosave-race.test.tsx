import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Draft } from "../../server/drafting/types.ts";
import { useAutosave } from "../../web/features/saved/api/use-autosave.ts";
import { createSavedDraft } from "../../web/features/saved/api/saved.ts";

vi.mock("../../web/features/saved/api/saved.ts", () => ({
  createSavedDraft: vi.fn(),
  saveDraft: vi.fn(),
  getSavedDraft: vi.fn(),
}));

const draftMade = (createdAt: string) => ({ title: createdAt, createdAt }) as unknown as Draft;

afterEach(() => vi.clearAllMocks());

describe("autosave while another draft is opened", () => {
  it("never gives a draft opened during a save the id of the draft that was being saved, and saves it after", async () => {
    let finishFirst!: (ack: { id: string; version: number; updatedAt: string }) => void;
    vi.mocked(createSavedDraft)
      .mockImplementationOnce(() => new Promise((resolve) => (finishFirst = resolve)))
      .mockImplementationOnce(async () => ({ id: "imported", version: 1, updatedAt: "t2" }));
    const onSaved = vi.fn();
    const { result, rerender } = renderHook((p: { draft: Draft }) =>
      useAutosave({ draft: p.draft, savedId: null, version: null, dirty: false, onSaved, onLoad: vi.fn() }),
    { initialProps: { draft: draftMade("first") } });

    let first!: Promise<void>;
    act(() => {
      first = result.current.saveNow();
    });
    // The writer imports another draft while the first one's save is still on its way.
    rerender({ draft: draftMade("imported") });
    await act(async () => {
      await result.current.saveNow();
      finishFirst({ id: "first", version: 1, updatedAt: "t1" });
      await first;
    });
    await waitFor(() => expect(createSavedDraft).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onSaved.mock.calls).toEqual([["imported", 1]]);
    expect(vi.mocked(createSavedDraft).mock.calls[1][0]).toMatchObject({ createdAt: "imported" });
  });
});

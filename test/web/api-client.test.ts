import { afterEach, describe, expect, it, vi } from "vitest";
import { checkFile } from "../../web/features/checking/api/check.ts";
import { exportDocx, importDraftText, parseFacts, parseFactsFile } from "../../web/features/drafting/api/drafting.ts";
import { createSavedDraft, deleteSavedDraft, getSavedDraft, listSavedDrafts, saveDraft } from "../../web/features/saved/api/saved.ts";
import { ApiError, setToken } from "../../web/lib/api.ts";
import { fakeFetch, sampleDraft } from "./fixtures.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  setToken(null);
});

const ack = { json: { id: "d1", version: 2, updatedAt: "2025-12-01T08:00:00Z" } };

describe("the editor's API calls, all through the typed client", () => {
  it("send JSON and multipart uploads to their routes, with the token on every one", async () => {
    setToken("s3cret");
    const api = fakeFetch({
      "POST /api/drafts/parse": () => ({ json: { unit: "某区委政法委", year: 2025, facts: ["a"] } }),
      "POST /api/drafts/import": () => ({ json: { text: "标题", format: "docx", encoding: "utf-8" } }),
      "POST /api/drafts/export": () => ({ json: {} }),
      "POST /api/check": () => ({ json: { year: 2025, findings: [], stats: {}, text: "正文" } }),
      "GET /api/drafts": () => ({ json: { drafts: [] } }),
      "GET /api/drafts/d1": () => ({ json: { id: "d1", title: "t", version: 1, updatedAt: "x", engine: "offline", draft: sampleDraft() } }),
      "PUT /api/drafts/d1": () => ack,
      "POST /api/drafts/new": () => ({ status: 201, ...ack }),
      "DELETE /api/drafts/d1": () => ({ json: { ok: true } }),
    });
    vi.stubGlobal("fetch", api.fn);
    const file = new File(["- 化解纠纷3件"], "要点.txt", { type: "text/plain" });

    expect(await parseFacts("- 化解纠纷3件")).toMatchObject({ unit: "某区委政法委" });
    expect(api.calls[0].body).toEqual({ text: "- 化解纠纷3件" });
    expect(api.calls[0].headers.get("content-type")).toBe("application/json");
    await parseFactsFile(file);
    await importDraftText(file);
    await checkFile(file, 2024);
    for (const call of api.calls.slice(1, 4)) {
      expect(call.body, call.path).toBeInstanceOf(FormData);
      expect(((call.body as FormData).get("file") as File).name).toBe("要点.txt");
    }
    expect((api.calls[3].body as FormData).get("year")).toBe("2024");
    await exportDocx(sampleDraft());
    expect(api.calls[4].body).toEqual({ draft: sampleDraft() });
    await listSavedDrafts();
    expect((await getSavedDraft("d1")).draft).toEqual(sampleDraft());
    expect(await saveDraft("d1", 1, sampleDraft())).toEqual(ack.json);
    expect(api.calls[7].body).toEqual({ baseVersion: 1, draft: sampleDraft() });
    await createSavedDraft(sampleDraft());
    await deleteSavedDraft("d1");
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /api/drafts/parse",
      "POST /api/drafts/parse",
      "POST /api/drafts/import",
      "POST /api/check",
      "POST /api/drafts/export",
      "GET /api/drafts",
      "GET /api/drafts/d1",
      "PUT /api/drafts/d1",
      "POST /api/drafts/new",
      "DELETE /api/drafts/d1",
    ]);
    for (const call of api.calls) expect(call.headers.get("authorization"), call.path).toBe("Bearer s3cret");
  });

  it("turn the server's error into an ApiError with its code and Chinese message", async () => {
    const api = fakeFetch({
      "PUT /api/drafts/d1": () => ({ status: 409, json: { error: { code: "conflict:draft_version", message: "另一个窗口已保存了更新的版本", details: { currentVersion: 4 } } } }),
    });
    vi.stubGlobal("fetch", api.fn);
    const e = await saveDraft("d1", 3, sampleDraft()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: "conflict:draft_version", status: 409, message: "另一个窗口已保存了更新的版本", details: { currentVersion: 4 } });
  });
});

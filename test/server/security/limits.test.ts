import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { LIMITS } from "../../../server/middleware/limits.ts";
import { testDeps } from "../../helpers/deps.ts";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-limits-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const app = (env: Record<string, string> = {}) => createApp(testDeps(dataDir, env, { prompts }));
const post = (a: ReturnType<typeof app>, url: string, body: unknown) =>
  a.request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

/** Anything written with Han characters counts as Chinese for these messages. */
const CHINESE = /[\u4e00-\u9fff]/;

describe("size limits answer 413/400 in Chinese", () => {
  it("caps any JSON body at the size of a saved draft, on every route", async () => {
    const a = app();
    const huge = JSON.stringify({ text: "字".repeat(Math.ceil(LIMITS.draftJsonBytes / 3) + 1000) });
    for (const url of ["/api/check", "/api/rewrite", "/api/drafts", "/api/drafts/parse", "/api/drafts/new", "/api/search"]) {
      const e = await errorOf(await post(a, url, huge));
      expect(e.status, url).toBe(413);
      expect(e.code).toBe("too_large:body");
      expect(e.message).toMatch(/过大.*5 MB/);
    }
  });

  it("counts streamed bytes when there is no Content-Length", async () => {
    const a = app();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent > LIMITS.draftJsonBytes + chunk.length) return ctrl.close();
        sent += chunk.length;
        ctrl.enqueue(chunk);
      },
    });
    const res = await a.request("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("caps uploads at MAX_UPLOAD_MB, independently of the JSON cap", async () => {
    const a = app({ MAX_UPLOAD_MB: "1" });
    const form = new FormData();
    form.append("files", new File([new Uint8Array(2 * 1024 * 1024).fill(0x41)], "大.txt"));
    const e = await errorOf(await a.request("/api/corpus", { method: "POST", body: form }));
    expect(e).toMatchObject({ status: 413, code: "too_large:body" });
    expect(e.message).toMatch(/文件过大：不能超过 1 MB/);
    // A saved draft is still allowed up to its own cap even with a small upload limit.
    const draftish = await post(a, "/api/drafts/new", { draft: { pad: "字".repeat(600_000) } });
    expect(draftish.status).toBe(400); // reached validation: not refused for size
  });

  it("refuses too many facts and overlong facts with a 400 naming the problem", async () => {
    const a = app();
    const base = { unit: "某区委政法委", year: 2024 };
    const many = await errorOf(await post(a, "/api/drafts", { ...base, facts: Array.from({ length: 501 }, (_, i) => `开展工作${i}次`) }));
    expect(many).toMatchObject({ status: 400, code: "bad_request:invalid_input" });
    expect(many.message).toMatch(/事实：最多 500 条/);
    expect(many.message).toMatch(CHINESE);
    const long = await errorOf(await post(a, "/api/drafts", { ...base, facts: ["字".repeat(2001)] }));
    expect(long).toMatchObject({ status: 400, code: "bad_request:invalid_input" });
    const outline = await errorOf(await post(a, "/api/drafts/outline", { ...base, facts: [] }));
    expect(outline.status).toBe(400);
  });

  it("refuses overlong texts to check, rewrite, parse and search with a 400 in Chinese", async () => {
    const a = app();
    const cases: Array<[string, Response | Promise<Response>]> = [
      ["check", post(a, "/api/check", { text: "字".repeat(200_001) })],
      ["rewrite", post(a, "/api/rewrite", { text: "字".repeat(20_001), mode: "polish" })],
      ["parse", post(a, "/api/drafts/parse", { text: "字".repeat(200_001) })],
      ["search", a.request(`/api/search?q=${encodeURIComponent("字".repeat(501))}`)],
      ["empty check", post(a, "/api/check", { text: "" })],
    ];
    for (const [name, p] of cases) {
      const e = await errorOf(await p);
      expect(e.status, name).toBe(400);
      expect(e.code, name).toMatch(/^bad_request:/);
      expect(e.message, name).toMatch(CHINESE);
    }
  });

  it("answers malformed JSON and a wrong content type with a 400, never a 500", async () => {
    const a = app();
    for (const url of ["/api/check", "/api/rewrite", "/api/drafts", "/api/drafts/new", "/api/drafts/outline"]) {
      const bad = await post(a, url, '{"text": "未完');
      expect(bad.status, url).toBe(400);
      const plain = await a.request(url, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "text=1" });
      expect(plain.status, url).toBeGreaterThanOrEqual(400);
      expect(plain.status, url).toBeLessThan(500);
    }
  });
});

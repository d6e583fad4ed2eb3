import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import { storeDeps } from "../../helpers/deps.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
const sample = (name: string) => new File([readFileSync(path.join(CORPUS, name))], name, { type: "text/plain" });

let env: Awaited<ReturnType<typeof storeDeps>>;
let app: ReturnType<typeof createApp>;
const put: string[] = [];
const removed: string[] = [];

beforeEach(async () => {
  put.length = 0;
  removed.length = 0;
  env = await storeDeps({
    maxUploadMB: 1,
    hooks: {
      afterPut: async (r: PreparedReport) => void put.push(r.document.id),
      afterRemove: async (id: string) => void removed.push(id),
    },
  });
  app = createApp(env.deps);
});
afterEach(() => env.cleanup());

async function upload(...files: File[]) {
  const form = new FormData();
  for (const f of files) form.append("files", f);
  return app.request("/api/corpus", { method: "POST", body: form });
}

describe("/api/corpus", () => {
  it("uploads several files and lists them", async () => {
    const res = await upload(sample("000_e0d1f4ebb38b7fad.txt"), sample("004_24640fe1ff6907e2.txt"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ status: string; docId: string }>; outcomes?: unknown };
    expect(body.results.map((o) => o.status)).toEqual(["ingested", "ingested"]);
    expect(body.outcomes).toBeUndefined();
    expect(put).toEqual(body.results.map((o) => o.docId));
    for (const r of body.results) expect((await env.deps.store.getDocument(r.docId))!.chunkCount).toBeGreaterThan(5);

    const list = (await (await app.request("/api/corpus")).json()) as { documents: Array<{ id: string; title: string }> };
    expect(list.documents.map((d) => d.title).sort()).toEqual(["X县政法工作汇报", "区委政法委2021年工作总结"]);

    const again = (await (await upload(sample("000_e0d1f4ebb38b7fad.txt"))).json()) as { results: Array<{ status: string }> };
    expect(again.results[0].status).toBe("duplicate");
    expect(put.length).toBe(2);
  });

  it("shows a document with cleaned text, structure, removals and chunks", async () => {
    const { results } = (await (await upload(sample("000_e0d1f4ebb38b7fad.txt"))).json()) as { results: Array<{ docId: string }> };
    const res = await app.request(`/api/corpus/${results[0].docId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      document: { title: string; chunkCount: number };
      cleanedText: string;
      structure: { headings: unknown[] };
      removed: unknown[];
      chunks: Array<{ start: number; end: number; text: string }>;
    };
    expect(body.document.title).toBe("区委政法委2021年工作总结");
    expect(body.structure.headings.length).toBeGreaterThan(5);
    expect(Array.isArray(body.removed)).toBe(true);
    expect(body.chunks.length).toBe(body.document.chunkCount);
    // Offsets point into the cleaned text (the editor highlights sources by them).
    for (const c of body.chunks) expect(body.cleanedText.slice(c.start, c.end)).toBe(c.text);
  });

  it("rejects a bad file with a reason and writes nothing", async () => {
    const bin = new File([new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7])], "报告.txt");
    const exe = new File(["MZ"], "setup.exe");
    const empty = new File([""], "空.txt");
    const res = await upload(bin, exe, empty);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ status: string; name: string; code: string; message: string }> };
    expect(results.map((o) => o.status)).toEqual(["error", "error", "error"]);
    for (const o of results) {
      expect(o.message).toContain(o.name);
      expect(o.code).toMatch(/^[a-z_]+:[a-z_]+/);
    }
    expect((await env.deps.store.info()).documents).toBe(0);
    expect((await env.deps.store.info()).chunks).toBe(0);
    expect(put).toEqual([]);
  });

  it("rejects an oversized file by its size", async () => {
    const big = new File(["一、".repeat(10) + "工作总结。".repeat(120_000)], "大文件.txt");
    expect(big.size).toBeGreaterThan(1024 * 1024);
    const res = await upload(big);
    // Either the per-file rule or the body limit refuses it; nothing is stored either way.
    if (res.status === 200) {
      const { results } = (await res.json()) as { results: Array<{ status: string; code: string }> };
      expect(results[0]).toMatchObject({ status: "error", code: "too_large:file" });
    } else {
      expect(res.status).toBe(413);
    }
    expect((await env.deps.store.info()).documents).toBe(0);
  });

  it("refuses a form without files, in Chinese", async () => {
    const form = new FormData();
    form.append("other", "x");
    const res = await app.request("/api/corpus", { method: "POST", body: form });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request:invalid_input");
    expect(body.error.message).toMatch(/请求参数无效/);
  });

  it("deletes a document and its chunks", async () => {
    const { results } = (await (await upload(sample("004_24640fe1ff6907e2.txt"))).json()) as { results: Array<{ docId: string }> };
    const id = results[0].docId;
    const res = await app.request(`/api/corpus/${id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, removed: true });
    expect(removed).toEqual([id]);
    expect(await env.deps.store.getChunks(id)).toEqual([]);
    expect((await env.deps.store.info()).chunks).toBe(0);
    const again = await app.request(`/api/corpus/${id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
  });

  it("answers an unknown document with a 404 JSON error in Chinese", async () => {
    const res = await app.request("/api/corpus/d_nope");
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found:document");
    expect(body.error.message).toMatch(/找不到范文/);
  });
});

describe("/api/corpus for the editor", () => {
  it("answers an upload with one result per file: ingested, duplicate or error with its message", async () => {
    const bad = new File(["MZ"], "setup.exe");
    const first = (await (await upload(sample("000_e0d1f4ebb38b7fad.txt"), bad)).json()) as { results: Array<Record<string, unknown>> };
    expect(first.results[0]).toMatchObject({ name: "000_e0d1f4ebb38b7fad.txt", status: "ingested", title: "区委政法委2021年工作总结" });
    expect(typeof first.results[0].docId).toBe("string");
    expect(first.results[1]).toMatchObject({ name: "setup.exe", status: "error" });
    expect(String(first.results[1].message)).toContain("setup.exe");
    const again = (await (await upload(sample("000_e0d1f4ebb38b7fad.txt"))).json()) as { results: Array<Record<string, unknown>> };
    expect(again.results[0]).toMatchObject({ status: "duplicate", docId: first.results[0].docId });
    expect(String(again.results[0].message)).toMatch(/未重复/);
  });

  it("pages, sorts and filters the list by year, level and title words", async () => {
    const names = ["000_e0d1f4ebb38b7fad.txt", "001_5bfcfaf447a4cc5e.txt", "002_3b6b9d578a83b9ec.txt", "003_fc5b0a6b8d7ff6e5.txt", "004_24640fe1ff6907e2.txt"];
    await upload(...names.map(sample));
    type Page = { documents: Array<{ id: string; title: string; year: number | null; level: string | null }>; total: number };
    const get = async (qs: string) => (await (await app.request(`/api/corpus?${qs}`)).json()) as Page;

    const all = await get("limit=500");
    expect(all.total).toBe(5);
    const p1 = await get("sort=title&limit=2");
    const p2 = await get("sort=title&limit=2&offset=2");
    const p3 = await get("sort=title&limit=2&offset=4");
    expect(p1.total).toBe(5);
    expect([p1, p2, p3].map((p) => p.documents.length)).toEqual([2, 2, 1]);
    const paged = [...p1.documents, ...p2.documents, ...p3.documents].map((d) => d.title);
    expect(paged).toEqual(all.documents.map((d) => d.title).sort((a, b) => a.localeCompare(b, "zh-CN")));

    const years = (await get("sort=-year")).documents.map((d) => d.year).filter((y): y is number => y !== null);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const up = (await get("sort=year")).documents.map((d) => d.year).filter((y): y is number => y !== null);
    expect(up).toEqual([...up].sort((a, b) => a - b));

    const someYear = years[0];
    const byYear = await get(`year=${someYear}`);
    expect(byYear.total).toBeGreaterThan(0);
    expect(byYear.documents.every((d) => d.year === someYear)).toBe(true);

    const level = all.documents.find((d) => d.level)!.level!;
    const byLevel = await get(`level=${encodeURIComponent(level)}`);
    expect(byLevel.documents.every((d) => d.level === level)).toBe(true);
    expect(byLevel.total).toBe(all.documents.filter((d) => d.level === level).length);

    const byTitle = await get(`q=${encodeURIComponent("区委政法委 2021")}`);
    expect(byTitle.documents.map((d) => d.title)).toEqual(["区委政法委2021年工作总结"]);

    const bad = await app.request("/api/corpus?sort=size");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/请求参数无效/);
  });
});

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { ingestPaths } from "../../../server/ingest/ingest.ts";
import type { Passage } from "../../../server/store/types.ts";
import { storeDeps } from "../../helpers/deps.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
let env: Awaited<ReturnType<typeof storeDeps>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  env = await storeDeps();
  await ingestPaths({ store: env.deps.store }, [CORPUS]);
  app = createApp(env.deps);
});
afterAll(() => env.cleanup());

async function search(qs: string) {
  const res = await app.request(`/api/search?${qs}`);
  return { status: res.status, body: (await res.json()) as { passages: Passage[]; matched?: boolean; error?: { code: string; message: string } } };
}

describe("/api/search", () => {
  it("says whether anything matched: words the archive holds do, words it lacks only get the nearest passages", async () => {
    const found = await search(`q=${encodeURIComponent("扫黑除恶线索核查")}&k=5`);
    expect(found.body.matched).toBe(true);
    const none = await search(`q=${encodeURIComponent("量子芯片封装良率")}&k=20`);
    expect(none.status).toBe(200);
    expect(none.body.matched).toBe(false);
    expect(none.body.passages.length).toBeGreaterThan(0); // still offered, as the nearest
  });

  it("returns passages with their location for a Chinese query", async () => {
    const { status, body } = await search(`q=${encodeURIComponent("扫黑除恶线索核查")}&k=3`);
    expect(status).toBe(200);
    expect(body.passages.length).toBe(3);
    expect(body.passages[0].text).toContain("扫黑除恶");
    const p = body.passages[0];
    expect(typeof p.docId).toBe("string");
    expect(Array.isArray(p.headingPath)).toBe(true);
    expect(p.end).toBeGreaterThan(p.start);
    expect(body.passages[0].score).toBeGreaterThanOrEqual(body.passages[2].score);
  });

  it("filters by role, repeated tags and year range", async () => {
    const roles = await search(`q=${encodeURIComponent("问题 不足")}&role=problems&k=10`);
    expect(roles.body.passages.length).toBeGreaterThan(0);
    expect(roles.body.passages.every((p) => p.role === "problems")).toBe(true);

    const tags = await search(`q=${encodeURIComponent("工作")}&tag=${encodeURIComponent("廉政")}&tag=${encodeURIComponent("扫黑除恶")}&k=20`);
    expect(tags.body.passages.length).toBeGreaterThan(0);
    expect(tags.body.passages.every((p) => p.tags.includes("廉政") || p.tags.includes("扫黑除恶"))).toBe(true);

    const years = await search(`q=${encodeURIComponent("工作")}&yearFrom=2024&yearTo=2026&k=20`);
    expect(years.body.passages.length).toBeGreaterThan(0);
    expect(years.body.passages.every((p) => p.year !== null && p.year >= 2024 && p.year <= 2026)).toBe(true);
  });

  it("validates its parameters with Chinese messages", async () => {
    for (const qs of ["", "q=", "q=x&k=0", "q=x&k=abc", "q=x&role=boss", "q=x&yearFrom=12"]) {
      const { status, body } = await search(qs);
      expect(status, qs).toBe(400);
      expect(body.error?.code).toBe("bad_request:invalid_input");
      expect(body.error?.message).toMatch(/请求参数无效/);
    }
  });
});

describe("/api/search document filters", () => {
  it("filters by level and by several documents at once", async () => {
    const docs = await env.deps.store.listDocuments();
    const levels = [...new Set(docs.map((d) => d.level).filter((l): l is NonNullable<typeof l> => l !== null))];
    expect(levels.length).toBeGreaterThan(0);
    const level = levels[0];
    const atLevel = new Set(docs.filter((d) => d.level === level).map((d) => d.id));
    const r = await search(`q=${encodeURIComponent("工作")}&level=${encodeURIComponent(level)}&k=30`);
    expect(r.status).toBe(200);
    expect(r.body.passages.length).toBeGreaterThan(0);
    expect(r.body.passages.every((p) => atLevel.has(p.docId))).toBe(true);
    // Without the filter other documents come up too, so the filter is what narrowed it.
    const open = await search(`q=${encodeURIComponent("工作")}&k=30`);
    expect(open.body.passages.some((p) => !atLevel.has(p.docId))).toBe(true);

    const two = docs.slice(0, 2).map((d) => d.id);
    const both = await search(`q=${encodeURIComponent("工作")}&docId=${two.map(encodeURIComponent).join("&docId=")}&k=30`);
    expect(new Set(both.body.passages.map((p) => p.docId))).toEqual(new Set(two));

    const none = await search(`q=${encodeURIComponent("工作")}&level=${encodeURIComponent(level)}&docId=${encodeURIComponent(docs.find((d) => d.level !== level)!.id)}`);
    expect(none.body.passages).toEqual([]);
    expect((await search("q=x&level=省")).status).toBe(400);
  });
});

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { testDeps } from "../../helpers/deps.ts";
import { sampleDraft } from "./fixture.ts";

let dataDir: string;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-saves-api-"));
  app = createApp(testDeps(dataDir));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const json = (body: unknown) => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const put = (id: string, body: unknown) => app.request(`/api/drafts/${id}`, { method: "PUT", ...json(body) });

async function createOne(text = "初稿"): Promise<string> {
  const res = await app.request("/api/drafts/new", { method: "POST", ...json({ draft: sampleDraft(text) }) });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; version: number };
  expect(body.version).toBe(1);
  return body.id;
}

describe("saved drafts API", () => {
  it("creates, lists, reads, saves and deletes a draft", async () => {
    const id = await createOne();
    const list = (await (await app.request("/api/drafts")).json()) as { drafts: { id: string; version: number; title: string }[] };
    expect(list.drafts).toEqual([expect.objectContaining({ id, version: 1, title: "2024年度政法工作总结" })]);
    const saved = await put(id, { baseVersion: 1, draft: sampleDraft("第二版") });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { id: string; version: number; updatedAt: string };
    expect(body).toMatchObject({ id, version: 2 });
    expect(Number.isNaN(Date.parse(body.updatedAt))).toBe(false);
    const got = (await (await app.request(`/api/drafts/${id}`)).json()) as { version: number; draft: { sections: { text: string }[] } };
    expect(got.version).toBe(2);
    expect(got.draft.sections[0].text).toBe("第二版");
    expect((await app.request(`/api/drafts/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await app.request(`/api/drafts/${id}`)).status).toBe(404);
    expect((await app.request(`/api/drafts/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers a stale save with 409, the current version and a Chinese message saying what to do", async () => {
    const id = await createOne();
    expect((await put(id, { baseVersion: 1, draft: sampleDraft("窗口甲") })).status).toBe(200);
    const res = await put(id, { baseVersion: 1, draft: sampleDraft("窗口乙") });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: { currentVersion: number } } };
    expect(body.error.code).toBe("conflict:draft_version");
    expect(body.error.details.currentVersion).toBe(2);
    expect(body.error.message).toMatch(/另一个窗口/);
  });

  it("lets one of two simultaneous clients win and gives the other a 409; the loser's edit survives a reload-and-reapply", async () => {
    const id = await createOne("共同底稿");
    const [a, b] = await Promise.all([
      put(id, { baseVersion: 1, draft: sampleDraft("共同底稿+甲") }),
      put(id, { baseVersion: 1, draft: sampleDraft("共同底稿+乙") }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loserEdit = a.status === 409 ? "+甲" : "+乙";
    const conflict = (await (a.status === 409 ? a : b).json()) as { error: { details: { currentVersion: number } } };
    const fresh = (await (await app.request(`/api/drafts/${id}`)).json()) as { version: number; draft: { sections: { text: string }[] } };
    expect(fresh.version).toBe(conflict.error.details.currentVersion);
    const retry = await put(id, { baseVersion: fresh.version, draft: sampleDraft(fresh.draft.sections[0].text + loserEdit) });
    expect(retry.status).toBe(200);
    const final = (await (await app.request(`/api/drafts/${id}`)).json()) as { draft: { sections: { text: string }[] } };
    expect(final.draft.sections[0].text).toContain("+甲");
    expect(final.draft.sections[0].text).toContain("+乙");
  });

  it("refuses a draft body over 5 MB with a 413 in Chinese and leaves the saved version untouched", async () => {
    const id = await createOne("保留");
    const before = await readFile(path.join(dataDir, "drafts", `${id}.json`), "utf8");
    const res = await put(id, { baseVersion: 1, draft: sampleDraft("字".repeat(2_000_000)) });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("too_large:body");
    expect(body.error.message).toMatch(/过大/);
    expect(await readFile(path.join(dataDir, "drafts", `${id}.json`), "utf8")).toBe(before);
  });

  it("answers malformed JSON, a malformed draft and a bad version with 400s in Chinese", async () => {
    const id = await createOne();
    const broken = await app.request(`/api/drafts/${id}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: '{"baseVersion":1,"draft":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toBe("请求体不是有效的 JSON");
    const bad = await put(id, { baseVersion: 1, draft: { title: 1 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/请求参数无效/);
    expect((await put(id, { baseVersion: -1, draft: sampleDraft() })).status).toBe(400);
    expect((await put(id, { baseVersion: "1", draft: sampleDraft() })).status).toBe(400);
  });

  it("never turns an id from the URL into a path", async () => {
    for (const id of ["..%2F..%2Fetc%2Fpasswd", "%2E%2E", "d-..", "con", encodeURIComponent("d-000000000/../../x")]) {
      const get = await app.request(`/api/drafts/${id}`);
      expect([400, 404]).toContain(get.status);
      const res = await put(id, { baseVersion: 1, draft: sampleDraft() });
      expect([400, 404]).toContain(res.status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^(bad_request|not_found):/);
    }
  });

  it("never defines POST /api/drafts (generation belongs to the drafting routes)", async () => {
    const res = await app.request("/api/drafts", { method: "POST", ...json({ draft: sampleDraft() }) });
    expect(res.status).not.toBe(201);
  });
});

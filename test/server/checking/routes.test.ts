import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { CheckPool } from "../../../server/checking/pool.ts";
import { openReuseIndex } from "../../../server/checking/reuse-index.ts";
import { CheckResultSchema } from "../../../server/checking/types.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { RewriteResultSchema } from "../../../server/rewrite/types.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { testDeps } from "../../helpers/deps.ts";
import { loadOfficeLists } from "../../../server/lists/office.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
let app: ReturnType<typeof createApp>;
/** The same app with checks in a worker thread, as `npm start` runs it. */
let pooled: ReturnType<typeof createApp>;
let cleanup: () => Promise<void>;
let copied: { text: string; docId: string };

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-check-routes-"));
  const embedder = createLocalEmbedder(64);
  const store = await openCorpusStore({ dataDir: dir, embedder });
  const reuse = await openReuseIndex({ dataDir: dir, logger: silentLogger });
  const files = readdirSync(path.join(ROOT, "corpus")).filter((f) => f.endsWith(".txt")).sort();
  for (const f of files) {
    const r = await prepareReport(f, readFileSync(path.join(ROOT, "corpus", f)));
    await reuse.addDocument({ ...r.document, chunks: r.chunks });
    if (f.startsWith("002")) {
      // A line with a figure of its own (a year alone is what every report changes, not content).
      const line = r.document.cleanedText.split("\n").find((l) => l.length > 80 && /\d/.test(l.replace(/(?:19|20)\d{2}年/g, "")))!;
      copied = { text: line.slice(0, 100), docId: r.document.id };
    }
  }
  const prompts = loadPrompts(path.join(ROOT, "prompts"));
  const deps = testDeps(dir, { MAX_UPLOAD_MB: "1", EMBED_DIMENSION: "64" }, { store, embedder, reuse, prompts });
  app = createApp(deps);
  const checker = await CheckPool.open({ reuse, lists: loadOfficeLists(dir), size: 1 });
  pooled = createApp({ ...deps, checker });
  cleanup = async () => {
    await checker.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
});
afterAll(async () => cleanup?.());

const postJson = (url: string, body: unknown) =>
  app.request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("POST /api/check", () => {
  it("checks pasted text with the year given and finds rule and reuse findings with offsets", async () => {
    const text = `某区委政法委工作总结\n全年排查XX件。${copied.text}`;
    const res = await postJson("/api/check", { text, year: 2024 });
    expect(res.status).toBe(200);
    const body = CheckResultSchema.parse(await res.json());
    expect(body.year).toBe(2024);
    const ph = body.findings.find((f) => f.kind === "placeholder")!;
    expect(text.slice(ph.start, ph.end)).toBe("XX");
    const reuse = body.findings.find((f) => f.kind === "reuse" && !f.stock)!;
    expect(reuse.source?.docId).toBe(copied.docId);
    expect(body.stats.total).toBe(body.findings.length);
  });

  it("leaves out excluded archive documents", async () => {
    const res = await postJson("/api/check", { text: copied.text, excludeDocIds: [copied.docId] });
    const body = CheckResultSchema.parse(await res.json());
    expect(body.findings.filter((f) => f.kind === "reuse" && f.source?.docId === copied.docId)).toEqual([]);
  });

  it("checks an uploaded .docx and returns the text the offsets refer to", async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph("某区委政法委2023年工作总结"), new Paragraph("全年扎实开展扫黑除恶专项斗争，排查矛盾纠纷X次。")] }] });
    const bytes = await Packer.toBuffer(doc);
    const form = new FormData();
    form.append("file", new File([new Uint8Array(bytes)], "草稿.docx"));
    const res = await app.request("/api/check", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { year: number; text: string; format: string; findings: Array<{ kind: string; start: number; end: number; text: string }> };
    expect(body.format).toBe("docx");
    expect(body.year).toBe(2023);
    const kinds = body.findings.map((f) => f.kind);
    expect(kinds).toContain("outdated");
    expect(kinds).toContain("placeholder");
    for (const f of body.findings) expect(body.text.slice(f.start, f.end)).toBe(f.text);
  });

  it("refuses an empty text and a non-document upload with Chinese messages", async () => {
    const res = await postJson("/api/check", { text: "" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.code).toBe("bad_request:invalid_input");
    const form = new FormData();
    form.append("file", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], "图片.png"));
    const bad = await app.request("/api/check", { method: "POST", body: form });
    expect(bad.status).toBe(415);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("图片.png");
  });
});

describe("POST /api/rewrite", () => {
  it("polishes offline and returns the diff", async () => {
    const res = await postJson("/api/rewrite", { text: "我们搞了3次培训,一共有1200人参加。", mode: "polish" });
    expect(res.status).toBe(200);
    const body = RewriteResultSchema.parse(await res.json());
    expect(body.engine).toBe("offline");
    expect(body.text).toBe("我们开展了3次培训，共1200人参加。");
    expect(body.changes.filter((c) => c.op !== "insert").map((c) => c.text).join("")).toBe("我们搞了3次培训,一共有1200人参加。");
  });

  it("rejects an unknown mode", async () => {
    const res = await postJson("/api/rewrite", { text: "开展培训3次。", mode: "translate" });
    expect(res.status).toBe(400);
  });

  it("answers 503 when the model engine is asked for without a model", async () => {
    const res = await postJson("/api/rewrite", { text: "开展培训3次。", mode: "expand", engine: "llm" });
    expect(res.status).toBe(503);
  });
});

describe("POST /api/check through the worker pool", () => {
  it("answers exactly as the in-process check, for JSON and for uploads", async () => {
    const strip = (r: { stats: Record<string, number> }) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    const texts = [
      { text: `某区委政法委2026年工作总结\n全年排查XX件，调解成功率达到百分之98%。${copied.text}` },
      { text: "关于2019年工作的总结\n一、主要工作\n（一）深入开展扫黑除恶专项斗争。", year: 2024 },
      { text: `某区工作总结\n${copied.text}`, excludeDocIds: [copied.docId] },
    ];
    for (const body of texts) {
      const pool = await (await pooled.request("/api/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
      const local = await (await postJson("/api/check", body)).json();
      expect(strip(pool)).toEqual(strip(local));
      expect(pool.findings.length).toBeGreaterThan(0);
    }
    const form = () => {
      const f = new FormData();
      f.append("file", new File([`某区委政法委2026年工作总结\n${copied.text}`], "稿件.txt", { type: "text/plain" }));
      return f;
    };
    const a = await (await pooled.request("/api/check", { method: "POST", body: form() })).json();
    const b = await (await app.request("/api/check", { method: "POST", body: form() })).json();
    expect(strip(a)).toEqual(strip(b));
    expect(a.findings.some((f: { kind: string }) => f.kind === "reuse")).toBe(true);
  });
});

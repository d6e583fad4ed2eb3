import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import type { LanceCorpusStore } from "../../../server/store/lance.ts";
import { storeDeps } from "../../helpers/deps.ts";

const FORMATS = path.resolve(import.meta.dirname, "../../fixtures/formats");
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(FORMATS, name)));
const file = (name: string, bytes: Uint8Array = bytesOf(name)) => new File([new Uint8Array(bytes)], name);

interface Result {
  name: string;
  status: "ingested" | "duplicate" | "error";
  docId?: string;
  title?: string;
  message?: string;
}

let env: Awaited<ReturnType<typeof storeDeps>>;
let app: ReturnType<typeof createApp>;
const put: string[] = [];

beforeEach(async () => {
  put.length = 0;
  env = await storeDeps({ maxUploadMB: 1, hooks: { afterPut: async (r: PreparedReport) => void put.push(r.document.id) } });
  app = createApp(env.deps);
});
afterEach(() => env.cleanup());

async function upload(...files: File[]): Promise<Result[]> {
  const form = new FormData();
  for (const f of files) form.append("files", f);
  const res = await app.request("/api/corpus", { method: "POST", body: form });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

async function list(query = ""): Promise<{ documents: Array<{ id: string; title: string; year: number | null; level: string | null; ingestedAt: string; format: string }>; total: number }> {
  const res = await app.request(`/api/corpus${query}`);
  expect(res.status).toBe(200);
  return res.json() as never;
}

describe("POST /api/corpus: several files, a per-file outcome", () => {
  it("ingests each format, reports duplicates and bad files, and one bad file stops nothing", async () => {
    const pdf = bytesOf("001.pdf");
    const results = await upload(
      file("000.docx"),
      file("截断.pdf", pdf.subarray(0, pdf.length / 2)),
      file("002.doc"),
      file("000-另存.wps", bytesOf("000.wps")), // the same report as 000.docx, saved by another program under another name
      file("003.pdf"),
      file("伪装.docx", new TextEncoder().encode("这不是 Word 文档，只是一段文字。")),
      file("004.ofd"),
      file("图片.doc", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])),
    );
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["000.docx", "ingested"],
      ["截断.pdf", "error"],
      ["002.doc", "ingested"],
      ["000-另存.wps", "duplicate"],
      ["003.pdf", "ingested"],
      ["伪装.docx", "ingested"], // a text file under a lying name is read as the text it is
      ["004.ofd", "ingested"],
      ["图片.doc", "error"],
    ]);
    expect(results[1].message).toMatch(/《截断\.pdf》.*不完整/);
    expect(results[7].message).toContain("PNG 图片");
    expect(results[3].docId).toBe(results[0].docId);
    expect(results[3].message).toContain("《000.docx》");
    for (const r of results.filter((x) => x.status === "ingested")) expect(r.title && r.docId).toBeTruthy();

    // Nothing was written for the errors and the duplicate: the store holds the five, searchable.
    const { documents, total } = await list();
    expect(total).toBe(5);
    expect(new Set(documents.map((d) => d.format))).toEqual(new Set(["docx", "doc", "pdf", "txt", "ofd"]));
    expect(put).toHaveLength(5);
    const info = await env.deps.store.info();
    expect(info.documents).toBe(5);
    const hits = await env.deps.store.searchPassages("网格化服务管理", { k: 3 });
    expect(hits.length).toBeGreaterThan(0);
  });

  it("reports the same file uploaded twice as a duplicate, not ingested again", async () => {
    const [first] = await upload(file("001.doc"));
    const [again] = await upload(file("001.doc"));
    expect(first.status).toBe("ingested");
    expect(again).toMatchObject({ status: "duplicate", docId: first.docId });
    expect(put).toHaveLength(1);
  });

  it("catches two copies of one report inside one upload", async () => {
    const results = await upload(file("002.docx"), file("002-副本.doc", bytesOf("002.doc")));
    expect(results.map((r) => r.status)).toEqual(["ingested", "duplicate"]);
    expect((await list()).total).toBe(1);
  });

  it("expands a .zip to its supported entries, skipping other files, with an outcome for each", async () => {
    const pdf = bytesOf("004.pdf");
    const zip = zipSync({
      "2021/000.docx": bytesOf("000.docx"),
      "2021/说明.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      "2022/003.ofd": bytesOf("003.ofd"),
      "2022/坏.pdf": pdf.subarray(0, 1000),
      "__MACOSX/2022/._003.ofd": new Uint8Array([0, 5, 22, 7]),
      ".DS_Store": new Uint8Array([0, 0, 0, 1]),
    });
    const results = await upload(file("材料.zip", zip), file("001.pdf"));
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["材料.zip/2021/000.docx", "ingested"],
      ["材料.zip/2022/003.ofd", "ingested"],
      ["材料.zip/2022/坏.pdf", "error"],
      ["001.pdf", "ingested"],
    ]);
    expect((await list()).total).toBe(3);
  });

  it("refuses a zip bomb as one error and ingests nothing from it", async () => {
    const zip = zipSync({ "a.txt": new TextEncoder().encode("XX区委政法委2024年工作总结\n全年工作取得成效。"), "b.txt": new Uint8Array(60 * 1024 * 1024).fill(0x41) });
    const results = await upload(file("炸弹.zip", zip), file("002.docx"));
    expect(results.map((r) => r.status)).toEqual(["error", "ingested"]);
    expect(results[0].message).toContain("压缩炸弹");
    expect((await list()).total).toBe(1);
  });

  it("says so when an archive holds nothing it can read", async () => {
    const results = await upload(file("图片.zip", zipSync({ "a.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]) })));
    expect(results).toEqual([{ name: "图片.zip", status: "error", code: "bad_request:empty_archive", message: expect.stringContaining("没有可导入的文件") }]);
  });
});

describe("GET /api/corpus at 1,200 documents", () => {
  const LEVELS = ["区", "县", "市"] as const;
  beforeEach(async () => {
    const reports: PreparedReport[] = [];
    for (let i = 0; i < 1200; i++) {
      const level = LEVELS[i % 3];
      const year = i % 10 === 9 ? "" : `${2015 + (i % 10)}年`;
      const text = `第${i}号XX${level}委政法委${year}工作总结\n一、主要工作\n全年化解矛盾纠纷${i + 1}件，开展平安建设宣传${i % 7}场。\n`;
      reports.push(await prepareReport(`报告${String(i).padStart(4, "0")}.txt`, new TextEncoder().encode(text)));
    }
    await (env.deps.store as LanceCorpusStore).putReports(reports);
  });

  it("pages by 50 by default, up to 500, and counts the total", async () => {
    const first = await list();
    expect(first.total).toBe(1200);
    expect(first.documents).toHaveLength(50);
    const big = await list("?limit=500&offset=1000");
    expect(big.documents).toHaveLength(200);
    const seen = new Set<string>();
    for (let offset = 0; offset < 1200; offset += 500) for (const d of (await list(`?limit=500&offset=${offset}`)).documents) seen.add(d.id);
    expect(seen.size).toBe(1200);
    const res = await app.request("/api/corpus?limit=501");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("limit 最大为 500");
  });

  it("filters by year, level and title words; blank parameters mean none", async () => {
    const y = await list("?year=2018&limit=500");
    expect(y.total).toBe(120);
    expect(y.documents.every((d) => d.year === 2018)).toBe(true);
    const l = await list("?level=县&limit=500");
    expect(l.total).toBe(400);
    expect(l.documents.every((d) => d.level === "县")).toBe(true);
    const both = await list("?level=市&year=2016");
    expect(both.total).toBe(40);
    const q = await list("?q=第1199号");
    expect(q.documents.map((d) => d.title)).toEqual(["第1199号XX市委政法委工作总结"]);
    expect((await list("?offset=&limit=&sort=&year=&level=&q=")).total).toBe(1200);
    expect((await app.request("/api/corpus?level=省")).status).toBe(400);
    expect((await app.request("/api/corpus?sort=size")).status).toBe(400);
  });

  it("sorts by year either way (no year last) and by title", async () => {
    const up = (await list("?sort=year&limit=500")).documents.map((d) => d.year);
    expect(up[0]).toBe(2015);
    expect([...up].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(up);
    const down = await list("?sort=-year&limit=500&offset=1000");
    expect(down.documents.at(-1)!.year).toBeNull();
    expect((await list("?sort=-year")).documents[0].year).toBe(2023);
    const titles = (await list("?sort=title&limit=5")).documents.map((d) => d.title);
    expect(titles).toEqual([...titles].sort(new Intl.Collator("zh-Hans-CN").compare));
  });
});

import { zipSync } from "fflate";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { ingestBuffer } from "../../../server/ingest/ingest.ts";
import { embeddingText } from "../../../server/corpus/chunk.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import type { IngestResult } from "../../../server/ingest/results.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import type { LanceCorpusStore } from "../../../server/store/lance.ts";
import { testDeps } from "../../helpers/deps.ts";

const REPORT = [
  "某区委政法委2024年工作总结",
  "2024年，区委政法委坚持以习近平新时代中国特色社会主义思想为指导，全力推进平安建设。",
  "一、坚持和发展新时代“枫桥经验”",
  "全年共排查化解矛盾纠纷1.2万余件，化解率98.6%，同比上升1.5个百分点。",
  "二、深入推进扫黑除恶常态化",
  "打掉涉黑涉恶团伙3个，查处涉黑涉恶腐败和“保护伞”问题5起。",
].join("\n");

// The same report sentence in Big5 (traditional, Taiwan/HK; read since session 2) and Shift-JIS
// (neither UTF-8, GBK nor Big5: refused).
const BIG5 =
  "pWimfqFBsM+pZaxGqmupZbDtq/mlSLdzrsmlTqSksOqvU6biqsC3fKVEuHGr5LdRrLCr/L7JoUGl/qZ+scasZKTGuNGl2azeqsivyaRAuFWkR6Rkvmyl86FBpMa40bJ2psqkwKSnpEWkUaRLwkmku6FDuvvFQKrAt3zDral3oUGxwLZppa2md6vYs12hQaVbsWq2pKXuq9izXaFDpWimfqFBsM+pZaxGqmupZbDtq/mlSLdzrsmlTqSksOqvU6biqsC3fKVEuHGr5LdRrLCr/L7JoUGl/qZ+scasZKTGuNGl2azeqsivyaRAuFWkR6Rkvmyl86FBpMa40bJ2psqkwKSnpEWkUaRLwkmku6FDuvvFQKrAt3zDral3oUGxwLZppa2md6vYs12hQaVbsWq2pKXuq9izXaFD";
const SJIS =
  "l9+YYZhalE6BQYvmiM+QrZZAiM+I9Ynvgs2WtY+ClbSRiILMifCMiILJk3eC34FBlE6K1ILFiOqWnJPxkOeMj5ddguiC8I+Il52CtYLcgrWCvYFCjtCJ74LMiMCS6ILwiNuOnYK1gUGVvYjAjJqQ3YLwkISQaYK1gtyCt4FCl9+YYZhalE6BQYvmiM+QrZZAiM+I9Ynvgs2WtY+ClbSRiILMifCMiILJk3eC34FBlE6K1ILFiOqWnJPxkOeMj5ddguiC8I+Il52CtYLcgrWCvYFCjtCJ74LMiMCS6ILwiNuOnYK1gUGVvYjAjJqQ3YLwkISQaYK1gtyCt4FC";

const enc = new TextEncoder();

/** A minimal but real .docx (mammoth reads it) whose document.xml holds `paragraphs`. */
function docx(paragraphs: string[], extra: Record<string, Uint8Array> = {}): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join("");
  return zipSync({
    "[Content_Types].xml": enc.encode(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "_rels/.rels": enc.encode(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/document.xml": enc.encode(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
    ...extra,
  });
}

/** Rewrite the declared uncompressed size of one zip entry (central directory and local header). */
function lieAboutSize(zip: Uint8Array, entry: string, declared: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  let eocd = out.length - 22;
  while (v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = v.getUint32(eocd + 16, true);
  for (let k = 0; k < v.getUint16(eocd + 10, true); k++) {
    const nameLen = v.getUint16(p + 28, true);
    const name = new TextDecoder().decode(out.subarray(p + 46, p + 46 + nameLen));
    if (name === entry) {
      v.setUint32(p + 24, declared, true);
      v.setUint32(v.getUint32(p + 42, true) + 22, declared, true);
    }
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

let dataDir: string;
let store: LanceCorpusStore;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-upload-"));
  store = await openCorpusStore({ dataDir, embedder: createLocalEmbedder(64), embeddingText });
});
afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

function appWith(env: Record<string, string> = {}) {
  return createApp(testDeps(dataDir, env, { store, embedder: createLocalEmbedder(64) }));
}

async function upload(app: ReturnType<typeof appWith>, files: Array<[string, Uint8Array | string]>) {
  const form = new FormData();
  for (const [name, bytes] of files) form.append("files", new File([(typeof bytes === "string" ? enc.encode(bytes) : bytes) as Uint8Array<ArrayBuffer>], name));
  const res = await app.request("/api/corpus", { method: "POST", body: form });
  return { res, body: (await res.json()) as { results: IngestResult[]; error?: { code: string; message: string } } };
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

describe("uploads are judged by content, not by name", () => {
  it("accepts a real report (as .txt, as .docx, and a .docx misnamed .txt) as a positive control", async () => {
    const app = appWith();
    const { res, body } = await upload(app, [
      ["报告.txt", REPORT],
      // Another year's report: the same text under another name would be a duplicate, not a second document.
      ["报告二.docx", docx(REPORT.replace("2024", "2022").split("\n"))],
      ["其实是Word.txt", docx(REPORT.replace("2024", "2023").split("\n"))],
    ]);
    expect(res.status).toBe(200);
    expect(body.results.map((o) => o.status)).toEqual(["ingested", "ingested", "ingested"]);
    const docs = await store.listDocuments();
    expect(docs.find((d) => d.sourceName === "其实是Word.txt")?.format).toBe("docx");
  });

  it("refuses bad files with a clear Chinese reason each, and writes nothing for them", async () => {
    const app = appWith();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...enc.encode("IHDR not really a picture")]);
    const elf = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    elf.set([0x7f, 0x45, 0x4c, 0x46]);
    const random = new Uint8Array(8192).map((_, i) => (i * 2654435761) >>> 24);
    const notDocx = zipSync({ "hello.txt": enc.encode("just a zip") });
    const cases: Array<[string, Uint8Array | string, RegExp, RegExp]> = [
      ["年度总结.docx", png, /^unsupported:file_type$/, /PNG 图片/],
      ["总结.txt", elf, /^unsupported:/, /可执行程序|二进制/],
      ["乱码.txt", random, /^(unsupported:binary|bad_request:encoding)$/, /二进制|编码/],
      ["空文件.txt", new Uint8Array(0), /^bad_request:empty_file$/, /空文件/],
      ["只有空白.txt", " \n\u3000\n\t", /^bad_request:empty_file$/, /没有文字内容/],
      ["日文.txt", Buffer.from(SJIS, "base64"), /^bad_request:encoding$/, /无法识别编码.*另存为 UTF-8/],
      ["压缩包.docx", notDocx, /^unsupported:file_type$/, /不是 Word 文档/],
      ["损坏.docx", docx(["半截"]).subarray(0, 200), /^bad_request:docx_invalid$/, /不是有效的 Word 文档/],
    ];
    const { res, body } = await upload(app, cases.map(([n, b]) => [n, b]));
    expect(res.status).toBe(200);
    body.results.forEach((o, i) => {
      const [name, , code, message] = cases[i];
      expect(o.status, name).toBe("error");
      expect(o.name).toBe(name);
      expect(o.code, name).toMatch(code);
      expect(o.message, name).toMatch(message);
      expect(o.message).toContain(`《${name}》`);
    });
    expect(await store.listDocuments()).toEqual([]);
    expect((await store.info()).chunks).toBe(0);
  });

  it("reads a Big5 file by its content and keeps its traditional characters", async () => {
    const app = appWith();
    const { body } = await upload(app, [["繁体Big5.txt", Buffer.from(BIG5, "base64")]]);
    expect(body.results[0]).toMatchObject({ status: "ingested" });
    const doc = await store.getDocument(body.results[0].docId!);
    expect(doc?.document.encoding).toBe("big5");
    expect(doc?.document.cleanedText).toContain("矛盾糾紛");
    await store.removeDocument(doc!.id);
  });

  it("refuses a zip bomb from its directory, before inflating it", async () => {
    const app = appWith();
    const zeros = new Uint8Array(60 * 1024 * 1024); // 60 MB of zeros deflate to ~60 KB
    const bomb = docx(["正文"], { "word/media/padding.xml": zeros });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const { body } = await upload(app, [["炸弹.docx", bomb]]);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(body.results[0]).toMatchObject({ status: "error", code: "bad_request:docx_invalid" });
    expect(body.results[0].message).toMatch(/压缩炸弹/);
    // Nothing near the 60 MB was allocated to read it.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(30 * 1024 * 1024);
    expect(await store.listDocuments()).toEqual([]);
  });

  it("refuses a zip bomb whose directory lies about the size, stopping the inflate early", async () => {
    const app = appWith();
    const big = new Uint8Array(40 * 1024 * 1024).fill(0x20);
    const liar = lieAboutSize(docx(["正文"], { "word/styles.xml": big }), "word/styles.xml", 900);
    const { body } = await upload(app, [["说谎的压缩包.docx", liar]]);
    expect(body.results[0]).toMatchObject({ status: "error", code: "bad_request:docx_invalid" });
    expect(body.results[0].message).toMatch(/实际大小超过了声明的大小/);
    expect(await store.listDocuments()).toEqual([]);
  });

  it("answers a body over the upload limit with a 413 in Chinese, and a file just over it with a rejection", async () => {
    const app = appWith({ MAX_UPLOAD_MB: "1" });
    const tooBig = await upload(app, [["大文件.txt", REPORT + "\n" + "平安建设".repeat(200_000)]]);
    expect(tooBig.res.status).toBe(413);
    expect(tooBig.body.error?.code).toBe("too_large:body");
    expect(tooBig.body.error?.message).toMatch(/文件过大：不能超过 1 MB/);
    const slightly = await upload(app, [["略大.txt", REPORT + "\n" + "a".repeat(1024 * 1024)]]);
    expect(slightly.res.status).toBe(200);
    expect(slightly.body.results[0]).toMatchObject({ status: "error", code: "too_large:file" });
    expect(await store.listDocuments()).toEqual([]);
  });
});

describe("file names are labels, never paths", () => {
  // A per-run token in every name, so a file that happens to exist on the machine (say /tmp/b.txt)
  // cannot be mistaken for one this test wrote.
  const tok = Math.random().toString(36).slice(2, 8);
  const NASTY = [
    `../../etc/passwd-${tok}.txt`,
    `..\\..\\Windows\\win-${tok}.ini.txt`,
    `/etc/cron.d/evil-${tok}.txt`,
    `a/../../../b-${tok}.txt`,
    `....//....//c-${tok}.txt`,
    `%2e%2e%2fd-${tok}.txt`,
    "名" + "长".repeat(300) + `${tok}.txt`,
  ];

  it("stores uploads named like paths under their base name, inside the data folder only", async () => {
    const app = appWith();
    const { body } = await upload(app, NASTY.map((n, i) => [n, REPORT.replace("3个", `${i + 3}个`)] as [string, string]));
    for (const o of body.results) expect(o.status).toBe("ingested");
    // The name each is stored under is its base name.
    const stored = await store.listDocuments();
    for (const d of stored) {
      expect(d.sourceName).not.toMatch(/[\\/]/);
      expect(d.sourceName.startsWith("..")).toBe(false);
    }
    // Wherever a path-using bug could have put them (relative to the data folder, its subfolders or
    // the working directory), there is nothing; the only files written are the store's own.
    for (const base of [dataDir, path.join(dataDir, "lancedb"), path.join(dataDir, "lancedb", "chunks.lance"), process.cwd()]) {
      for (const n of NASTY) expect(existsSync(path.resolve(base, n.replace(/\\/g, "/"))), `${base} + ${n}`).toBe(false);
    }
    for (const f of await allFiles(dataDir)) expect(f.startsWith(path.join(dataDir, "lancedb") + path.sep), f).toBe(true);
    // Only the store's own folders were written.
    expect((await readdir(dataDir)).sort()).toEqual(expect.arrayContaining(["lancedb"]));
    for (const name of await readdir(dataDir)) expect(["lancedb", "drafts"]).toContain(name);
  });

  it("keeps the base name when the pipeline is called directly (no reliance on the HTTP layer stripping paths)", async () => {
    const outcome = await ingestBuffer({ store }, "../../etc/passwd.txt", enc.encode(REPORT));
    expect(outcome).toMatchObject({ status: "added", sourceName: "passwd.txt" });
    const doc = (await store.listDocuments())[0];
    expect(doc.sourceName).toBe("passwd.txt");
    expect(doc.id).toMatch(/^d_[0-9a-f]{12}$/);
  });
});

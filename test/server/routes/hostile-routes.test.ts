/**
 * Hostile files through the upload routes (issue 19): the reading happens in the parse workers, so the
 * thread that serves HTTP keeps answering searches while a bad file is being read, and every refusal
 * comes back in Chinese with the format's own code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { ParsePool } from "../../../server/ingest/parse-pool.ts";
import { archive, ofdFromPages, ofdPage, ofdUnclosedPage, pdfBomb, reportText } from "../../fixtures/hostile/make.ts";
import { storeDeps } from "../../helpers/deps.ts";

let env: Awaited<ReturnType<typeof storeDeps>>;
let app: ReturnType<typeof createApp>;
let pool: ParsePool;

const utf8 = (s: string) => new TextEncoder().encode(s);
const file = (name: string, bytes: Uint8Array) => new File([new Uint8Array(bytes)], name);

async function upload(route: string, field: string, ...files: File[]) {
  const form = new FormData();
  for (const f of files) form.append(field, f);
  return app.request(route, { method: "POST", body: form });
}

interface Result {
  name: string;
  status: "ingested" | "duplicate" | "error";
  message?: string;
}

beforeAll(async () => {
  env = await storeDeps({ maxUploadMB: 10 });
  pool = new ParsePool();
  env.deps.parser = pool;
  app = createApp(env.deps);
  const res = await upload("/api/corpus", "files", ...[1, 2, 3].map((n) => file(`报告${n}.txt`, utf8(reportText(n)))));
  expect(res.status).toBe(200);
}, 180_000);
afterAll(async () => {
  await pool.close();
  await env.cleanup();
});

/**
 * A search due every 40 ms while a file is being read in the parse pool, until `work` settles; the
 * latencies seen meanwhile, each from when its search was due, so a search that could not even be
 * sent while the thread was held counts the wait. (Receiving the multipart upload itself happens
 * before, on the HTTP thread.)
 */
async function searchesDuring<T>(work: Promise<T>): Promise<{ result: T; latencies: number[] }> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  while (!done && pool.active === 0) await new Promise((r) => setTimeout(r, 5));
  const latencies: number[] = [];
  let due = performance.now();
  while (!done) {
    due += 40;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (done) break;
    const res = await app.request("/api/search?q=" + encodeURIComponent("矛盾纠纷化解") + "&k=5");
    latencies.push(performance.now() - due);
    expect(res.status).toBe(200);
    due = Math.max(due, performance.now() - 40);
  }
  return { result: await settled, latencies };
}

describe("searches go on while a hostile file is read", () => {
  it("answers each search within 200 ms while a PDF bomb and an OFD of unclosed tags are parsed, and refuses both", async () => {
    // Warm the search path first: the first search loads the segmenter.
    await app.request("/api/search?q=" + encodeURIComponent("矛盾纠纷"));
    const bomb = pdfBomb("hex-escaped", 300);
    const ofd = ofdFromPages([ofdUnclosedPage(150_000)]);
    const { result, latencies } = await searchesDuring(
      (async () => {
        const a = await upload("/api/corpus", "files", file("炸弹.pdf", bomb), file("未闭合.ofd", ofd));
        return ((await a.json()) as { results: Result[] }).results;
      })(),
    );
    expect(result.map((r) => r.status)).toEqual(["error", "error"]);
    expect(result[0].message).toContain("解压后内容超过上限（200 MB）");
    expect(result[1].message).toContain("没有文字内容");
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(200);
  }, 180_000);
});

describe("upload routes answer hostile files in Chinese, never with a 500", () => {
  it("refuses a PDF bomb on check with the PDF's code and the limit named", async () => {
    const res = await upload("/api/check", "file", file("炸弹.pdf", pdfBomb("indirect", 300)));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request:pdf_invalid");
    expect(body.error.message).toContain("解压后内容超过上限");
  }, 120_000);
  it("imports an OFD with a character XML does not allow, dropping it with a note", async () => {
    const ofd = ofdFromPages([ofdPage(["某县委政法委工作总结", "全年化解&#x110000;矛盾纠纷一千二百件。"])]);
    const res = await upload("/api/drafts/import", "file", file("稿件.ofd", ofd));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; format: string; notes?: string[] };
    expect(body.text).toContain("全年化解矛盾纠纷一千二百件。");
    expect(body.notes?.[0]).toContain("无效字符");
  }, 120_000);
  it("imports a text that mentions %PDF- as text", async () => {
    const res = await upload("/api/drafts/import", "file", file("说明.txt", utf8("格式说明：%PDF-1.7 是 PDF 的开头。\n全年化解矛盾纠纷一千二百件。")));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { format: string }).format).toBe("txt");
  }, 120_000);
  it("imports the plain entries of a zip and reports the encrypted one", async () => {
    const zip = archive({ "甲.txt": utf8(reportText(11)), "乙.txt": utf8(reportText(12)), "丙.txt": utf8(reportText(13)) }, ["乙.txt"]);
    const res = await upload("/api/corpus", "files", file("材料.zip", zip));
    expect(res.status).toBe(200);
    const results = ((await res.json()) as { results: Result[] }).results;
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName["材料.zip/甲.txt"].status).toBe("ingested");
    expect(byName["材料.zip/丙.txt"].status).toBe("ingested");
    expect(byName["材料.zip/乙.txt"].status).toBe("error");
    expect(byName["材料.zip/乙.txt"].message).toContain("设置了密码");
  }, 120_000);
});

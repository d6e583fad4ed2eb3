import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { parseFactsText } from "../../../server/drafting/facts.ts";
import type { Extraction } from "../../../server/facts/types.ts";
import { SseParser } from "../../../web/lib/sse.ts";
import { testDeps } from "../../helpers/deps.ts";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/submissions");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-facts-route-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const app = createApp(testDeps(dataDir, { MAX_UPLOAD_MB: "1" }));

async function post(form: FormData) {
  const res = await app.request("/api/facts/extract", { method: "POST", body: form });
  return { res, events: res.status === 200 ? new SseParser().push(await res.text()) : [] };
}

describe("POST /api/facts/extract", () => {
  it("reads several files through the parse pool, with progress per file, the writer's unit kept, and a bad file as that file's error", async () => {
    const form = new FormData();
    for (const n of ["溪山县公安局2025年工作总结.txt", "溪山县司法局2025年工作总结.txt"]) form.append("files", new File([readFileSync(path.join(DIR, n))], n));
    form.append("files", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3])], "坏文件.pdf"));
    form.append("units", JSON.stringify({ "溪山县司法局2025年工作总结.txt": "县司法局" }));
    const { res, events } = await post(form);
    expect(res.status).toBe(200);
    expect(events.filter((e) => e.event === "progress").map((e) => (e.data as { done: number }).done)).toEqual([1, 2, 3]);
    const done = events.find((e) => e.event === "done")!.data as Extraction;
    expect(done.engine).toBe("offline");
    expect(done.files.map((f) => [f.unit ?? null, f.status])).toEqual([["溪山县公安局", "read"], ["县司法局", "read"], [null, "rejected"]]);
    expect(done.files[2].message).toMatch(/坏文件\.pdf/);
    expect(done.conflicts.map((c) => c.entries.map((e) => e.unit).join("/"))).toEqual(["溪山县公安局/县司法局", "溪山县公安局/县司法局"]);
  }, 120_000);

  it("refuses a request with no files, or asks for the model when none is set up, in Chinese", async () => {
    const empty = await post(new FormData());
    expect(empty.res.status).toBe(400);
    expect(((await empty.res.json()) as { error: { message: string } }).error.message).toMatch(/报送材料/);
    const form = new FormData();
    form.append("files", new File(["全镇排查矛盾纠纷214件。"], "a.txt"));
    form.append("engine", "llm");
    const res = await app.request("/api/facts/extract", { method: "POST", body: form });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/尚未接入大模型/);
  });
});

describe("POST /api/facts/skeleton over the size limit", () => {
  it("refuses last year's file with the one too-large wording, naming the file and both sizes", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(1024 * 1024 + 60 * 1024).fill(0x41)], "去年总结.txt"));
    form.append("input", JSON.stringify(parseFactsText("单位：溪山县委政法委\n年度：2025\n1. 化解矛盾纠纷120件")));
    const res = await app.request("/api/facts/skeleton", { method: "POST", body: form });
    expect(res.status).toBe(413);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("too_large:file");
    expect(error.message).toBe("文件过大：不能超过 1 MB（《去年总结.txt》有 1.1 MB）");
  });
});

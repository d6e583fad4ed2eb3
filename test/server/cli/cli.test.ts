import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run as corpus } from "../../../server/cli/corpus.ts";
import { run as ingest } from "../../../server/cli/ingest.ts";
import { run as search } from "../../../server/cli/search.ts";
import { cliContext, cliTempDir } from "../../helpers/cli.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
const tmp = cliTempDir("zongjie-cli-");

function ctx(isTTY = false) {
  return cliContext(tmp.dir, isTTY);
}


describe("zongjie CLI (ingest, search, corpus)", () => {
  it("ingests the corpus folder with a one-line summary when not on a terminal", async () => {
    const t = ctx(false);
    expect(await ingest([CORPUS], t.c)).toBe(0);
    expect(t.out().trim().split("\n")).toHaveLength(1);
    expect(t.out()).toMatch(/导入完成：已收录 5 篇；写入 \d+ 个段落/);
    expect(t.err()).toBe("");
  });

  it("draws a progress bar on a terminal and reports files already in the archive as duplicates, in the editor's words", async () => {
    const t = ctx(true);
    expect(await ingest([CORPUS], t.c)).toBe(0);
    expect(t.err()).toContain("█");
    expect(t.out()).toMatch(/导入完成：已收录 0 篇，重复 5 篇/);
    expect(t.out()).toMatch(/^重复，未收录 .+：范文库中已有这份文件/m);
  });

  it("exits non-zero with a Chinese reason for a bad file", async () => {
    const bad = path.join(tmp.dir, "坏.txt");
    writeFileSync(bad, Buffer.from([0, 0, 0, 1, 2, 3, 0, 255]));
    const t = ctx();
    expect(await ingest([bad], t.c)).toBe(1);
    expect(t.err()).toMatch(/^失败 坏\.txt：/m);
    expect(await ingest([], ctx().c)).toBe(2);
  });

  it("search --json prints the documented array", async () => {
    const t = ctx();
    expect(await search(["网格员积分制管理", "--k", "3", "--json"], t.c)).toBe(0);
    const arr = JSON.parse(t.out()) as Array<Record<string, unknown>>;
    expect(arr).toHaveLength(3);
    expect(Object.keys(arr[0]).sort()).toEqual(["docId", "end", "headingPath", "role", "score", "start", "tags", "text", "title", "year"].sort());
    expect(String(arr[0].text)).toContain("网格");
  });

  it("search filters by role and tag and prints readable results", async () => {
    const t = ctx();
    expect(await search(["问题", "--role", "problems", "--json"], t.c)).toBe(0);
    const arr = JSON.parse(t.out()) as Array<{ role: string }>;
    expect(arr.length).toBeGreaterThan(0);
    expect(arr.every((p) => p.role === "problems")).toBe(true);
    const h = ctx();
    expect(await search(["反邪教", "--tag", "政治安全", "--k", "2"], h.c)).toBe(0);
    expect(h.out()).toMatch(/^1\. /);
    expect(await search(["x", "--k", "zero"], ctx().c)).toBe(2);
    expect(await search(["x", "--role", "boss"], ctx().c)).toBe(2);
  });

  it("corpus list, show and remove", async () => {
    const l = ctx();
    expect(await corpus(["list", "--json"], l.c)).toBe(0);
    const docs = JSON.parse(l.out()) as Array<{ id: string; title: string }>;
    expect(docs).toHaveLength(5);
    const id = docs.find((d) => d.title === "X县政法工作汇报")!.id;

    const s = ctx();
    expect(await corpus(["show", id], s.c)).toBe(0);
    expect(s.out()).toContain("标题：X县政法工作汇报");
    expect(s.out()).toContain("== 结构");
    expect(s.out()).toContain("== 清理时删除的内容");
    expect(s.out()).toContain("== 正文（清理后）==");

    const r = ctx();
    expect(await corpus(["remove", id], r.c)).toBe(0);
    const l2 = ctx();
    await corpus(["list", "--json"], l2.c);
    expect(JSON.parse(l2.out())).toHaveLength(4);

    const missing = ctx();
    expect(await corpus(["show", id], missing.c)).toBe(1);
    expect(missing.err()).toMatch(/找不到文档/);
    expect(await corpus(["bogus"], ctx().c)).toBe(2);
  });

  it("ingest and remove keep the reuse fingerprints in step through the hooks the runtime was opened with", async () => {
    // Read the log itself: a check would reconcile the index with the store and hide a missing hook.
    const ops = () =>
      readFileSync(path.join(tmp.dir, "data", "reuse", "fingerprints.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { op: string; id: string });
    const before = ops();
    const added = new Set(before.filter((o) => o.op === "add").map((o) => o.id));
    expect(added.size).toBe(5);
    const l = ctx();
    await corpus(["list", "--json"], l.c);
    const id = (JSON.parse(l.out()) as Array<{ id: string }>)[0].id;
    expect(await corpus(["remove", id], ctx().c)).toBe(0);
    expect(ops().slice(before.length)).toContainEqual({ op: "remove", id });
  });
});

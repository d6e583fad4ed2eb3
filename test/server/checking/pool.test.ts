import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { CheckPool } from "../../../server/checking/pool.ts";
import { openReuseIndex, type FingerprintIndex } from "../../../server/checking/reuse-index.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import { AppError } from "../../../server/errors.ts";
import { silentLogger } from "../../../server/log.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";

/**
 * The check worker pool must give exactly the in-process results, follow every change of the
 * reuse index, and survive a worker that dies or hangs without losing the other checks.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const CORPUS = path.join(ROOT, "corpus");
const FIXTURES = path.join(ROOT, "test/fixtures/check");
let reports: PreparedReport[];
let index: FingerprintIndex;
let pool: CheckPool;

beforeAll(async () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();
  reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(CORPUS, f)))));
  index = await openReuseIndex({ dataDir: null, logger: silentLogger });
  for (const r of reports.slice(0, 4)) await index.addDocument({ ...r.document, chunks: r.chunks });
  pool = await CheckPool.open({ reuse: index, lists: builtinOfficeLists(), size: 2 });
});
afterAll(async () => {
  await pool.close();
});

const withoutTime = (r: Awaited<ReturnType<typeof checkText>>) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });

/** A draft that copies a long passage of report i (so the reuse finding depends on the index). */
function copyOf(i: number): string {
  const line = reports[i].document.cleanedText.split("\n").find((l) => l.length >= 80 && /\d/.test(l) && !/^[一二三四五六七八九十]、/.test(l))!;
  return `某区委政法委2026年工作总结\n今年以来，全区认真做好各项工作。${line.slice(0, 100)}取得了积极成效。`;
}

describe("check worker pool", () => {
  it("returns the same findings as checking in-process, for every fixture and for copies", async () => {
    const texts = [
      ...readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(FIXTURES, f), "utf8")),
      copyOf(0),
      copyOf(2),
    ];
    const results = await Promise.all(texts.map((t) => pool.check(t)));
    for (let i = 0; i < texts.length; i++) {
      expect(withoutTime(results[i])).toEqual(withoutTime(await checkText(texts[i], { reuse: index })));
    }
    expect(results.at(-1)!.findings.some((f) => f.kind === "reuse" && f.source?.docId === reports[2].document.id)).toBe(true);
    // Options reach the worker: the year, and excluded archive documents.
    expect((await pool.check("关于工作的总结", { year: 2019 })).year).toBe(2019);
    const excluded = await pool.check(copyOf(2), { excludeDocIds: [reports[2].document.id] });
    expect(excluded.findings.some((f) => f.source?.docId === reports[2].document.id)).toBe(false);
    // Cold workers load their lexicons first: 30 s was not enough at load 19 (two cores, eight sessions).
  }, 180_000);

  it("sees a document added to or removed from the index before the next check", async () => {
    const r = reports[4];
    const text = copyOf(4);
    const fromR = (res: Awaited<ReturnType<CheckPool["check"]>>) => res.findings.filter((f) => f.kind === "reuse" && f.source?.docId === r.document.id);
    expect(fromR(await pool.check(text))).toEqual([]);
    await index.addDocument({ ...r.document, chunks: r.chunks });
    // Both workers, not just one: several checks at once spread over the pool.
    for (const res of await Promise.all([pool.check(text), pool.check(text), pool.check(text), pool.check(text)])) expect(fromR(res).length).toBeGreaterThan(0);
    await index.removeDocument(r.document.id);
    for (const res of await Promise.all([pool.check(text), pool.check(text)])) expect(fromR(res)).toEqual([]);
  });

  it("a worker that dies fails only its own checks with a clear error, and is replaced", async () => {
    const victim = pool.workers[0];
    const inFlight = Array.from({ length: 6 }, () => pool.check(copyOf(1)).then((r) => r, (e: Error) => e));
    await victim.terminate();
    const settled = await Promise.all(inFlight);
    const errors = settled.filter((x): x is AppError => x instanceof Error);
    for (const e of errors) {
      expect(e).toBeInstanceOf(AppError);
      expect(e.message).toMatch(/检查线程意外退出/);
    }
    // The other worker's checks completed.
    expect(settled.length - errors.length).toBeGreaterThan(0);
    // The replacement has the whole index: a copy of report 1 is found again by every worker.
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.workers).toHaveLength(2);
    expect(pool.workers).not.toContain(victim);
    for (const res of await Promise.all([pool.check(copyOf(1)), pool.check(copyOf(1)), pool.check(copyOf(1))])) {
      expect(res.findings.some((f) => f.kind === "reuse" && f.source?.docId === reports[1].document.id)).toBe(true);
    }
  });

  it("a check that overruns its time fails with a timeout and the worker is replaced", async () => {
    const big = readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(FIXTURES, f), "utf8")).join("\n").repeat(20);
    const before = pool.workers;
    const err = await pool.check(big, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(504);
    expect((err as AppError).message).toMatch(/检查超过/);
    // The replacement starts asynchronously; on a loaded machine it can take longer than a fixed sleep.
    await vi.waitFor(() => expect(pool.workers.filter((w) => before.includes(w))).toHaveLength(1), { timeout: 5000, interval: 50 });
    const ok = await pool.check(copyOf(0));
    expect(ok.findings.some((f) => f.kind === "reuse")).toBe(true);
  });

  it("refuses checks after close", async () => {
    const p = await CheckPool.open({ reuse: index, lists: builtinOfficeLists(), size: 1 });
    await p.close();
    await expect(p.check("文本")).rejects.toMatchObject({ status: 503 });
  });
});

/**
 * A search issued while a big document commits answers promptly: the commit's work on this thread
 * (embedding, segmenting, building Arrow tables) runs in slices with turns of the event loop between
 * (embed/slices.ts, store/chunk-arrow.ts). Before, a document of 6,000 chunks held the thread for
 * seconds in single blocks (makeArrowTable alone: about 0.6 ms a chunk under load). The bound, 200 ms,
 * is far from both: one slice and one table of 256 rows cost tens of milliseconds here.
 * Searches are sent until the commit lands (the documents row written). The first search after it
 * loads the new chunks into the in-memory search copy (memory-sync.ts), which is the copy's own work
 * and is not measured here: 2.3 s for these 6,000 chunks at load 17, on the search copy of this round.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { expect, it } from "vitest";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { makeReport, REPORT_A, type Part } from "./helpers.ts";

it("answers searches within 200 ms (95%; all within 1 s) while a document of 6,000 chunks is embedded and committed", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-responsive-"));
  const store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0 });
  const landed = async () => (await store.info()).documents > 1;
  try {
    await store.putReport(REPORT_A());
    const phrases = ["矛盾纠纷多元化解", "平安建设示范网格", "政法队伍教育整顿", "信访工作责任制", "执法司法规范化"];
    const parts: Part[] = Array.from({ length: 6000 }, (_, i) => ({
      headingPath: ["一、主要工作", `（${(i % 9) + 1}）重点工作`],
      role: "work",
      text: `第${i}段：${phrases[i % 5]}持续推进，全年排查${100 + i}件，办结率${90 + (i % 10)}%，${phrases[(i * 3 + 1) % 5]}取得新进展。`,
    }));
    const big = makeReport("big", "某市委政法委工作总结", 2024, parts);
    for (let i = 0; i < 3; i++) await store.searchPassages("政法委 工作", { k: 5 }); // warm

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let done = false;
    const started = performance.now();
    const commit = store.putReport(big).finally(() => (done = true));
    // A search is due every 20 ms; its latency runs from when it was due, so a search that could not
    // even be sent while the thread was held counts the wait (timing it from its sending would not).
    const latencies: number[] = [];
    let due = performance.now();
    while (!done) {
      due += 20;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (done || (await landed())) break;
      await store.searchPassages(phrases[latencies.length % 5], { k: 5 });
      latencies.push(performance.now() - due);
      due = Math.max(due, performance.now() - 20);
    }
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const out = await commit;
    expect(out).toMatchObject({ status: "added", chunks: 6000 });
    // The commit took long enough for many searches to be issued during it.
    expect(latencies.length, `commit ${seconds.toFixed(1)} s`).toBeGreaterThanOrEqual(10);
    // 95% within 200 ms and every one within 1 s: at load 17 with another test file running, the OS
    // and the garbage collector alone hold the thread up to ~250 ms now and then (event-loop delay),
    // which no slicing removes; the old commit held the first search 4.5 s.
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1];
    const said = `${latencies.map((l) => l.toFixed(0)).join(" ")} — ${latencies.length} searches during a ${seconds.toFixed(1)} s commit; event-loop delay max ${(delay.max / 1e6).toFixed(0)} ms`;
    expect(p95, said).toBeLessThan(200);
    expect(sorted.at(-1), said).toBeLessThan(1000);
    expect((await store.getChunks("big")).length).toBe(6000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

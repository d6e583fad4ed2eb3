/**
 * Drafting bench: offline draft time for 15 and 60 facts, and — against the fake OpenAI-compatible
 * server with a fixed latency per section — the wall time of a 6-section model draft written
 * concurrently vs one section at a time (target: concurrent ≤ 1.3 × the slowest section).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateDraft } from "../server/drafting/run.ts";
import type { DraftInput } from "../server/drafting/types.ts";
import { createChatModel } from "../server/llm/index.ts";
import { loadPrompts } from "../server/llm/prompts.ts";
import { silentLogger } from "../server/log.ts";
import { ingestPaths } from "../server/ingest/ingest.ts";
import { createLocalEmbedder } from "../server/embed/local.ts";
import { openCorpusStore } from "../server/store/lance.ts";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { goodSectionText, startFakeOpenAI } from "../test/fake-openai/server.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const TEMPLATES = [
  "组织政法干警开展业务培训{a}期，参训{b}人次",
  "开展反邪教警示教育宣传活动{a}场，发放宣传资料{b}份",
  "完成重大活动安保任务{a}项，排查整治风险隐患{b}处",
  "打掉涉恶犯罪团伙{a}个，起诉涉黑涉恶案件{b}件",
  "全区刑事案件发案数同比下降{p}%",
  "新增高清视频监控点位{b}个",
  "全区划分基础网格{b}个，配备专兼职网格员{c}名",
  "全年共排查矛盾纠纷{c}件，调解成功{b}件",
  "受理群众来信来访{b}件次，按期办结率{p}%",
  "开展案件评查{b}件，发现并整改问题{a}个",
  "为企业提供法律服务{b}次，帮助解决涉企纠纷{a}件",
  "开展廉政警示教育{a}次，签订廉政承诺书{b}份",
];

/** n synthetic facts spread over all work lines, with distinct figures. */
export function syntheticInput(n: number): DraftInput {
  const facts = Array.from({ length: n }, (_, i) =>
    TEMPLATES[i % TEMPLATES.length].replace("{a}", String(3 + i)).replace("{b}", String(100 + i * 7)).replace("{c}", String(2000 + i * 13)).replace("{p}", String(10 + (i % 80) + 0.5)),
  );
  return { unit: "东城区委政法委", year: 2025, facts, problems: ["基层网格员队伍流动性较大"], plans: ["推进综治中心规范化建设"] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const prompts = loadPrompts(path.join(ROOT, "prompts"));
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const repeats = opts.quick ? 3 : 10;

  // First call loads the jieba dictionaries; reported apart from the warm medians.
  const cold0 = performance.now();
  await generateDraft(syntheticInput(15), { model: null, prompts, logger: silentLogger }, () => {});
  const cold = performance.now() - cold0;
  rows.push(["offline, first draft (loads jieba)", `${cold.toFixed(0)} ms`]);
  figures.offlineColdMs = Math.round(cold);

  for (const n of [15, 60]) {
    const times: number[] = [];
    let invented = 0;
    let uncovered = 0;
    let changed = 0;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      const d = await generateDraft(syntheticInput(n), { model: null, prompts, logger: silentLogger }, () => {});
      times.push(performance.now() - t0);
      invented += d.stats.inventedFigures;
      uncovered += d.stats.uncoveredFacts;
      changed += d.stats.changedClaims ?? 0;
    }
    rows.push([`offline, ${n} facts (median of ${repeats})`, `${median(times).toFixed(1)} ms  (invented ${invented}, uncovered ${uncovered}, changed claims ${changed})`]);
    figures[`offline${n}ChangedClaims`] = changed;
    figures[`offline${n}Ms`] = Number(median(times).toFixed(1));
    figures[`offline${n}Invented`] = invented;
  }

  // The same with retrieval against the five sample reports (hybrid search per section and for
  // unsure facts), search cache off so every draft pays for its searches.
  const dir = await mkdtemp(path.join(tmpdir(), "zongjie-bench-draft-"));
  const store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0 });
  try {
    await ingestPaths({ store }, [path.join(ROOT, "corpus")]);
    for (const n of [15, 60]) {
      const times: number[] = [];
      let sources = 0;
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        const d = await generateDraft(syntheticInput(n), { store, model: null, prompts, logger: silentLogger }, () => {});
        times.push(performance.now() - t0);
        sources += d.sections.reduce((k, s) => k + s.sources.length, 0);
      }
      rows.push([`offline + retrieval, ${n} facts (median of ${repeats})`, `${median(times).toFixed(1)} ms  (${Math.round(sources / repeats)} source passages per draft)`]);
      figures[`offlineWithRetrieval${n}Ms`] = Number(median(times).toFixed(1));
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }

  // 6 model sections: opening, three work lines, problems, plans (the closing is stock text).
  const latency = opts.quick ? 300 : 1000;
  const fake = await startFakeOpenAI((req) => ({ kind: "text", text: goodSectionText(req), delayMs: latency }));
  try {
    const input: DraftInput = {
      unit: "东城区委政法委",
      year: 2025,
      facts: ["组织政法干警开展业务培训12期", "打掉涉恶犯罪团伙3个", "全年共排查矛盾纠纷6200件"],
      problems: ["基层网格员队伍流动性较大"],
      plans: ["推进综治中心规范化建设"],
    };
    const timed = async (parallel: boolean) => {
      const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake", timeoutMs: 30_000, maxRetries: 0, concurrency: 6 }, silentLogger);
      const before = fake.chatRequests().length;
      const t0 = performance.now();
      const d = await generateDraft({ ...input, options: { sectionsParallel: parallel } }, { model, prompts, logger: silentLogger, concurrency: 6 }, () => {});
      const ms = performance.now() - t0;
      return { ms, sections: fake.chatRequests().length - before, failed: d.stats.failedSections, changed: d.stats.changedClaims };
    };
    await timed(true); // warm the connection pool and code paths
    const conc = await timed(true);
    const seq = await timed(false);
    const ratio = conc.ms / latency;
    rows.push([`model, ${conc.sections} sections × ${latency} ms, concurrent`, `${conc.ms.toFixed(0)} ms  (${ratio.toFixed(2)} × slowest section; target ≤ 1.3)`]);
    rows.push([`model, ${seq.sections} sections × ${latency} ms, one at a time`, `${seq.ms.toFixed(0)} ms  (${(seq.ms / latency).toFixed(2)} × slowest section)`]);
    figures.modelSectionLatencyMs = latency;
    figures.modelSections = conc.sections;
    figures.modelConcurrentMs = Math.round(conc.ms);
    figures.modelSequentialMs = Math.round(seq.ms);
    figures.modelConcurrentRatio = Number(ratio.toFixed(3));
    figures.modelConcurrentMeetsTarget = ratio <= 1.3;
    figures.modelChangedClaims = conc.changed;
  } finally {
    await fake.close();
  }
  opts.log("drafting bench done");
  return { title: "Drafting (offline engine; model engine against the fake server)", rows, figures };
}

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { kgramHashes, winnow } from "../../../server/checking/fingerprint.ts";
import { openReuseIndex, type FingerprintIndex } from "../../../server/checking/reuse-index.ts";
import { normalise } from "../../../server/text/normalise.ts";
import { sentenceSpans } from "../../../server/text/sentences.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { silentLogger } from "../../../server/log.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { reconcileReuseIndex, reuseIndexFromStore } from "../../../server/derived.ts";
import { embeddingText } from "../../../server/corpus/chunk.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
let reports: PreparedReport[];
let index: FingerprintIndex;
const tmp: string[] = [];

beforeAll(async () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();
  reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(CORPUS, f)))));
  index = await openReuseIndex({ dataDir: null, logger: silentLogger });
  for (const r of reports) await index.addDocument({ ...r.document, chunks: r.chunks });
});
afterAll(async () => {
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

/** A paragraph of a sample with figures in it (not only a year), long enough to be unmistakably specific. */
function specificParagraph(r: PreparedReport): { text: string; start: number } {
  const t = r.document.cleanedText;
  let at = 0;
  for (const line of t.split("\n")) {
    const start = t.indexOf(line, at);
    at = start + line.length;
    if (line.length < 80 || /^[一二三四五六七八九十]、/.test(line)) continue;
    const figure = /\d/.exec(line.replace(/(?:19|20)\d{2}年/g, (y) => "年".padStart(y.length, "年")));
    if (!figure) continue;
    const from = Math.max(0, Math.min(figure.index - 60, line.length - 120));
    return { text: line.slice(from, from + 120), start: start + from };
  }
  throw new Error("no paragraph with figures");
}

describe("winnowing", () => {
  it("selects at least one fingerprint in every window of w grams, so any run of w + k − 1 characters is shared", () => {
    const s = normalise(readFileSync(path.join(CORPUS, readdirSync(CORPUS).find((f) => f.endsWith(".txt"))!), "utf8")).text;
    const hs = kgramHashes(s, 6);
    const { pos } = winnow(hs, 8);
    for (let i = 1; i < pos.length; i++) expect(pos[i] - pos[i - 1]).toBeLessThanOrEqual(8);
    expect(pos[0]).toBeLessThan(8);
    expect(pos.length).toBeLessThan(hs.length / 3);
  });
});

describe("reuse against the sample archive", () => {
  it("reports a passage copied from one sample as specific reuse with its source document and heading", async () => {
    const src = reports[2];
    const para = specificParagraph(src);
    const text = `某区委政法委2026年工作总结\n今年以来，全区认真做好各项工作。${para.text}取得了积极成效。`;
    const r = await checkText(text, { reuse: index });
    const reuse = r.findings.filter((f) => f.kind === "reuse" && !f.stock);
    expect(reuse.length).toBeGreaterThan(0);
    const main = reuse.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    expect(main.source?.docId).toBe(src.document.id);
    expect(main.source?.title).toBe(src.document.title);
    expect(main.severity).toBe("error");
    const copiedAt = text.indexOf(para.text);
    // The run covers (nearly) the whole copied passage, in both texts.
    expect(main.start).toBeLessThanOrEqual(copiedAt + 2);
    expect(main.end).toBeGreaterThanOrEqual(copiedAt + para.text.length - 2);
    expect(main.source!.start).toBeLessThanOrEqual(para.start + 2);
    expect(src.document.cleanedText.slice(main.source!.start, main.source!.end)).toBe(main.source!.text);
    const chunk = src.chunks.find((c) => c.start <= main.source!.start && main.source!.start < c.end);
    expect(main.source!.headingPath).toEqual(chunk?.headingPath);
    expect(main.text).toBe(text.slice(main.start, main.end));
  });

  it("does not report a copied passage when its source document is excluded", async () => {
    const src = reports[2];
    const para = specificParagraph(src);
    const r = await checkText(`今年以来，${para.text}`, { reuse: index, excludeDocIds: [src.document.id] });
    expect(r.findings.filter((f) => f.kind === "reuse" && !f.stock && f.source?.docId === src.document.id)).toEqual([]);
  });

  it("does not report a standard formulation shared by several samples (stock wording is expected)", async () => {
    const phrase = "坚持以习近平新时代中国特色社会主义思想为指导";
    const holders = reports.filter((r) => normalise(r.document.cleanedText).text.includes(normalise(phrase).text));
    const sharers = reports.filter((r) => normalise(r.document.cleanedText).text.includes("习近平新时代中国特色社会主义思想"));
    expect(holders.length).toBeGreaterThanOrEqual(2);
    const text = `某区委政法委2026年工作总结\n一年来，区委政法委${phrase}，扎实推进各项工作。`;
    const r = await checkText(text, { reuse: index });
    // A standard formulation shared by several reports is what the genre expects: not reported at all.
    expect(sharers.length).toBeGreaterThanOrEqual(2);
    expect(r.findings.filter((f) => f.kind === "reuse")).toEqual([]);
    expect(r.findings.filter((f) => f.kind === "reuse" && !f.stock)).toEqual([]);
  });

  it("reports last year's sentence with only the figures changed as stale", async () => {
    const src = reports[2];
    const sentence = sentenceSpans(src.document.cleanedText).map((s) => s.text).find((s) => /\d/.test(s) && s.length > 30 && s.length < 200)!;
    const changed = sentence.replace(/\d+/g, (m) => String(Number(m) + 7));
    const text = `某区委政法委2026年工作总结\n${changed}`;
    const r = await checkText(text, { reuse: index });
    const stale = r.findings.filter((f) => f.kind === "stale");
    expect(stale).toHaveLength(1);
    expect(stale[0].source?.docId).toBe(src.document.id);
    expect(stale[0].source?.text).toBe(sentence);
    expect(stale[0].start).toBe(text.indexOf(changed));
    // The unchanged sentence is reuse, not stale.
    const same = await checkText(sentence, { reuse: index });
    expect(same.findings.filter((f) => f.kind === "stale")).toEqual([]);
  });

  it("does not call boilerplate with a new year stale, only a specific sentence with new figures", async () => {
    const idx = await openReuseIndex({ dataDir: null, logger: silentLogger });
    const add = (id: string, t: string) => idx.addDocument({ id, title: id, contentHash: id, cleanedText: t, chunks: [] });
    await add("a", "某区委政法委2024年工作总结\n现将2024年工作情况总结如下。\n全年化解文河社区物业纠纷32件，建成化建小区智慧安防示范点3个。");
    await add("b", "某县委政法委2023年工作总结\n现将2023年工作情况总结如下。\n全年开展普法宣传40场。");
    const m = idx.match("某区委政法委2025年工作总结\n现将2025年工作情况总结如下。\n全年化解文河社区物业纠纷41件，建成化建小区智慧安防示范点5个。");
    expect(m.stale.map((f) => [f.text, f.source?.docId, f.source?.text])).toEqual([
      ["全年化解文河社区物业纠纷41件，建成化建小区智慧安防示范点5个。", "a", "全年化解文河社区物业纠纷32件，建成化建小区智慧安防示范点3个。"],
    ]);
  });

  it("does not call boilerplate specific reuse when its only rare part is the year", async () => {
    const m = index.match("东城区委政法委2026年工作总结\n现将2026年工作情况总结如下：");
    expect(m.reuse.filter((f) => !f.stock)).toEqual([]);
    // …while a copied sentence carrying figures is still specific
    const copied = index.match("全年平台自动预警风险230次，处置率100%；在15个社区试点");
    expect(copied.reuse.some((f) => !f.stock)).toBe(true);
  });

  it("checks every sample against an archive without itself and finds few specific runs", async () => {
    for (const rep of reports) {
      const r = await checkText(rep.document.cleanedText, { reuse: index, excludeDocIds: [rep.document.id] });
      const specific = r.findings.filter((f) => f.kind === "reuse" && !f.stock);
      // Measured: 0–1 per sample (only 贯彻落实党的十九大和十九届, 13 characters, in the two 2019–2021 reports).
      expect(specific.length).toBeLessThanOrEqual(2);
      expect(specific.every((f) => f.source?.docId !== rep.document.id)).toBe(true);
    }
  });
});

describe("persistence", () => {
  it("keeps fingerprints across reopen, and forgets a removed document", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zj-reuse-"));
    tmp.push(dir);
    const a = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    for (const r of reports.slice(0, 3)) await a.addDocument({ ...r.document, chunks: r.chunks });
    const para = specificParagraph(reports[2]);
    const before = a.match(para.text);
    const b = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    expect(b.stats()).toEqual(a.stats());
    expect(b.match(para.text)).toEqual(before);
    await b.removeDocument(reports[2].document.id);
    const c = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    expect(c.stats().documents).toBe(2);
    expect(c.match(para.text).reuse.filter((f) => f.source?.docId === reports[2].document.id)).toEqual([]);
  });

  it("survives concurrent additions and compacts a log full of replaced versions", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zj-reuse-"));
    tmp.push(dir);
    const a = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    await Promise.all(reports.map((r) => a.addDocument({ ...r.document, chunks: r.chunks })));
    const file = path.join(dir, "reuse", "fingerprints.jsonl");
    const one = (await readFile(file, "utf8")).length;
    for (let i = 0; i < 30; i++) {
      const r = reports[i % 2];
      await a.addDocument({ ...r.document, contentHash: `v${i}`, chunks: r.chunks });
    }
    await a.removeDocument(reports[4].document.id);
    const b = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    expect(b.stats()).toEqual(a.stats());
    expect(b.stats().documents).toBe(4);
    // Reopening rewrote the log without the 30 superseded versions.
    expect((await readFile(file, "utf8")).length).toBeLessThan(one * 1.1);
  });

  it("skips a torn last line instead of failing to open", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zj-reuse-"));
    tmp.push(dir);
    const a = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    await a.addDocument({ ...reports[0].document, chunks: reports[0].chunks });
    const file = path.join(dir, "reuse", "fingerprints.jsonl");
    const { appendFile } = await import("node:fs/promises");
    await appendFile(file, '{"op":"add","id":"half');
    const b = await openReuseIndex({ dataDir: dir, logger: silentLogger });
    expect(b.stats().documents).toBe(1);
    expect((await readFile(file, "utf8")).length).toBeGreaterThan(0);
  });

  it("reconciles with a real corpus store: adds what is missing, drops what was removed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zj-reuse-store-"));
    tmp.push(dir);
    const store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(64), embeddingText, logger: silentLogger });
    try {
      // 001 carries no figure of its own (only xx blanks), so the copied paragraph comes from 002.
      for (const r of [reports[0], reports[2]]) await store.putReport(r);
      const idx = await openReuseIndex({ dataDir: dir, logger: silentLogger });
      expect(await reconcileReuseIndex(idx, store, silentLogger)).toEqual({ added: 2, removed: 0 });
      expect(await reconcileReuseIndex(idx, store, silentLogger)).toEqual({ added: 0, removed: 0 });
      // Without a data folder, composition builds an in-memory index from the store for the call.
      const para = specificParagraph(reports[2]);
      const viaStore = await checkText(para.text, { reuse: await reuseIndexFromStore(store) });
      expect(viaStore.findings.some((f) => f.kind === "reuse" && !f.stock && f.source?.docId === reports[2].document.id)).toBe(true);
      await store.removeDocument(reports[0].document.id);
      expect(await reconcileReuseIndex(idx, store, silentLogger)).toEqual({ added: 0, removed: 1 });
      expect(idx.has(reports[2].document.id)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe("layering", () => {
  it("checking never imports the corpus store: composition reconciles the index with it", () => {
    const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../server/checking");
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(path.join(dir, f), "utf8"), f).not.toMatch(/from "[./]*\/store\//);
  });
});

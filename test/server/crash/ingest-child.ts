/**
 * Child process for the crash test: ingests variants of the sample reports in a loop, printing
 * "BEGIN <name> <hash>" before each write and "PUT <name> <hash> <chunks>" once it is committed.
 * Usage: tsx ingest-child.ts <dataDir> <corpusDir> <rounds> <startRound>
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { embeddingText } from "../../../server/corpus/chunk.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";

const [dataDir, corpusDir, roundsArg, startArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 1);
const start = Number(startArg ?? 0);
const files = readdirSync(corpusDir).filter((f) => f.endsWith(".txt")).sort();
const store = await openCorpusStore({ dataDir, embedder: createLocalEmbedder(64), embeddingText });
process.stdout.write("OPEN\n");
for (let r = start; r < start + rounds; r++) {
  for (let i = 0; i < 6; i++) {
    // Six names, content varies per round: every round after the first replaces each document.
    const file = files[i % files.length];
    const name = `报告${i}.txt`;
    const text = readFileSync(path.join(corpusDir, file), "utf8") + `\n第${r}轮补充：本轮新增${r * 7 + i}件。\n`;
    const report = await prepareReport(name, new TextEncoder().encode(text));
    process.stdout.write(`BEGIN ${name} ${report.document.contentHash}\n`);
    await store.putReport(report);
    process.stdout.write(`PUT ${name} ${report.document.contentHash} ${report.chunks.length}\n`);
  }
}
await store.close();
process.stdout.write("DONE\n");

import { parseArgs } from "node:util";
import { ingestPathsNamed } from "../ingest/ingest.ts";
import { toIngestResult } from "../ingest/results.ts";
import type { CliContext } from "./context.ts";
import { createProgressBar, summarizeOutcomes } from "./progress.ts";
import { withCliRuntime } from "./store-cli.ts";

/** `zongjie ingest <路径…> [--json]`: import reports; exit 1 when any file was not imported. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let values: { json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { json: { type: "boolean" } }, allowPositionals: true }));
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n用法：zongjie ingest <文件或文件夹…> [--json]\n`);
    return 2;
  }
  if (positionals.length === 0) {
    ctx.stderr.write("用法：zongjie ingest <文件或文件夹…> [--json]\n例如：npx zongjie ingest corpus\n");
    return 2;
  }
  return withCliRuntime(ctx, async (rt) => {
    const bar = ctx.isTTY && !values.json ? createProgressBar(ctx.stderr) : null;
    const started = Date.now();
    const named = await ingestPathsNamed(
      {
        store: rt.store,
        hooks: rt.hooks,
        maxBytes: rt.config.maxUploadBytes,
        logger: rt.logger,
        parser: rt.parser,
        onOcrProgress: (file, p) => bar?.update({ phase: "read", file: `${file} 文字识别 ${p.page}/${p.pages} 页`, done: p.page - 1, total: p.pages }),
      },
      positionals,
      (p) => bar?.update(p),
    ).finally(() => bar?.done());
    const outcomes = named.map((r) => r.outcome);
    if (values.json) {
      // The same per-file results as POST /api/corpus.
      ctx.stdout.write(JSON.stringify({ results: named.map((r) => toIngestResult(r.name, r.outcome)) }, null, 2) + "\n");
    } else {
      for (const { name, outcome: o } of named) {
        if (o.status === "rejected") ctx.stderr.write(`未导入 ${name}：${o.message}\n`);
        else if (o.status === "duplicate") ctx.stdout.write(`重复 ${name}：${toIngestResult(name, o).message}\n`);
        else if (ctx.isTTY) ctx.stdout.write(`${label(o.status)} ${name} → ${o.docId}「${o.title}」${o.chunks} 个段落\n`);
      }
      const info = await rt.store.info();
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      ctx.stdout.write(`导入完成：${summarizeOutcomes(outcomes)}（${secs} 秒）。范文库现有 ${info.documents} 篇、${info.chunks} 个段落。\n`);
    }
    return outcomes.some((o) => o.status === "rejected") ? 1 : 0;
  });
}

function label(s: "added" | "replaced" | "unchanged"): string {
  return s === "added" ? "新增" : s === "replaced" ? "更新" : "未变";
}

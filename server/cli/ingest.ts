import { parseArgs } from "node:util";
import { ingestPathsNamed } from "../ingest/ingest.ts";
import { INGEST_STATUS_LABELS, summarizeResults, toIngestResult } from "../ingest/results.ts";
import type { CliContext, CliOptions } from "./context.ts";
import { createProgressBar } from "./progress.ts";
import { withCliRuntime } from "./store-cli.ts";

/** The flags `zongjie ingest` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = { json: { type: "boolean" } } satisfies CliOptions;

/**
 * `zongjie ingest <路径…> [--json]`: import reports; exit 1 when any file was not imported. Each file's
 * outcome is the one POST /api/corpus gives, in the editor's words (ingest/results.ts).
 */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let values: { json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }));
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
    const results = named.map((r) => toIngestResult(r.name, r.outcome));
    if (values.json) {
      ctx.stdout.write(JSON.stringify({ results }, null, 2) + "\n");
    } else {
      for (const [i, r] of results.entries()) {
        const o = named[i].outcome;
        const label = INGEST_STATUS_LABELS[r.status];
        if (r.status === "error") ctx.stderr.write(`${label} ${r.name}：${r.message}\n`);
        else if (r.status === "duplicate") ctx.stdout.write(`${label} ${r.name}：${r.message}\n`);
        else if (ctx.isTTY) {
          const chunks = o.status === "added" || o.status === "replaced" ? `${o.chunks} 个段落` : "";
          ctx.stdout.write(`${label} ${r.name} → ${r.docId}「${r.title}」${chunks}${r.message ? `（${r.message}）` : ""}\n`);
        }
      }
      const written = named.reduce((sum, { outcome: o }) => sum + (o.status === "added" || o.status === "replaced" ? o.chunks : 0), 0);
      const info = await rt.store.info();
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      ctx.stdout.write(`导入完成：${summarizeResults(results)}；写入 ${written} 个段落（${secs} 秒）。范文库现有 ${info.documents} 篇、${info.chunks} 个段落。\n`);
    }
    return results.some((r) => r.status === "error") ? 1 : 0;
  });
}

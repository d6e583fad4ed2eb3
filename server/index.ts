/**
 * `npm start`: read configuration, open the store (building it from corpus/ on first start), make
 * the reuse index agree with the store, then serve the API and the editor.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { openAppDeps, WEB_ROOT } from "./compose.ts";
import { loadConfig } from "./env.ts";
import { createLogger } from "./log.ts";
import { configSecrets, redactingLogger } from "./middleware/redact.ts";
import { keepInStep, reconcileDerived } from "./derived.ts";
import { ensureIndexed } from "./runtime.ts";

function dataDirFromArgv(argv: string[]): string | undefined {
  const i = argv.indexOf("--data");
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main() {
  const config = loadConfig({ dataDir: dataDirFromArgv(process.argv.slice(2)) });
  // Scrub the model key and the access token from every line, start-up messages included.
  const logger = redactingLogger(createLogger(config.logLevel), configSecrets(config));
  let deps: Awaited<ReturnType<typeof openAppDeps>>;
  try {
    deps = await openAppDeps(config, { logger, webRoot: WEB_ROOT });
  } catch (e) {
    logger.error(`启动失败：${(e as Error).message}`);
    process.exit(1);
  }

  let lastPct = -1;
  await ensureIndexed(deps.runtime, {
    onProgress: (p) => {
      const pct = Math.floor((p.done / Math.max(1, p.total)) * 100);
      if (pct !== lastPct && (pct % 20 === 0 || p.done === p.total)) {
        lastPct = pct;
        logger.info(`导入范文 ${p.done}/${p.total}（${pct}%）${p.file}`);
      }
    },
  });
  const warmStart = performance.now();
  await deps.store.warmUp?.();
  if (deps.store.searchesFromMemory) logger.info(`检索副本已载入内存（${Math.round(performance.now() - warmStart)} ms）`);
  const repaired = await reconcileDerived(deps.derived, deps.store, logger);
  if (repaired.reuse.added || repaired.reuse.removed) logger.info(`查重指纹已同步：新增 ${repaired.reuse.added} 篇，移除 ${repaired.reuse.removed} 篇`);

  // Another process (the CLI) may ingest into the same data folder while we run; the store sees its
  // commits, and this keeps the reuse fingerprints, the typo check's archive table and the memory search
  // copy in step (cheap when nothing changed).
  keepInStep(deps.derived, deps.store, logger);

  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    const engine = deps.model ? `模型 ${deps.model.model}` : "离线引擎（未配置模型）";
    logger.info(`zongjie 已启动：http://${config.host === "::1" ? "[::1]" : config.host}:${info.port}  起草引擎：${engine}  向量：${deps.embedder.name}`);
  });
  server.on("error", (e: NodeJS.ErrnoException) => {
    logger.error(e.code === "EADDRINUSE" ? `端口 ${config.port} 已被占用：请设置 PORT 换一个端口` : `服务器错误：${e.message}`);
    process.exit(1);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`收到 ${signal}，正在关闭…`);
    server.close();
    deps.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(`启动失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});

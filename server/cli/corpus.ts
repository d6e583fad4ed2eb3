import { parseArgs } from "node:util";
import { removeDocument } from "../ingest/ingest.ts";
import type { CliContext, CliOptions } from "./context.ts";
import { withCliRuntime } from "./store-cli.ts";

const USAGE = "用法：zongjie corpus list|show <文档ID>|remove <文档ID> [--json]";
const LEVEL_MARK = ["", "", "  ", "    ", "      "];

/** The flags `zongjie corpus` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = { json: { type: "boolean" } } satisfies CliOptions;

/** `zongjie corpus list|show|remove`: inspect and manage the stored reports. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let json = false;
  let sub: string | undefined;
  let id: string | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    json = Boolean(values.json);
    [sub, id] = positionals;
    if (!sub || !["list", "show", "remove"].includes(sub)) throw new Error(sub ? `未知子命令 "${sub}"` : "缺少子命令");
    if (sub !== "list" && !id) throw new Error(`${sub} 需要文档 ID（见 zongjie corpus list）`);
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const out = (s: string) => ctx.stdout.write(s);
  return withCliRuntime(ctx, async (rt) => {
    if (sub === "list") {
      const docs = await rt.store.listDocuments();
      if (json) return out(JSON.stringify(docs, null, 2) + "\n"), 0;
      if (docs.length === 0) return out("范文库为空。导入范文：npx zongjie ingest corpus\n"), 0;
      for (const d of docs) {
        out(`${d.id}  ${d.title}  ${[d.year ?? "年份未知", d.level ?? "", `${d.chunkCount} 段`, `${d.charCount} 字`].filter(Boolean).join(" · ")}  ← ${d.sourceName}\n`);
      }
      out(`共 ${docs.length} 篇\n`);
      return 0;
    }
    if (sub === "remove") {
      const removed = await removeDocument({ store: rt.store, hooks: rt.hooks, logger: rt.logger }, id!);
      if (json) out(JSON.stringify({ id, removed }) + "\n");
      if (!removed) {
        ctx.stderr.write(`错误：找不到文档 ${id}（见 zongjie corpus list）\n`);
        return 1;
      }
      if (!json) out(`已删除文档 ${id} 及其全部段落\n`);
      return 0;
    }
    const stored = await rt.store.getDocument(id!);
    if (!stored) {
      ctx.stderr.write(`错误：找不到文档 ${id}（见 zongjie corpus list）\n`);
      return 1;
    }
    const chunks = await rt.store.getChunks(id!);
    const d = stored.document;
    if (json) {
      out(JSON.stringify({ ...stored, chunks }, null, 2) + "\n");
      return 0;
    }
    out(`标题：${d.title}\n来源：${d.sourceName}（${d.format}，${d.encoding}）\n文档 ID：${d.id}\n`);
    out(`年份：${d.year ?? "未知"}  层级：${d.level ?? "未知"}  段落：${chunks.length}  字数：${d.cleanedText.length}  导入：${stored.ingestedAt}\n`);
    out(`\n== 结构（${d.structure.headings.length} 个标题，${d.structure.enumerationRuns} 处“一是、二是”）==\n`);
    for (const h of d.structure.headings) out(`${LEVEL_MARK[h.level]}${h.marker}${h.text}${h.runIn ? "（标题接正文）" : ""}\n`);
    out(`\n== 各部分 ==\n`);
    for (const s of d.structure.sections) {
      out(`[${s.role}] ${s.headingPath.join(" › ") || "（开头）"}${s.tags.length ? "  标签：" + s.tags.join("、") : ""}\n`);
    }
    out(`\n== 清理时删除的内容（${d.removed.length} 处）==\n`);
    for (const r of d.removed) out(`第 ${r.line} 行 [${r.kind}] ${r.text.length > 80 ? r.text.slice(0, 80) + "…" : r.text}\n`);
    out(`\n== 正文（清理后）==\n${d.cleanedText}\n`);
    return 0;
  });
}

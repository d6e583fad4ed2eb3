#!/usr/bin/env node
/**
 * The `zongjie` command. Each subcommand lives in server/cli/<name>.ts and exports
 * `run(argv, ctx): Promise<number>` (the exit code). Global flag: --data DIR.
 */
import type { CliContext } from "./cli/context.ts";

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[], ctx: CliContext) => Promise<number> }> }> = {
  ingest: { summary: "ingest <路径…>            导入范文（.txt/.md/.docx，文件或文件夹）", load: () => import("./cli/ingest.ts") },
  search: { summary: 'search "<查询>" [--k N] [--role R] [--tag T] [--json]   检索范文段落', load: () => import("./cli/search.ts") },
  corpus: { summary: "corpus list|show <id>|remove <id> [--json]   管理范文库", load: () => import("./cli/corpus.ts") },
  draft: { summary: "draft <要点文件> [--engine offline|llm] [--json] [--docx out.docx] [--year Y] [--unit U]   生成初稿", load: () => import("./cli/draft.ts") },
  check: { summary: "check <文件|-> [--year Y] [--json]   检查文稿", load: () => import("./cli/check.ts") },
  doctor: { summary: "doctor [--json]   检查模型与向量服务：可用模型、试调用速度、是否推理、上下文窗口", load: () => import("./cli/doctor.ts") },
  facts: { summary: "facts extract <报送材料…> [--json] [--engine offline|llm] [--unit 文件名=单位] | skeleton <去年总结> <今年要点>   从报送材料提取要点；以去年总结为底稿", load: () => import("./cli/facts.ts") },
  rewrite: { summary: "rewrite <文件|-> [--mode polish|expand|shorten|enumerate] [--json]   改写为公文语体", load: () => import("./cli/rewrite.ts") },
};

function usage(): string {
  return [
    "用法: zongjie [--data 目录] <命令> [参数]",
    "",
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    "",
    "环境变量见 .env.example；未配置模型时使用离线引擎。",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let dataDir: string | undefined;
  const i = args.indexOf("--data");
  if (i >= 0) {
    dataDir = args[i + 1];
    if (!dataDir) {
      process.stderr.write("--data 需要一个目录参数\n");
      return 2;
    }
    args.splice(i, 2);
  }
  const name = args.shift();
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`未知命令: ${name}\n\n${usage()}\n`);
    return 2;
  }
  const ctx: CliContext = {
    dataDir,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stderr.isTTY),
  };
  const mod = await cmd.load();
  return mod.run(args, ctx);
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.env.ZONGJIE_CLI_ENTRY === "1") {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      const msg = e && typeof e === "object" && "message" in e ? (e as Error).message : String(e);
      process.stderr.write(`错误: ${msg}\n`);
      process.exit(1);
    },
  );
}

#!/usr/bin/env node
/**
 * The `zongjie` command. Each subcommand lives in server/cli/<name>.ts and exports
 * `run(argv, ctx): Promise<number>` (the exit code) and the flags it takes (`OPTIONS`), which the help
 * below names, each one (test/server/cli/help.test.ts). Global flag: --data DIR.
 */
import type { CliContext, CliOptions } from "./cli/context.ts";
import { DOCUMENT_EXTENSIONS, FORMAT_NAMES, UPLOAD_EXTENSIONS } from "./corpus/formats.ts";

const FORMAT_LIST = DOCUMENT_EXTENSIONS.join(" ");

/** A subcommand's module, loaded when it is run. */
export interface CommandModule {
  run: (argv: string[], ctx: CliContext) => Promise<number>;
  OPTIONS: CliOptions;
}

export const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  ingest: { summary: `ingest <文件或文件夹…> [--json]   导入范文（${UPLOAD_EXTENSIONS.join(" ")}；文件夹中逐个导入，.zip 展开导入）`, load: () => import("./cli/ingest.ts") },
  search: {
    summary: 'search "<查询>" [--k N] [--role 角色] [--tag 标签] [--year-from 年] [--year-to 年] [--doc 文档ID] [--mode hybrid|vector|text] [--json]   检索范文段落',
    load: () => import("./cli/search.ts"),
  },
  corpus: { summary: "corpus list|show <文档ID>|remove <文档ID> [--json]   管理范文库", load: () => import("./cli/corpus.ts") },
  draft: {
    summary: `draft <要点文件|-> [--engine offline|llm] [--json] [--docx 输出.docx] [--year 年度] [--unit 单位] [--period 时限]   生成初稿（要点文件可为 ${FORMAT_LIST}）`,
    load: () => import("./cli/draft.ts"),
  },
  check: {
    summary: `check <文件|-> [--year 年度] [--json] [--rules-only] [--model]   检查文稿（${FORMAT_LIST}）：规则检查，不需要模型；--model 加上已配置模型的复核，--rules-only 不与范文库比对`,
    load: () => import("./cli/check.ts"),
  },
  rewrite: { summary: "rewrite <文件|-> [--mode polish|expand|shorten|enumerate] [--engine offline|llm] [--unit 单位] [--json]   改写为公文语体", load: () => import("./cli/rewrite.ts") },
  doctor: { summary: "doctor [--json]   检查模型与向量服务：可用模型、试调用速度、是否推理、上下文窗口", load: () => import("./cli/doctor.ts") },
  facts: {
    summary: `facts extract <报送材料…> [--json] [--engine offline|llm] [--unit 文件名=单位] [--year 年度] [--as-unit 本单位] | skeleton <去年总结> <今年要点> [--json]   从报送材料（${FORMAT_LIST}）提取要点；以去年总结为底稿`,
    load: () => import("./cli/facts.ts"),
  },
};

export function usage(): string {
  return [
    "用法: zongjie [--data 目录] <命令> [参数]",
    "",
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    "",
    "文件格式：",
    ...Object.entries(FORMAT_NAMES).map(([f, what]) => `  .${f}  ${what}`),
    "",
    "“-”表示从标准输入读取。环境变量见 .env.example；未配置模型时使用离线引擎。",
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

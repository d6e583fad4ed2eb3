import { parseArgs } from "node:util";
import { ROLES, type Role } from "../corpus/types.ts";
import type { SearchOptions } from "../store/types.ts";
import type { CliContext, CliOptions } from "./context.ts";
import { withCliRuntime } from "./store-cli.ts";

const USAGE =
  '用法：zongjie search "<查询>" [--k N] [--role 角色] [--tag 标签] [--year-from 年] [--year-to 年] [--doc 文档ID] [--mode hybrid|vector|text] [--json]\n' +
  `  角色：${ROLES.join("、")}；--role 与 --tag 可重复`;

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} 应为 ${min}–${max} 之间的整数，收到 "${v}"`);
  return n;
}

/** The flags `zongjie search` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = {
  k: { type: "string" },
  role: { type: "string", multiple: true },
  tag: { type: "string", multiple: true },
  "year-from": { type: "string" },
  "year-to": { type: "string" },
  doc: { type: "string" },
  mode: { type: "string" },
  json: { type: "boolean" },
} satisfies CliOptions;

/** `zongjie search "<查询>"`: hybrid search over the corpus; --json prints an array of passages. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let opts: SearchOptions;
  let query: string;
  let json = false;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS,
    });
    query = positionals.join(" ").trim();
    if (!query) throw new Error("缺少查询内容");
    const roles = (values.role ?? []).flatMap((r) => r.split(/[,，]/)).filter(Boolean);
    for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new Error(`未知角色 "${r}"`);
    const mode = values.mode;
    if (mode !== undefined && !["hybrid", "vector", "text"].includes(mode)) throw new Error(`--mode 应为 hybrid、vector 或 text`);
    opts = {
      k: int("--k", values.k, 1, 200) ?? 8,
      role: roles.length ? (roles as Role[]) : undefined,
      tags: values.tag?.flatMap((t) => t.split(/[,，]/)).filter(Boolean),
      yearFrom: int("--year-from", values["year-from"], 1949, 2100),
      yearTo: int("--year-to", values["year-to"], 1949, 2100),
      docId: values.doc,
      mode: mode as SearchOptions["mode"],
    };
    json = Boolean(values.json);
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  return withCliRuntime(ctx, async (rt) => {
    const passages = await rt.store.searchPassages(query, opts);
    if (json) {
      const out = passages.map((p) => ({
        docId: p.docId,
        title: p.title,
        year: p.year,
        headingPath: p.headingPath,
        role: p.role,
        tags: p.tags,
        text: p.text,
        start: p.start,
        end: p.end,
        score: p.score,
      }));
      ctx.stdout.write(JSON.stringify(out, null, 2) + "\n");
      return 0;
    }
    if (passages.length === 0) {
      const info = await rt.store.info();
      ctx.stdout.write(info.documents === 0 ? "范文库为空，请先导入范文：npx zongjie ingest corpus\n" : "没有找到相关段落。\n");
      return 0;
    }
    passages.forEach((p, i) => {
      const where = [p.title + (p.year ? `（${p.year}）` : ""), ...p.headingPath].join(" › ");
      ctx.stdout.write(`${i + 1}. ${where}\n   [${p.role}${p.tags.length ? " · " + p.tags.join("、") : ""}] 得分 ${p.score.toFixed(4)} · ${p.docId} ${p.start}–${p.end}\n`);
      const text = p.text.replace(/\s+/g, " ");
      ctx.stdout.write(`   ${text.length > 160 ? text.slice(0, 160) + "…" : text}\n\n`);
    });
    return 0;
  });
}

/**
 * Prompts live in prompts/*.md, one per file: front matter (name, description, inputs) and a body
 * split into `<<<system>>>` / `<<<user>>>` / `<<<assistant>>>` parts with `{{input}}` placeholders.
 * A file whose one part is `<<<text>>>` is a fragment: wording the code fills in and passes into a
 * prompt as an input (a section's role instructions, its length), so no prompt prose lives in code.
 * Everything is loaded and checked at start: a declared input missing from the body, or a
 * placeholder that is not declared, is an error at load time, not a surprise at request time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import type { ChatMessage, PromptLibrary } from "./types.ts";

export interface PromptDefinition {
  name: string;
  description: string;
  inputs: string[];
  parts: Array<{ role: ChatMessage["role"] | "text"; template: string }>;
  file: string;
}

const PLACEHOLDER_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const PART_RE = /^<<<(system|user|assistant|text)>>>[ \t]*$/gm;

function fail(file: string, msg: string): never {
  throw new AppError("internal:prompt_invalid", `提示词文件 ${path.basename(file)} 无效：${msg}`);
}

/** Parse one prompt file; throws AppError internal:prompt_invalid naming the file and the problem. */
export function parsePrompt(source: string, file: string): PromptDefinition {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source.replace(/^\uFEFF/, ""));
  if (!m) fail(file, "缺少 front matter（--- … ---）");
  const meta: Record<string, string> = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^(\w+)\s*:\s*(.*)$/.exec(line.trim());
    if (kv) meta[kv[1]] = kv[2].trim();
  }
  const name = meta.name ?? fail(file, "front matter 缺少 name");
  if (`${name}.md` !== path.basename(file)) fail(file, `name “${name}” 与文件名不一致`);
  const inputsRaw = meta.inputs ?? fail(file, "front matter 缺少 inputs");
  const inputs = inputsRaw.replace(/^\[|\]$/g, "").split(",").map((s) => s.trim()).filter(Boolean);
  if (new Set(inputs).size !== inputs.length) fail(file, "inputs 中有重复项");

  const body = m[2];
  const marks = [...body.matchAll(PART_RE)];
  if (marks.length === 0) fail(file, "正文没有 <<<system>>> 或 <<<user>>> 分段");
  const parts = marks.map((mk, i) => ({
    role: mk[1] as ChatMessage["role"] | "text",
    template: body.slice(mk.index! + mk[0].length, i + 1 < marks.length ? marks[i + 1].index : body.length).trim(),
  }));
  if (parts.some((p) => p.role === "text") && parts.length > 1) fail(file, "<<<text>>> 片段只能有这一个分段");
  const used = new Set<string>();
  for (const p of parts) for (const ph of p.template.matchAll(PLACEHOLDER_RE)) used.add(ph[1]);
  const undeclared = [...used].filter((u) => !inputs.includes(u));
  if (undeclared.length) fail(file, `占位符未在 inputs 中声明：${undeclared.join("、")}`);
  const unused = inputs.filter((i) => !used.has(i));
  if (unused.length) fail(file, `inputs 中声明的输入未在正文中使用：${unused.join("、")}`);
  return { name, description: meta.description ?? "", inputs, parts, file };
}

/** Substitute in one pass, so text inside a value (a passage quoting “{{x}}”) is never expanded again. */
function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(PLACEHOLDER_RE, (_, k: string) => vars[k]);
}

/** A library over already-parsed definitions (tests build one from strings). */
export function createPromptLibrary(defs: PromptDefinition[]): PromptLibrary & { get(name: string): PromptDefinition | undefined } {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const checked = (name: string, vars: Record<string, string>) => {
    const def = byName.get(name);
    if (!def) throw new AppError("internal:prompt_missing", `缺少提示词：${name}`);
    const missing = def.inputs.filter((i) => typeof vars[i] !== "string");
    if (missing.length) throw new AppError("internal:prompt_input", `提示词 ${name} 缺少输入：${missing.join("、")}`);
    return def;
  };
  return {
    names: () => [...byName.keys()].sort(),
    get: (name) => byName.get(name),
    render(name, vars) {
      const def = checked(name, vars);
      if (def.parts[0].role === "text") throw new AppError("internal:prompt_kind", `提示词 ${name} 是文字片段，不能单独发给模型`);
      return def.parts.map((p) => ({ role: p.role as ChatMessage["role"], content: fillTemplate(p.template, vars) }));
    },
    fill(name, vars = {}) {
      const def = checked(name, vars);
      if (def.parts[0].role !== "text") throw new AppError("internal:prompt_kind", `提示词 ${name} 不是文字片段`);
      return fillTemplate(def.parts[0].template, vars);
    },
  };
}

/** The prompts folder of the repository (`<repo>/prompts`): the one place its path is written. */
export const PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "prompts");

/** Load and check every prompts/*.md; `required` names prompts the caller cannot work without. */
export function loadPrompts(dir: string, required: string[] = []): PromptLibrary {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md");
  } catch (e) {
    throw new AppError("internal:prompt_dir", `无法读取提示词目录 ${dir}`, { cause: e });
  }
  const defs = files.sort().map((f) => {
    const file = path.join(dir, f);
    return parsePrompt(readFileSync(file, "utf8"), file);
  });
  const lib = createPromptLibrary(defs);
  const absent = required.filter((r) => !lib.get(r));
  if (absent.length) throw new AppError("internal:prompt_missing", `提示词目录 ${dir} 缺少：${absent.join("、")}`);
  return lib;
}

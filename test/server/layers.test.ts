/**
 * The import rules of the house, checked by parsing every import of server/, web/ and bench/ (with
 * TypeScript's own pre-processor, so `import type`, re-exports and dynamic imports all count):
 * - server layers are one-way: a module imports its own folder and lower layers, never a higher one
 *   nor a peer on its own layer (drafting, checking and rewrite do not import each other);
 * - some packages belong to one place (Hono to the HTTP layer, LanceDB to the store, …);
 * - web features do not import each other; shared code (lib/, components/) imports no feature, and
 *   no feature imports the app shell;
 * - no file imports itself round a cycle (a type-only cycle counts);
 * - nothing points outside the repository: facts the code relies on are in docs/;
 * - genre knowledge has one home: a heading-marker pattern (一、（一）1.（1）) is written only in
 *   server/text/headings.ts;
 * - so do the concurrency helpers (server/async.ts: the bounded pool, the locks) and the list of file
 *   formats (server/corpus/formats.ts);
 * - a thing is imported from its home: only a folder's index.ts re-exports (no path kept for an old import).
 * `npm run lint` runs this file alone.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Server layers, lowest first, as paths under server/ (a folder ends in "/"). Entries on one line are
 * peers: neither imports the other.
 */
const SERVER_LAYERS: string[][] = [
  ["async.ts", "files.ts"], // the one homes of the concurrency helpers (a bounded pool, the locks) and of the low-level file helpers; they import nothing of the project
  ["errors.ts", "log.ts", "env.ts"],
  ["text/"], // Chinese-text helpers: numerals, sentences, segmentation, and the genre's homes: heading markers (headings.ts), proper names (names.ts)
  ["lists/"], // the office's editable lists, one loader
  ["numbers/", "claims/"], // figures; what a clause claims beyond its figures (status, negation, names …)
  ["corpus/"], // reading, cleaning, structure, chunking of reports
  ["embed/", "llm/"],
  ["store/"],
  ["ingest/"], // files → corpus → store, and the hooks after each commit
  ["drafting/", "checking/", "rewrite/"],
  ["facts/"], // facts from the units' submissions: reads through the parse pool, drafts nothing itself
  ["docx/", "saves/"],
  ["deps.ts", "runtime.ts", "derived.ts"], // what the app is given; what every process opens; the derived indexes (reuse, typo archive, memory copy) kept in step with the store
  ["compose.ts"],
  ["middleware/"],
  ["routes/"],
  ["app.ts"],
  ["cli/", "index.ts"],
  ["cli.ts"],
];

/** Packages only these places (under server/) may import. */
const PACKAGE_HOMES: Array<{ pkg: RegExp; name: string; homes: string[] }> = [
  { pkg: /^(hono|@hono\/)/, name: "Hono", homes: ["middleware/", "routes/", "app.ts", "index.ts"] },
  { pkg: /^@lancedb\//, name: "LanceDB", homes: ["store/"] },
  { pkg: /^openai$/, name: "the openai SDK", homes: ["llm/", "embed/"] },
  { pkg: /^@node-rs\/jieba/, name: "jieba (one segmenter)", homes: ["text/"] },
];

/**
 * Imports that break a rule today and cannot be fixed in the change that added the rule; each says
 * why. An entry that no longer matches an import fails the test, so the list only shrinks. A
 * package entry covers its subpaths.
 */
const ALLOWED: Array<{ from: string; to: string; why: string }> = [];

/** Whether an allow-list entry covers an import. */
const covers = (a: { from: string; to: string }, e: Edge) => a.from === e.from && (e.to === a.to || e.to.startsWith(`${a.to}/`));

interface Edge {
  from: string;
  /** Repo-relative path for a relative import, the package name otherwise. */
  to: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== "dist" && e.name !== "node_modules") out.push(...sourceFiles(rel));
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/** Every file under a folder (docs, prompts), or none when the folder does not exist. */
function listed(dir: string): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.posix.join(path.relative(ROOT, e.parentPath).split(path.sep).join("/"), e.name));
}

function importsOf(file: string): Edge[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
  return info.importedFiles.map(({ fileName }) => ({
    from: file,
    to: fileName.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)) : fileName,
  }));
}

/** The layer index and the peer entry of a server file, or null for a file outside the map. */
function serverPlace(file: string): { rank: number; entry: string } | null {
  if (!file.startsWith("server/")) return null;
  const rel = file.slice("server/".length);
  for (let rank = 0; rank < SERVER_LAYERS.length; rank++) {
    for (const entry of SERVER_LAYERS[rank]) {
      if (entry.endsWith("/") ? rel.startsWith(entry) : rel === entry) return { rank, entry };
    }
  }
  return null;
}

/** What is wrong with one import under the rules above (null: nothing). */
function ruleBroken(e: Edge): string | null {
  if (e.from.startsWith("server/")) {
    const from = serverPlace(e.from);
    if (!from) return `${e.from} is in no server layer: add its folder to SERVER_LAYERS`;
    if (e.to.startsWith("web/") || e.to.startsWith("test/") || e.to.startsWith("bench/")) return `the server imports nothing from ${e.to.split("/")[0]}/`;
    if (e.to.startsWith("server/")) {
      const to = serverPlace(e.to);
      if (!to || to.entry === from.entry) return null;
      if (to.rank > from.rank) return `a lower layer (${from.entry}) imports a higher one (${to.entry})`;
      if (to.rank === from.rank) return `peers on one layer (${from.entry}, ${to.entry}) import each other`;
      return null;
    }
    for (const p of PACKAGE_HOMES) {
      const rel = e.from.slice("server/".length);
      if (p.pkg.test(e.to) && !p.homes.some((h) => (h.endsWith("/") ? rel.startsWith(h) : rel === h))) {
        return `${p.name} is imported only in ${p.homes.join(", ")}`;
      }
    }
    return null;
  }
  if (e.from.startsWith("web/") && e.to.startsWith("web/")) {
    const feature = (f: string) => /^web\/features\/([^/]+)\//.exec(f)?.[1];
    const shared = (f: string) => f.startsWith("web/lib/") || f.startsWith("web/components/");
    const [ff, tf] = [feature(e.from), feature(e.to)];
    if (ff && tf && ff !== tf) return `feature ${ff} imports feature ${tf}`;
    if (shared(e.from) && (tf || e.to.startsWith("web/app/"))) return "shared web code imports a feature or the app shell";
    if (ff && e.to.startsWith("web/app/")) return `feature ${ff} imports the app shell`;
  }
  return null;
}

/** Every cycle of file imports (as the files on it), one per strongly connected group. */
function importCycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const FILES = [...sourceFiles("server"), ...sourceFiles("web"), ...sourceFiles("bench")];
const EDGES = FILES.flatMap(importsOf);

describe("import rules", () => {
  it("server layers are one-way, packages stay home, web features stay apart", () => {
    const allowed = (e: Edge) => ALLOWED.some((a) => covers(a, e));
    const broken = EDGES.flatMap((e) => {
      const why = ruleBroken(e);
      return why && !allowed(e) ? [`${e.from} → ${e.to}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("every allow-list entry still matches an import (remove the ones that were fixed)", () => {
    const stale = ALLOWED.filter((a) => !EDGES.some((e) => covers(a, e) && ruleBroken(e)));
    expect(stale.map((a) => `${a.from} → ${a.to}`)).toEqual([]);
  });

  it("no file imports itself round a cycle", () => {
    expect(importCycles(EDGES)).toEqual([]);
  });

  it("no source, doc or prompt points to notes outside the repository (docs/ holds what the code relies on)", () => {
    const outside = /DOMAIN\.md|STYLE\.md|\.\.\/shared\//;
    const texts = [...FILES, ...sourceFiles("test"), ...listed("docs"), ...listed("prompts"), "README.md"];
    const pointing = texts.flatMap((f) => {
      if (f === "test/server/layers.test.ts") return [];
      return readFileSync(path.join(ROOT, f), "utf8")
        .split("\n")
        .flatMap((line, i) => {
          // Bench and tests may read the public ECSpell data kept beside the repository (and skip without it).
          const data = /^(test|bench)\//.test(f) && line.includes("ecspell");
          return outside.test(line) && !data ? [`${f}:${i + 1}`] : [];
        });
    });
    expect(pointing).toEqual([]);
  });

  it("the rules catch what they are for", () => {
    expect(ruleBroken({ from: "server/corpus/structure.ts", to: "server/store/types.ts" })).toMatch(/lower layer/);
    expect(ruleBroken({ from: "server/text/numerals.ts", to: "server/corpus/types.ts" })).toMatch(/lower layer/);
    expect(ruleBroken({ from: "server/drafting/run.ts", to: "server/checking/text.ts" })).toMatch(/peers/);
    expect(ruleBroken({ from: "server/checking/check.ts", to: "server/store/types.ts" })).toBeNull();
    expect(ruleBroken({ from: "server/routes/check.ts", to: "server/checking/check.ts" })).toBeNull();
    expect(ruleBroken({ from: "server/checking/typo/typo.ts", to: "server/checking/text.ts" })).toBeNull();
    expect(ruleBroken({ from: "server/checking/check.ts", to: "hono" })).toMatch(/Hono/);
    expect(ruleBroken({ from: "server/newfolder/x.ts", to: "server/errors.ts" })).toMatch(/no server layer/);
    expect(ruleBroken({ from: "web/features/search/api/use-search.ts", to: "web/features/sources/components/Sources.tsx" })).toMatch(/feature search imports feature sources/);
    expect(ruleBroken({ from: "web/lib/api.ts", to: "web/features/drafting/draft-state.ts" })).toMatch(/shared/);
    expect(ruleBroken({ from: "web/app/App.tsx", to: "web/features/drafting/draft-state.ts" })).toBeNull();
    expect(importCycles([
      { from: "bench/index.ts", to: "bench/retrieval.ts" },
      { from: "bench/retrieval.ts", to: "bench/index.ts" },
      { from: "bench/retrieval.ts", to: "bench/rng.ts" },
    ])).toEqual([["bench/index.ts", "bench/retrieval.ts"]]);
  });
});

/**
 * A heading-marker pattern in source text: a bracket class before a numeral ("[（(]\\s*[一二…" or "[（(]\\d"), a
 * Chinese numeral class before a 顿号 ("[一二…十]{1,3}\\s*、"), or digits before a point ("\\d{1,2}\\s*[.．").
 */
const HEADING_PATTERN = [
  /\[[（(]{2}\](?:\\s\*)?\(?(?:\[?(?:[一二三四五六七八九十]|\\d)|\$\{)/,
  /[一二三四五六七八九十]\](?:\{\d?,?\d\}|\+)\)?(?:\\s\*)?\(?\[?、/,
  /\\d(?:\{\d?,?\d\}|\+)\)?(?:\\s\*)?\(?(?:\[\.|\[、\.|\[．)/,
];
const writesHeadingPattern = (line: string) => HEADING_PATTERN.some((re) => re.test(line));
const HEADING_HOME = "server/text/headings.ts";

/** Ten surnames in a row (between quotes, commas and spaces): a list of them. */
function holdsSurnameList(line: string, surnames: ReadonlySet<string>): boolean {
  let run = 0;
  for (const ch of line) {
    if (surnames.has(ch)) {
      if (++run >= 10) return true;
    } else if (!/[\s"',，、]/.test(ch)) run = 0;
  }
  return false;
}

describe("one home for each piece of genre knowledge", () => {
  it("no server file but the heading home writes a heading-marker pattern", () => {
    const found = sourceFiles("server")
      .filter((f) => f !== HEADING_HOME)
      .flatMap((f) =>
        readFileSync(path.join(ROOT, f), "utf8")
          .split("\n")
          .flatMap((line, i) => (writesHeadingPattern(line) ? [`${f}:${i + 1}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it("no source file outside server/text/ and server/lists/ holds a surname list", () => {
    const surnames = new Set<string>(JSON.parse(readFileSync(path.join(ROOT, "server/lists/names.json"), "utf8")).surnames);
    const found = FILES.filter((f) => !f.startsWith("server/text/") && !f.startsWith("server/lists/")).flatMap((f) =>
      readFileSync(path.join(ROOT, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (holdsSurnameList(line, surnames) ? [`${f}:${i + 1}`] : [])),
    );
    expect(found).toEqual([]);
    expect(holdsSurnameList(`const S = new Set("王李张刘陈杨黄赵吴周徐孙马朱");`, surnames)).toBe(true);
    expect(holdsSurnameList(`["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"]`, surnames)).toBe(true);
    expect(holdsSurnameList("王小明同志带队走访黄河沿岸十个村", surnames)).toBe(false);
  });

  it("the heading guard recognises the patterns it is for", () => {
    // Patterns the callers used to write, each on its own.
    for (const re of [
      "/^[（(]\\s*(\\d{1,2})\\s*[）)]\\s*/",
      "const L2 = new RegExp(`^[（(](${CN})[）)]`)",
      "/^(?:[一二三四五六七八九十]{1,3}、|x)/",
      "/^[一二三四五六七八九十]+、/",
      "/^(\\d{1,2})\\s*[.．、](?![\\d.．])/",
      "/^\\s*(?:\\d+[.．、])\\s*/",
      "/\\d{1,3}\\s*[.．](?!\\d)/",
    ]) expect(writesHeadingPattern(re), re).toBe(true);
    for (const fine of ["/[（(]\\s*[）)]/", "/([一二三四五六七八九十]{1,2})是/", "/\\d{4}年/", "/[0-9一二三四五六七八九十]{1,2}月/"]) {
      expect(writesHeadingPattern(fine), fine).toBe(false);
    }
  });
});

/** A bounded pool of workers or a promise-chain lock, written by hand. */
const CONCURRENCY_PATTERN = [/Promise\.all\(\s*Array\.from\(\s*\{\s*length/, /\.then\(\s*(\w+)\s*,\s*\1\s*\)/, /while\s*\(\s*next\s*<\s*\w+\.length/];
const writesConcurrencyHelper = (line: string) => CONCURRENCY_PATTERN.some((re) => re.test(line));
const ASYNC_HOME = "server/async.ts";

/** Four or more of the file extensions zongjie reads, in one line of code (not a comment): a format list. */
function listsFormats(line: string): boolean {
  if (/^\s*(\/\/|\*|\/\*)/.test(line)) return false;
  const exts = new Set([...line.matchAll(/\.(txt|md|docx|doc|wps|pdf|ofd|zip)(?![\w])/g)].map((m) => m[1]));
  return exts.size >= 4;
}
const FORMATS_HOME = "server/corpus/formats.ts";

describe("one home for the concurrency helpers and the file formats", () => {
  const offenders = (home: string, test: (line: string) => boolean) =>
    [...sourceFiles("server"), ...sourceFiles("web")]
      .filter((f) => f !== home)
      .flatMap((f) =>
        readFileSync(path.join(ROOT, f), "utf8")
          .split("\n")
          .flatMap((line, i) => (test(line) ? [`${f}:${i + 1}`] : [])),
      );

  it("no server or web file but server/async.ts writes a bounded pool or a lock", () => {
    expect(offenders(ASYNC_HOME, writesConcurrencyHelper)).toEqual([]);
  });

  it("no server or web file but server/corpus/formats.ts lists the file formats", () => {
    expect(offenders(FORMATS_HOME, listsFormats)).toEqual([]);
  });

  it("the guards recognise what they are for", () => {
    expect(writesConcurrencyHelper("  await Promise.all(Array.from({ length: n }, worker));")).toBe(true);
    expect(writesConcurrencyHelper("    const run = prev.then(fn, fn);")).toBe(true);
    expect(writesConcurrencyHelper("    while (next < items.length) {")).toBe(true);
    expect(writesConcurrencyHelper("  await runBounded(chunks, 2, runOne);")).toBe(false);
    expect(listsFormats('const ACCEPT = ".txt,.md,.docx,.doc,.wps,.pdf,.ofd,.zip";')).toBe(true);
    expect(listsFormats('  error: "请上传 .txt、.md、.docx 或 .pdf 文件",')).toBe(true);
    expect(listsFormats("// .docx/.doc/.wps, .pdf and .ofd are read by the parse pool")).toBe(false);
    expect(listsFormats('  return { name: "报告.docx", format: "docx" };')).toBe(false);
  });
});

/** The names a file re-exports (`export { x } from "…"`, `export * from`, or `export { x }` of an imported binding). */
function reExports(source: string): string[] {
  const sf = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true);
  const imported = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause) continue;
    const c = st.importClause;
    if (c.name) imported.add(c.name.text);
    if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const e of c.namedBindings.elements) imported.add(e.name.text);
    if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) imported.add(c.namedBindings.name.text);
  }
  const out: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st)) continue;
    if (!st.exportClause) {
      out.push("*");
      continue;
    }
    if (!ts.isNamedExports(st.exportClause)) continue;
    for (const e of st.exportClause.elements) {
      const local = (e.propertyName ?? e.name).text;
      if (st.moduleSpecifier || imported.has(local)) out.push(e.name.text);
    }
  }
  return out;
}

describe("a thing is imported from its home", () => {
  it("no server or web file but a folder's index.ts re-exports", () => {
    const found = [...sourceFiles("server"), ...sourceFiles("web")]
      .filter((f) => path.posix.basename(f) !== "index.ts")
      .flatMap((f) => {
        const text = readFileSync(path.join(ROOT, f), "utf8");
        // Only a file with an export list can re-export; the others are not parsed.
        return /^export\s+(?:type\s+)?[{*]/m.test(text) ? reExports(text).map((n) => `${f}: ${n}`) : [];
      });
    expect(found).toEqual([]);
  });

  it("the guard recognises what it is for", () => {
    expect(reExports('export { a, type B } from "./a.ts";')).toEqual(["a", "B"]);
    expect(reExports('export * from "./a.ts";')).toEqual(["*"]);
    expect(reExports('import { a } from "./a.ts";\nexport { a };')).toEqual(["a"]);
    expect(reExports("const a = 1;\nexport { a };\nexport {};")).toEqual([]);
  });
});

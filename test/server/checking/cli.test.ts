import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { run as check } from "../../../server/cli/check.ts";
import { run as rewrite } from "../../../server/cli/rewrite.ts";
import { CheckResultSchema } from "../../../server/checking/types.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cli-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  let out = "";
  let err = "";
  const ctx = {
    dataDir: path.join(dir, "data"),
    stdout: new Writable({ write(c, _e, cb) { out += c.toString(); cb(); } }),
    stderr: new Writable({ write(c, _e, cb) { err += c.toString(); cb(); } }),
    isTTY: false,
  };
  return { ctx, out: () => out, err: () => err };
}

describe("zongjie check", () => {
  const file = path.join(dir, "草稿.txt");
  writeFileSync(file, "某区委政法委2025年工作总结\n全年排查XX件,调解成功率达到％。\n");

  it("prints {year, findings, stats} with --json", async () => {
    const io = capture();
    expect(await check([file, "--json", "--year", "2024"], io.ctx)).toBe(0);
    const body = CheckResultSchema.parse(JSON.parse(io.out()));
    expect(body.year).toBe(2024);
    expect(body.findings.map((f) => f.kind)).toEqual(["placeholder", "punctuation", "placeholder"]);
    expect(io.err()).toContain("范文库为空");
  });

  it("prints one line per finding with line:col, severity, kind and message", async () => {
    const io = capture();
    expect(await check([file, "--rules-only"], io.ctx)).toBe(0);
    const lines = io.out().trim().split("\n");
    expect(lines[0]).toMatch(/^2:5\t错误\t模板残留\t占位符“XX”未替换/);
    expect(lines[1]).toMatch(/^2:8\t警告\t标点\t.*→ «，»/);
    expect(lines.at(-1)).toContain("报告年度 2025");
  });

  it("exits 2 with a usage line on bad arguments or a missing file", async () => {
    const a = capture();
    expect(await check([file, "--year", "20x5"], a.ctx)).toBe(2);
    expect(a.err()).toContain("--year");
    const b = capture();
    expect(await check([path.join(dir, "没有.txt")], b.ctx)).toBe(2);
    expect(b.err()).toContain("找不到文件");
  });
});

describe("zongjie rewrite", () => {
  it("prints the polished text, and the diff with --json", async () => {
    const file = path.join(dir, "段落.txt");
    writeFileSync(file, "我们搞了3次培训,一共有1200人参加。");
    const io = capture();
    expect(await rewrite([file, "--engine", "offline"], io.ctx)).toBe(0);
    expect(io.out()).toBe("我们开展了3次培训，共1200人参加。\n");
    const j = capture();
    expect(await rewrite([file, "--mode", "enumerate", "--engine", "offline", "--json"], j.ctx)).toBe(0);
    const body = JSON.parse(j.out());
    expect(body.mode).toBe("enumerate");
    expect(body.changes.length).toBeGreaterThan(1);
  });
});

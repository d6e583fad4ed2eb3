import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../../server/cli/draft.ts";
import { DraftSchema } from "../../../server/drafting/types.ts";

const FIX = path.resolve(import.meta.dirname, "../../fixtures/facts");

function sink() {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cli-draft-"));
  dirs.push(dataDir);
  const out = sink();
  const err = sink();
  const code = await run(args, { dataDir, stdout: out.stream, stderr: err.stream, isTTY: false });
  return { code, stdout: out.text(), stderr: err.text(), dataDir };
}

describe("zongjie draft", () => {
  it("prints Markdown and says on stderr which engine wrote it", async () => {
    const r = await cli([path.join(FIX, "half-year.txt"), "--engine", "offline"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("# 南湖区委政法委2025年上半年工作总结\n")).toBe(true);
    expect(r.stderr).toContain("引擎：离线引擎");
  });

  it("prints the draft as JSON with --json, honours --year/--unit, and writes a .docx", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cli-docx-"));
    dirs.push(dataDir);
    const out = path.join(dataDir, "初稿.docx");
    const r = await cli([path.join(FIX, "no-problems.txt"), "--json", "--engine", "offline", "--year", "2024", "--unit", "北关市委政法委", "--docx", out]);
    expect(r.code).toBe(0);
    const draft = DraftSchema.parse(JSON.parse(r.stdout));
    expect(draft.title).toBe("北关市委政法委2024年工作总结");
    expect(draft.engine).toBe("offline");
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(r.stderr).toContain("仿宋_GB2312");
  });

  it("exits 2 with usage on bad arguments and names a missing file", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(["x.txt", "--engine", "gpt"])).stderr).toMatch(/--engine/);
    const missing = await cli([path.join(FIX, "nope.txt")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/错误/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../../server/cli/rewrite.ts";
import { RewriteResultSchema } from "../../../server/rewrite/types.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sink() {
  let text = "";
  return { stream: new Writable({ write: (c, _e, cb) => ((text += c.toString()), cb()) }), text: () => text };
}

describe("zongjie rewrite", () => {
  it("takes --unit and prints the claims of the result with --json", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cli-rewrite-"));
    dirs.push(dir);
    const file = path.join(dir, "para.txt");
    writeFileSync(file, "在县委的坚强领导下，咱们一共搞了3场培训，目前还没有实现全覆盖。");
    const out = sink();
    const err = sink();
    const code = await run([file, "--engine", "offline", "--unit", "西山县委政法委", "--json"], { dataDir: dir, stdout: out.stream, stderr: err.stream, isTTY: false });
    expect(code).toBe(0);
    const r = RewriteResultSchema.parse(JSON.parse(out.text()));
    expect(r.refused).toBe(false);
    expect(r.claims).toEqual([]);
    expect(r.text).toContain("没有实现全覆盖");
  });
});

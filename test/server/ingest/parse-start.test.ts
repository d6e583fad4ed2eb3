/**
 * A file's deadline measures its reading, not the worker's start-up: the derive module (the checker's
 * lexicons) loads for seconds on a busy machine, and a sample report once failed ingest at start with
 * “解析超时” because its deadline ran while that module loaded.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ParsePool } from "../../../server/ingest/parse-pool.ts";

const SLOW_DERIVE = new URL("../../helpers/slow-derive.mjs", import.meta.url);
const report = ["青榆县委政法委2024年工作总结", "一、主要工作", "全年排查化解矛盾纠纷120件，调处成功率98%。", "二、存在问题", "基层力量仍然薄弱。"].join("\n");

const pool = new ParsePool({ derive: SLOW_DERIVE, timeoutMs: 500 });
afterAll(() => pool.close());

describe("the parse deadline and a slow derive module", () => {
  it("prepares a report with its evidence although the module takes ten deadlines to load", async () => {
    const prepared = await pool.prepare("青榆县.txt", new TextEncoder().encode(report), { derive: true });
    expect(prepared.chunks.length).toBeGreaterThan(0);
    expect(prepared.evidence).toEqual({ slow: true });
    expect(pool.replaced).toBe(0);
  }, 60_000);
});

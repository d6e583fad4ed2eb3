import { describe, expect, it } from "vitest";
import { settleReused } from "../../../server/checking/reused.ts";
import type { Finding } from "../../../server/checking/types.ts";
import { createApp } from "../../../server/app.ts";
import { testDeps } from "../../helpers/deps.ts";
import { testTempDir } from "../../helpers/temp.ts";

// Our own wording: last year's sentence the writer kept on purpose, and this year's draft around it.
const LAST_YEAR = "全县建成村级调解室86个，实现行政村全覆盖。";
const stale = (text: string, sentence: string): Finding => {
  const start = text.indexOf(sentence);
  return { kind: "stale", severity: "warning", start, end: start + sentence.length, text: sentence, message: "疑似沿用旧稿" };
};

describe("sentences kept from last year on purpose", () => {
  it("drops the stale finding of a kept sentence whose figures were updated, and keeps the others", () => {
    const kept = "全县建成村级调解室93个，实现行政村全覆盖。";
    const other = "全年受理信访事项240件。";
    const text = `${kept}${other}`;
    const out = settleReused(text, [stale(text, kept), stale(text, other)], [LAST_YEAR]);
    expect(out.map((f) => f.text)).toEqual([other]);
  });

  it("warns where a kept sentence still carries last year's figures, naming them", () => {
    const text = `今年工作扎实推进。${LAST_YEAR}`;
    const out = settleReused(text, [{ ...stale(text, LAST_YEAR), kind: "reuse" }], [LAST_YEAR]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: "stale", severity: "warning", text: LAST_YEAR });
    expect(out[0].message).toContain("“86”仍是去年的");
    expect(settleReused(text, [], [])).toEqual([]);
  });

});

describe("POST /api/check with kept sentences", () => {
  it("takes the kept sentences and counts the findings it returns", async () => {
    const app = createApp(testDeps(testTempDir("zongjie-reused-")));
    const text = `今年工作扎实推进。${LAST_YEAR}`;
    const res = await app.request("/api/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, year: 2025, reused: [LAST_YEAR] }) });
    const body = (await res.json()) as { findings: Finding[]; stats: Record<string, number> };
    const mine = body.findings.filter((f) => f.kind === "stale");
    expect(mine.map((f) => f.text)).toEqual([LAST_YEAR]);
    expect(body.stats.total).toBe(body.findings.length);
    expect(body.stats.stale).toBe(1);
    // The first check loads the dictionaries: far from its cost on a loaded machine.
  }, 120_000);
});

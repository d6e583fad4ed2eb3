import { describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { loadOfficeLists } from "../../../server/lists/office.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

describe("the check on pathological input", () => {
  it("stays linear on long runs of stray spaces, blanks and ranges (each was quadratic before)", async () => {
    // The lexicons load on the first check: that is start-up, not the cost this test bounds.
    await checkText("平安建设。", { year: 2025 });
    for (const text of ["平安 建设".repeat(40_000), "达到%，".repeat(20_000), "配备1-2名，".repeat(15_000)]) {
      const t0 = performance.now();
      const r = await checkText(text, { year: 2025 });
      expect(r.findings.length).toBeGreaterThan(0);
      // Generous for a loaded CI machine; the quadratic versions took 3–40 s on these inputs.
      expect(performance.now() - t0).toBeLessThan(8000);
    }
  }, 120_000);

  it("reads 十十、 as no heading, never as “NaN、”", () => {
    const found = checkNumbering("十十、工作\n一、主要工作\n", { year: 2025, registry: loadRegistry(), periodEnd: 20251231 });
    expect(found.map((f) => f.message).join("")).not.toMatch(/NaN/);
  });

  it("keeps finding typos in a clause with a character beyond the BMP (a rare name)", async () => {
    const plain = await checkText("全县严厉打击各类违法犯最活动。", { year: 2025 });
    const rare = await checkText("𠀀全县严厉打击各类违法犯最活动。", { year: 2025 });
    const typos = (r: typeof plain) => r.findings.filter((f) => f.kind === "typo").map((f) => f.suggestion);
    expect(typos(plain)).toContain("罪");
    expect(typos(rare)).toEqual(typos(plain));
  });
});

describe("an office list with a broken pattern", () => {
  it("is refused when the lists load, naming the file, instead of breaking every check", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-badlist-"));
    try {
      writeFileSync(path.join(dir, "registry.json"), JSON.stringify({ formulations: [{ correct: "测试表述", pattern: "测试(表述" }] }));
      expect(() => loadOfficeLists(dir)).toThrow(/registry\.json.*不是有效的正则表达式/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

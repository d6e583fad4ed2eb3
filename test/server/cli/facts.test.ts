import path from "node:path";
import { describe, expect, it } from "vitest";
import { run as facts } from "../../../server/cli/facts.ts";
import { run as draft } from "../../../server/cli/draft.ts";
import { cliContext, cliTempDir } from "../../helpers/cli.ts";
import { writeFileSync } from "node:fs";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/submissions");
const tmp = cliTempDir("zongjie-cli-facts-");
const files = ["溪山县人民法院2025年工作报告.txt", "溪山县公安局2025年工作总结.txt", "溪山县司法局2025年工作总结.txt"].map((n) => path.join(DIR, n));

describe("zongjie facts extract", () => {
  it("prints JSON with --json: every file's unit, the candidates and the conflicts", async () => {
    const t = cliContext(tmp.dir, false);
    expect(await facts(["extract", ...files, "--json", "--engine", "offline"], t.c)).toBe(0);
    const out = JSON.parse(t.out());
    expect(out.files.map((f: { unit: string }) => f.unit)).toEqual(["溪山县人民法院", "溪山县公安局", "溪山县司法局"]);
    expect(out.conflicts).toHaveLength(3);
    expect(t.err()).toMatch(/3\/3/);
  }, 120_000);

  it("prints the chosen facts in the form `zongjie draft` reads, and the draft is made from them", async () => {
    const t = cliContext(tmp.dir, false);
    expect(await facts(["extract", ...files, "--engine", "offline", "--year", "2025", "--as-unit", "溪山县委政法委"], t.c)).toBe(0);
    expect(t.err()).toMatch(/冲突：.*856件 与 .*865件/);
    const factsFile = path.join(tmp.dir, "facts.txt");
    writeFileSync(factsFile, t.out());
    const d = cliContext(tmp.dir, false);
    expect(await draft([factsFile, "--engine", "offline"], d.c)).toBe(0);
    expect(d.out()).toContain("9873件");
    expect(d.out()).not.toContain("856件");
  }, 180_000);

  it("names a bad argument in Chinese", async () => {
    const t = cliContext(tmp.dir, false);
    expect(await facts(["pull", "a.txt"], t.c)).toBe(2);
    expect(t.err()).toMatch(/未知子命令“pull”/);
  });
});

describe("zongjie facts skeleton", () => {
  it("prints last year's headings with this year's facts, the marked wording and the derived figures to confirm", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const t = cliContext(tmp.dir, false);
    expect(await facts(["skeleton", path.join(root, "corpus/000_e0d1f4ebb38b7fad.txt"), path.join(root, "test/fixtures/skeleton/facts-2022.txt")], t.c)).toBe(0);
    expect(t.out()).toMatch(/^XX区委政法委2022年工作总结\n/);
    expect(t.out()).toContain("（一）突出队伍建设，坚决打赢教育整顿攻坚战\n  - 组织政法干警开展政治轮训4期");
    expect(t.out()).toContain("【待核实：沿用去年表述】");
    expect(t.out()).not.toMatch(/一、履职尽责 +【今年暂无要点/);
    expect(t.err()).toMatch(/同比推算（须确认）：.*同比上升20%/);
  }, 120_000);
});

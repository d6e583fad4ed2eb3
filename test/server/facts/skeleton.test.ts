import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testTempDir } from "../../helpers/temp.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { buildFacts, parseFactsText } from "../../../server/drafting/facts.ts";
import { extractFigures } from "../../../server/drafting/figures.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import type { Fact } from "../../../server/drafting/types.ts";
import { skeletonFrom, yearOverYear, type Skeleton } from "../../../server/facts/skeleton.ts";
import { UNVERIFIED } from "../../../server/facts/types.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const input = parseFactsText(readFileSync(path.join(ROOT, "test/fixtures/skeleton/facts-2022.txt"), "utf8"));
let facts: Fact[];
let sk: Skeleton;
let lastText: string;

beforeAll(async () => {
  const name = "000_e0d1f4ebb38b7fad.txt";
  const { document } = await prepareReport(name, readFileSync(path.join(ROOT, "corpus", name)));
  lastText = document.cleanedText;
  facts = await buildFacts(input);
  sk = skeletonFrom(document, facts, { unit: input.unit, year: input.year });
}, 60_000);

describe("last year's summary as this year's skeleton", () => {
  it("carries last year's headings over, matched to this year's facts by work line, and keeps the empty ones as needing material", () => {
    expect(sk.headings.carried).toBe(sk.headings.total);
    expect(sk.headings.total).toBeGreaterThanOrEqual(10);
    const heads = sk.outline.sections.map((s) => s.heading);
    expect(heads).toContain("（一）突出队伍建设，坚决打赢教育整顿攻坚战".replace("（一）", ""));
    const team = sk.outline.sections.find((s) => s.heading.startsWith("突出队伍建设"))!;
    expect(team.factIds.map((id) => facts.find((f) => f.id === id)!.text).join()).toMatch(/政治轮训/);
    expect(sk.needsMaterial.length).toBeGreaterThan(0);
    for (const id of sk.needsMaterial) expect(sk.outline.sections.find((s) => s.id === id)!.factIds).toEqual([]);
    // Every fact has a place, a new line of work (扫黑除恶) or the problems and plans included.
    const placed = sk.outline.sections.flatMap((s) => s.factIds);
    expect(placed.sort()).toEqual(facts.map((f) => f.id).sort());
    expect(sk.outline.sections.some((s) => s.role === "problems")).toBe(true);
  });

  it("marks every figure, year and dated formulation of last year's wording, and flags unsupported sentences", () => {
    expect(sk.wording.length).toBeGreaterThan(20);
    for (const w of sk.wording) {
      const left = extractFigures(w.marked.replace(/【待更新：原“[^”]*”】/g, "")).filter((f) => f.kind !== "ordinal");
      expect(left, w.marked).toEqual([]);
      expect(w.marked.replace(/【待更新：原“[^”]*”】/g, "")).not.toMatch(/二十届|十九届|教育整顿|今年|去年/);
    }
    expect(sk.wording.some((w) => w.status === "unverified")).toBe(true);
    expect(sk.wording.some((w) => w.status === "supported")).toBe(true);
    expect(UNVERIFIED).toBe("【待核实：沿用去年表述】");
  });

  it("offers the change on a measure both years give only as a derived figure with its formula, unconfirmed", () => {
    const d = sk.derived.find((x) => x.thisYear === "18项");
    expect(d).toMatchObject({ lastYear: "15项", direction: "上升", percent: 20, phrase: "同比上升20%", confirmed: false });
    expect(d!.formula).toBe("（18 − 15）÷ 15 × 100% = 20%");
    expect(yearOverYear("排查矛盾纠纷1500件。", [{ ...facts[0], id: "x", text: "化解矛盾纠纷1860件" }])).toEqual([]);
  });

  it("writes a draft from the skeleton in which no figure of last year survives", async () => {
    const prompts = loadPrompts(path.join(ROOT, "prompts"));
    const draft = await generateDraft({ ...input, outline: sk.outline, options: { engine: "offline" } }, { model: null, prompts, logger: silentLogger }, () => {});
    const thisYear = new Set(facts.flatMap((f) => f.figures.map((g) => g.raw)));
    const lastYears = extractFigures(lastText).filter((f) => f.kind !== "ordinal" && f.kind !== "year" && !thisYear.has(f.raw)).map((f) => f.raw);
    const body = draft.sections.map((s) => s.text).join("\n");
    expect(lastYears.filter((raw) => body.includes(raw))).toEqual([]);
    expect(draft.sections.filter((s) => s.level > 0).map((s) => s.heading)).toEqual(sk.outline.sections.filter((s) => s.level > 0).map((s) => s.heading));
  });
});

describe("POST /api/facts/skeleton", () => {
  it("reads last year's file through the parse pool and answers with the outline, the facts, the marked wording and the derived figures", async () => {
    const { createApp } = await import("../../../server/app.ts");
    const { testDeps } = await import("../../helpers/deps.ts");
    const app = createApp(testDeps(testTempDir("zongjie-skeleton-")));
    const form = new FormData();
    form.append("file", new File([readFileSync(path.join(ROOT, "corpus/000_e0d1f4ebb38b7fad.txt"))], "2021年工作总结.txt"));
    form.append("input", JSON.stringify(input));
    const res = await app.request("/api/facts/skeleton", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Skeleton & { facts: Fact[] };
    expect(body.outline.title).toBe("XX区委政法委2022年工作总结");
    expect(body.facts).toHaveLength(facts.length);
    expect(body.derived.some((d) => d.phrase === "同比上升20%")).toBe(true);
    const bad = new FormData();
    bad.append("file", new File(["x"], "a.txt"));
    bad.append("input", "{}");
    const refused = await app.request("/api/facts/skeleton", { method: "POST", body: bad });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/今年的要点格式有误/);
  }, 120_000);
});

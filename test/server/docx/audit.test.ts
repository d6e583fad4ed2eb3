import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { buildAuditSheet, MANUAL, type Provenance } from "../../../server/docx/audit.ts";
import { auditToDocx } from "../../../server/docx/audit-docx.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import type { Draft } from "../../../server/drafting/types.ts";
import { checkSectionText } from "../../../server/drafting/verify.ts";
import { extractSubmissions } from "../../../server/facts/batch.ts";
import { candidatesToInput } from "../../../server/facts/text-form.ts";
import type { ParseService } from "../../../server/ingest/parse-pool.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { testDeps } from "../../helpers/deps.ts";
import { testTempDir } from "../../helpers/temp.ts";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/submissions");
const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
const inProcess = { prepare: (name: string, bytes: Uint8Array) => prepareReport(name, bytes) } as unknown as ParseService;

let draft: Draft;
let provenance: Provenance;
const HAND = "组织政法系统干部开展业务培训6期";

beforeAll(async () => {
  const files = readdirSync(DIR).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(DIR, name))) }));
  const ex = await extractSubmissions(files, { parser: inProcess });
  const input = candidatesToInput(ex.candidates, "溪山县委政法委", 2025);
  // One fact the writer typed by hand beside the imported ones.
  input.facts.push(HAND);
  provenance = ex.candidates.filter((c) => c.chosen).map((c) => ({ text: c.text, sources: c.sources }));
  draft = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => {});
}, 120_000);

/** The figures the fidelity check reports as invented, section by section, as "section:start:raw". */
function inventedByVerify(d: Draft): string[] {
  return d.sections.flatMap((s) => checkSectionText(s.text, d.facts.filter((f) => s.factIds.includes(f.id)), { facts: d.facts, unit: d.unit, year: d.year }).invented.map((f) => `${s.id}:${f.start}:${f.raw}`));
}
const unsourcedOf = (d: Draft, p: Provenance) => buildAuditSheet(d, p).filter((e) => e.unsourced).map((e) => `${e.sectionId}:${e.start}:${e.text}`);

describe("the audit sheet (核稿单)", () => {
  it("traces every figure of a clean draft to its fact and the unit's file and passage, and lists none as unsourced", () => {
    const entries = buildAuditSheet(draft, provenance);
    expect(inventedByVerify(draft)).toEqual([]);
    expect(entries.filter((e) => e.unsourced)).toEqual([]);
    const figure = entries.find((e) => e.text === "9873件")!;
    expect(figure.fact!.text).toContain("9873件");
    expect(figure.sentence).toContain("9873件");
    expect(figure.sources[0]).toMatchObject({ unit: "溪山县人民法院", file: "溪山县人民法院2025年工作报告.txt" });
    expect(figure.sources[0].passage).toContain("9873件");
    // A figure two units reported alike names both files.
    expect(entries.find((e) => e.text === "318件" && e.fact?.text.includes("司法确认"))!.sources.map((s) => s.unit).sort()).toEqual(["溪山县人民法院", "溪山县司法局"]);
    expect(entries.find((e) => e.text === "6期")!.origin).toBe(MANUAL);
    expect(entries.some((e) => e.kind === "initiative" && e.text.includes("共享法庭"))).toBe(true);
  });

  it("lists first, figure by figure, exactly the figures the fidelity check calls invented", () => {
    const edited: Draft = structuredClone(draft);
    const work = edited.sections.filter((s) => s.role === "work" && s.text);
    work[0].text += "全年新增示范点17个，群众满意率达到96.5%。";
    work[1].text = work[1].text.replace(/(\d+)件/, (_m, n) => `${Number(n) + 3}件`);
    const invented = inventedByVerify(edited);
    expect(invented.length).toBeGreaterThanOrEqual(3);
    expect(unsourcedOf(edited, provenance)).toEqual(invented);
    const entries = buildAuditSheet(edited, provenance);
    expect(entries.slice(0, invented.length).every((e) => e.unsourced && e.fact === null)).toBe(true);
    expect(entries.slice(invented.length).every((e) => !e.unsourced)).toBe(true);
  });

  it("shows a derived figure with its formula, and licenses it only once the writer confirmed it", () => {
    const edited: Draft = structuredClone(draft);
    edited.sections.find((s) => s.role === "work" && s.text)!.text += "案件受理量同比上升20%。";
    const derivation = { kind: "percent" as const, value: 20, formula: "（18 − 15）÷ 15 × 100% = 20%" };
    const row = (confirmed?: boolean) => buildAuditSheet(edited, provenance, confirmed === undefined ? [] : [{ ...derivation, confirmed }]).find((e) => e.text === "20%")!;
    expect(row()).toMatchObject({ unsourced: true });
    expect(row().formula).toBeUndefined();
    expect(row(false)).toMatchObject({ unsourced: true, formula: derivation.formula, confirmed: false });
    expect(row(true)).toMatchObject({ unsourced: false, formula: derivation.formula, confirmed: true });
  });

  it("writes the sheet as a .docx with the unsourced rows in red, and serves it and the table from the API", async () => {
    const edited: Draft = structuredClone(draft);
    edited.sections.find((s) => s.role === "work" && s.text)!.text += "新增示范点17个。";
    const bytes = await auditToDocx(edited.title, buildAuditSheet(edited, provenance));
    const xml = strFromU8(unzipSync(bytes)["word/document.xml"]);
    expect(xml).toContain("核稿单");
    expect(xml).toMatch(/<w:color w:val="C00000"\/>(?:(?!<\/w:r>)[\s\S])*?17个/);
    expect(xml).toContain("溪山县人民法院2025年工作报告.txt");

    const app = createApp(testDeps(testTempDir("zongjie-audit-")));
    const body = JSON.stringify({ draft: edited, provenance });
    const table = await app.request("/api/facts/audit", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(table.status).toBe(200);
    const json = (await table.json()) as { unsourced: number; entries: Array<{ text: string; unsourced: boolean }> };
    expect(json.unsourced).toBe(1);
    expect(json.entries[0]).toMatchObject({ text: "17个", unsourced: true });
    const doc = await app.request("/api/facts/audit/export", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(doc.status).toBe(200);
    expect(doc.headers.get("content-disposition")).toContain(encodeURIComponent("核稿单"));
    const bad = await app.request("/api/facts/audit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ draft: {} }) });
    expect(bad.status).toBe(400);
  });
});

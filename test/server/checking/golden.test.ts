import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GOLDEN_FILE, goldenFindings, goldenInputs, odwDir, plantSlips, type Golden, type GoldenInput } from "../../fixtures/golden/inputs.ts";
import { plantMixed, SLIP_CLASSES } from "../../fixtures/golden/slips.ts";

// The differential golden set (test/fixtures/golden/inputs.ts): a change made for speed alone must
// leave every finding of the whole check as it was. A decision change regenerates the file
// (`npx tsx test/fixtures/golden/make.ts`) in a commit that says so.
const expected = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as Golden;
const isOdw = (id: string) => id.startsWith("odw.train");
const isMixed = (id: string) => id.startsWith("mixed") || id.startsWith("sentence");
let inputs: GoldenInput[];
let actual: Golden;
let checkedTwice: Golden;
const mixedKinds = new Map<string, number>();

beforeAll(async () => {
  inputs = await goldenInputs();
  actual = { ...(await goldenFindings(inputs.filter((i) => !isMixed(i.id)))), ...(await goldenFindings(inputs.filter((i) => isMixed(i.id)), mixedKinds)) };
  // Again, now from the caches (lines and paragraphs judged before): the same findings.
  checkedTwice = await goldenFindings(inputs.filter((i) => !isOdw(i.id)));
}, 900_000);

describe("the whole check's findings on the golden inputs", () => {
  it("are those of the golden file, input by input (samples, planted drafts)", () => {
    const ids = Object.keys(expected).filter((id) => typeof expected[id] !== "string");
    expect(ids.length).toBeGreaterThanOrEqual(22);
    for (const id of ids) expect(actual[id], id).toEqual(expected[id]);
  });

  it("are those of the golden file on 750 runs and sentences of the samples with planted slips (digests)", () => {
    const ids = Object.keys(expected).filter(isMixed);
    expect(ids.length).toBeGreaterThanOrEqual(750);
    const differ = ids.filter((id) => actual[id] !== expected[id]);
    expect(differ).toEqual([]);
  });

  it.skipIf(!odwDir())("are those of the golden file on odw.train's 1,720 sentences and every fourth correction (digests)", () => {
    const ids = Object.keys(expected).filter(isOdw);
    expect(ids.length).toBeGreaterThanOrEqual(1960);
    const differ = ids.filter((id) => actual[id] !== expected[id]);
    expect(differ).toEqual([]);
  });

  it("are the same when the check runs again on the same texts (the caches change nothing)", () => {
    expect(Object.keys(checkedTwice).length).toBeGreaterThan(770);
    for (const id of Object.keys(checkedTwice)) expect(checkedTwice[id], id).toEqual(actual[id]);
  });

  it("cover findings of the typo check and of the rules, and the planted slips differ from the samples", () => {
    const kinds = new Set(Object.values(expected).flatMap((v) => (typeof v === "string" ? [] : v.map((f) => f[0]))));
    for (const k of ["typo", "placeholder", "punctuation", "outdated", "repetition"]) expect(kinds.has(k), k).toBe(true);
    const typos = Object.entries(expected).filter(([id]) => id.startsWith("slips")).flatMap(([, v]) => (typeof v === "string" ? [] : v.filter((f) => f[0] === "typo")));
    expect(typos.length).toBeGreaterThan(5);
    expect(plantSlips("在建设中", 2, 1)).not.toBe("在建设中");
  });

  it("the planted inputs give findings of every kind a slip was planted for, many of them typos", () => {
    for (const k of ["typo", "placeholder", "punctuation", "outdated", "repetition", "number", "numbering"]) expect(mixedKinds.get(k) ?? 0, k).toBeGreaterThan(5);
    expect(mixedKinds.get("typo")).toBeGreaterThan(300);
  });

  it("each class of slip changes a sample sentence, the same way on every run", () => {
    const text = "2025年3月5日，全区共排查矛盾纠纷120件、化解率达到98%，法治宣传覆盖“三个面向”（村、社区），单位和部门涉及平安建设，坚持依法办事。\n工作总结\n一是加强领导——落实责任";
    for (const cls of SLIP_CLASSES) {
      const out = plantMixed(text, 1, 3, [cls]);
      expect(out, cls).not.toBe(text);
      expect(plantMixed(text, 1, 3, [cls]), cls).toBe(out);
    }
  });
});

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GOLDEN_FILE, goldenFindings, goldenInputs, odwDir, plantSlips, type Golden } from "../../fixtures/golden/inputs.ts";

// The differential golden set (test/fixtures/golden/inputs.ts): a change made for speed alone must
// leave every finding of the whole check as it was. A decision change regenerates the file
// (`npx tsx test/fixtures/golden/make.ts`) in a commit that says so.
const expected = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as Golden;
let actual: Golden;
let checkedTwice: Golden;

beforeAll(async () => {
  const inputs = await goldenInputs();
  actual = await goldenFindings(inputs);
  // Again, now from the caches (lines and paragraphs judged before): the same findings.
  checkedTwice = await goldenFindings(inputs.filter((i) => !i.digestOnly));
}, 600_000);

describe("the whole check's findings on the golden inputs", () => {
  it("are those of the golden file, input by input (samples, planted drafts)", () => {
    const ids = Object.keys(expected).filter((id) => typeof expected[id] !== "string");
    expect(ids.length).toBeGreaterThanOrEqual(22);
    for (const id of ids) expect(actual[id], id).toEqual(expected[id]);
  });

  it.skipIf(!odwDir())("are those of the golden file on ~400 odw.train sentences (digests)", () => {
    const ids = Object.keys(expected).filter((id) => typeof expected[id] === "string");
    expect(ids.length).toBeGreaterThanOrEqual(390);
    const differ = ids.filter((id) => actual[id] !== expected[id]);
    expect(differ).toEqual([]);
  });

  it("are the same when the check runs again on the same texts (the caches change nothing)", () => {
    for (const id of Object.keys(checkedTwice)) expect(checkedTwice[id], id).toEqual(actual[id]);
  });

  it("cover findings of the typo check and of the rules, and the planted slips differ from the samples", () => {
    const kinds = new Set(Object.values(expected).flatMap((v) => (typeof v === "string" ? [] : v.map((f) => f[0]))));
    for (const k of ["typo", "placeholder", "punctuation", "outdated", "repetition"]) expect(kinds.has(k), k).toBe(true);
    const typos = Object.entries(expected).filter(([id]) => id.startsWith("slips")).flatMap(([, v]) => (typeof v === "string" ? [] : v.filter((f) => f[0] === "typo")));
    expect(typos.length).toBeGreaterThan(5);
    expect(plantSlips("在建设中", 2, 1)).not.toBe("在建设中");
  });
});

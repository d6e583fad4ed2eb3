import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckPool } from "../../../server/checking/pool.ts";
import { openReuseIndex } from "../../../server/checking/reuse-index.ts";
import { MemoryArchiveLexicon } from "../../../server/checking/typo/archive.ts";
import { silentLogger } from "../../../server/log.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";

/** Check workers hold a copy of the archive's word use and follow its changes, like the fingerprints. */
let pool: CheckPool;
const archive = new MemoryArchiveLexicon();
const TEXT = "举办政法文艺汇演。";
const typos = async () => (await pool.check(TEXT, { year: 2025 })).findings.filter((f) => f.kind === "typo").map((f) => `${f.text}→${f.suggestion}`);

beforeAll(async () => {
  archive.addDocument("a", "去年文艺汇演工作有序推进。");
  const reuse = await openReuseIndex({ dataDir: null, logger: silentLogger });
  pool = await CheckPool.open({ reuse, archive, lists: builtinOfficeLists(), size: 1 });
});
afterAll(async () => {
  await pool.close();
});

describe("the typo check in a check worker", () => {
  it("starts with the archive as it was and follows documents added and removed", async () => {
    expect(await typos()).toEqual(["汇→会"]); // one document is not the office's usage yet
    archive.addDocument("b", "各单位文艺汇演成效明显。");
    expect(await typos()).toEqual([]);
    archive.removeDocument("a");
    expect(await typos()).toEqual(["汇→会"]);
  });
});

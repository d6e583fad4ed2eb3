import { afterAll, describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { CheckPool } from "../../../server/checking/pool.ts";
import { openReuseIndex } from "../../../server/checking/reuse-index.ts";
import { archiveTerms, MemoryArchiveLexicon, SharedArchiveCopy } from "../../../server/checking/typo/archive.ts";
import { silentLogger } from "../../../server/log.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";

/**
 * The archive table the check workers share (one sorted table in SharedArrayBuffers, merged from the
 * changes as they pile up) must answer exactly as a private table per worker did (a Map per worker,
 * filled from every document): on a seeded archive, the same counts for every stretch and the same
 * findings for the same drafts, through document additions, replacements and removals.
 */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

// Written for this test: the office's own turns (a township, a project) next to common wording, and
// spellings that the typo check would question unless the archive uses them.
const PIECES = [
  "白沙镇网格员走访群众", "文艺汇演进社区", "稻鱼共生示范基地", "矛盾纠纷排查化解", "平安建设宣传月",
  "社区矫正对象教育帮扶", "法律明白人培训", "石桥村调解室", "反诈宣传进校园", "重点人员稳控",
  "开展专项整治行动", "落实安全生产责任", "枫林街道综治中心", "禁毒宣传周活动", "依法治县工作会议",
];
const DRAFTS = [
  "今年举办政法文艺汇演两场，白沙镇网格员走访群众三千户。",
  "稻鱼共生示范基地建成，石桥村调解室化解纠纷十二起。",
  "枫林街道综治中心运行平稳，反诈宣传进校园二十次。",
  "法律明白人培训覆盖全部村居，社区矫正对象教育帮扶到位。",
];

function seededDocs(n: number, seed: number): Array<{ id: string; text: string }> {
  const rand = rng(seed);
  return Array.from({ length: n }, (_, d) => {
    const parts = Array.from({ length: 3 + Math.floor(rand() * 6) }, () => PIECES[Math.floor(rand() * PIECES.length)]);
    return { id: `doc${d}`, text: `${parts.join("，")}。` };
  });
}

const pools: CheckPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe("the shared archive table", () => {
  it("counts every stretch as a private table does, through merges, replacements and removals", () => {
    // Merges after every 20 pending changes here (65,536 by default), so many tables are built.
    const owner = new MemoryArchiveLexicon({ mergeAt: () => 20, spillAfter: 50 });
    const privateTable = new MemoryArchiveLexicon({ mergeAt: () => Infinity });
    let copy: SharedArchiveCopy | null = null;
    const docs = seededDocs(300, 3);
    docs.slice(0, 100).forEach((d) => {
      owner.addDocument(d.id, d.text);
      privateTable.addDocument(d.id, d.text);
    });
    // A worker that starts late gets the table and the pending changes, then follows.
    copy = new SharedArchiveCopy(owner.snapshot());
    owner.subscribe((c) => copy!.apply(c));
    for (const d of docs.slice(100)) {
      owner.addDocument(d.id, d.text);
      privateTable.addDocument(d.id, d.text);
    }
    for (let i = 0; i < 300; i += 3) {
      owner.removeDocument(`doc${i}`);
      privateTable.removeDocument(`doc${i}`);
    }
    for (let i = 1; i < 300; i += 7) {
      owner.addDocument(`doc${i}`, "重点人员稳控，禁毒宣传周活动。");
      privateTable.addDocument(`doc${i}`, "重点人员稳控，禁毒宣传周活动。");
    }
    expect(owner.stats().tableKeys).toBeGreaterThan(0);
    expect(owner.snapshot().keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    const probes = new Set<string>();
    for (const t of [...PIECES, ...DRAFTS]) for (let i = 0; i + 2 <= t.length; i++) for (const len of [2, 3, 4]) probes.add(t.slice(i, i + len));
    for (const p of probes) {
      const want = privateTable.documentFrequency(p);
      expect(owner.documentFrequency(p)).toBe(want);
      expect(copy.documentFrequency(p)).toBe(want);
    }
    expect(owner.documents).toBe(privateTable.documents);
    expect(copy.documents).toBe(privateTable.documents);
    expect(copy.version).toBe(owner.version);
    // What the owner keeps for removals is the document's own terms.
    expect([...owner.entries().find((e) => e.id === "doc1")!.terms].sort()).toEqual([...archiveTerms("重点人员稳控，禁毒宣传周活动。")].sort());
    owner.close();
  });

  it("two check workers reading it give the findings a private table gives in process", { timeout: 180_000 }, async () => {
    const owner = new MemoryArchiveLexicon({ mergeAt: () => 30 });
    const privateTable = new MemoryArchiveLexicon({ mergeAt: () => Infinity });
    const docs = seededDocs(120, 9);
    for (const d of docs.slice(0, 60)) owner.addDocument(d.id, d.text);
    const reuse = await openReuseIndex({ dataDir: null, logger: silentLogger });
    const lists = builtinOfficeLists();
    const pool = await CheckPool.open({ reuse, archive: owner, lists, size: 2 });
    pools.push(pool);
    for (const d of docs.slice(60)) owner.addDocument(d.id, d.text);
    for (let i = 0; i < 120; i += 4) owner.removeDocument(`doc${i}`);
    for (const d of docs) if (owner.has(d.id)) privateTable.addDocument(d.id, d.text);
    const findings = (r: Awaited<ReturnType<typeof checkText>>) => r.findings.map((f) => `${f.kind}:${f.start}-${f.end}:${f.text}→${f.suggestion ?? ""}`);
    let typos = 0;
    for (const draft of [...DRAFTS, DRAFTS.join("\n")]) {
      const want = await checkText(draft, { year: 2025, reuse, archive: privateTable, lists });
      typos += want.findings.filter((f) => f.kind === "typo").length;
      // Both workers: checks go to the least busy one, so send two at once.
      const [a, b] = await Promise.all([pool.check(draft, { year: 2025 }), pool.check(draft, { year: 2025 })]);
      expect(findings(a)).toEqual(findings(want));
      expect(findings(b)).toEqual(findings(want));
    }
    // The comparison means something only if the archive decides some findings: without it there are more.
    const bare = await checkText(DRAFTS.join("\n"), { year: 2025, reuse, lists });
    expect(bare.findings.filter((f) => f.kind === "typo").length).toBeGreaterThanOrEqual(typos);
    owner.close();
  });
});

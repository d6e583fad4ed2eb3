import { mkdtemp, readdir, readFile, rm, writeFile, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../../server/errors.ts";
import type { Logger } from "../../../server/log.ts";
import { isDraftId, newDraftId, openDraftSaveStore } from "../../../server/saves/file-store.ts";
import { rejectionOf } from "../../helpers/errors.ts";
import { sampleDraft } from "./fixture.ts";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-saves-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (msg: string) => void lines.push(msg);
  return { lines, debug: at, info: at, warn: at, error: at };
}

const conflictOf = rejectionOf;

describe("draft save store", () => {
  it("creates a draft as version 1 in its own JSON file under <dataDir>/drafts and reads it back", async () => {
    const store = openDraftSaveStore(dataDir);
    const saved = await store.create(sampleDraft());
    expect(saved.version).toBe(1);
    expect(isDraftId(saved.id)).toBe(true);
    expect(saved.title).toBe("2024年度政法工作总结");
    const file = JSON.parse(await readFile(path.join(dataDir, "drafts", `${saved.id}.json`), "utf8"));
    expect(file.version).toBe(1);
    expect(file.draft.sections[0].text).toContain("1.2万余件");
    const again = await store.get(saved.id);
    expect(again?.draft).toEqual(sampleDraft());
    expect((await store.list()).map((d) => d.id)).toEqual([saved.id]);
  });

  it("generates distinct ids that are never paths", () => {
    const ids = new Set(Array.from({ length: 500 }, () => newDraftId()));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^d-[0-9a-z]+$/);
    for (const bad of ["", "..", "../x", "d-../../etc/passwd", "d-abc/def", "d-" + "a".repeat(200), "D-ABCDEFGHI123456789012", "d-000000000abcdef01234\n"]) {
      expect(isDraftId(bad)).toBe(false);
    }
  });

  it("bumps the version on each save and keeps the replaced version as <id>.prev.json", async () => {
    const store = openDraftSaveStore(dataDir);
    const { id } = await store.create(sampleDraft("第一稿"));
    const v2 = await store.save(id, 1, sampleDraft("第二稿"));
    expect(v2.version).toBe(2);
    const v3 = await store.save(id, 2, sampleDraft("第三稿"));
    expect(v3.version).toBe(3);
    expect(v3.updatedAt >= v2.updatedAt).toBe(true);
    const prev = JSON.parse(await readFile(path.join(dataDir, "drafts", `${id}.prev.json`), "utf8"));
    expect(prev.version).toBe(2);
    expect(prev.draft.sections[0].text).toBe("第二稿");
    expect((await store.get(id))?.draft.sections[0].text).toBe("第三稿");
  });

  it("refuses a save from a stale version with a 409 conflict that names the current version", async () => {
    const store = openDraftSaveStore(dataDir);
    const { id } = await store.create(sampleDraft("原稿"));
    await store.save(id, 1, sampleDraft("窗口甲的修改"));
    const e = await conflictOf(store.save(id, 1, sampleDraft("窗口乙的修改")));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe("conflict:draft_version");
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/另一个窗口已保存/);
    expect(e.message).toMatch(/重新打开/);
    expect(e.details).toMatchObject({ currentVersion: 2, baseVersion: 1 });
    expect((await store.get(id))?.draft.sections[0].text).toBe("窗口甲的修改");
  });

  it("lets exactly one of many concurrent saves from the same version win; the others get conflicts", async () => {
    const store = openDraftSaveStore(dataDir);
    const { id } = await store.create(sampleDraft("原稿"));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.save(id, 1, sampleDraft(`客户端${i}`))));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const l of lost) expect((l.reason as AppError).code).toBe("conflict:draft_version");
    const winner = (won[0] as PromiseFulfilledResult<{ draft: { sections: { text: string }[] } }>).value;
    const now = await store.get(id);
    expect(now?.version).toBe(2);
    expect(now?.draft.sections[0].text).toBe(winner.draft.sections[0].text);
  });

  it("loses no edit: the loser of a conflict reloads, re-applies its change and saves", async () => {
    const store = openDraftSaveStore(dataDir);
    const { id } = await store.create(sampleDraft("甲乙"));
    const [a, b] = await Promise.allSettled([store.save(id, 1, sampleDraft("甲乙+A")), store.save(id, 1, sampleDraft("甲乙+B"))]);
    const loserEdit = a.status === "rejected" ? "+A" : "+B";
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    const fresh = await store.get(id);
    const merged = await store.save(id, fresh!.version, sampleDraft(fresh!.draft.sections[0].text + loserEdit));
    expect(merged.version).toBe(3);
    const text = (await store.get(id))!.draft.sections[0].text;
    expect(text).toContain("+A");
    expect(text).toContain("+B");
  });

  it("rejects a malformed draft with a 400 and writes nothing", async () => {
    const store = openDraftSaveStore(dataDir);
    const bad = { ...sampleDraft(), sections: "不是数组" } as unknown as ReturnType<typeof sampleDraft>;
    const e = await conflictOf(store.create(bad));
    expect(e.code).toBe("bad_request:invalid_draft");
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/稿件内容格式无效/);
    expect(await readdir(path.join(dataDir, "drafts"))).toEqual([]);
    const { id } = await store.create(sampleDraft());
    const e2 = await conflictOf(store.save(id, 1, { ...sampleDraft(), year: "二〇二四" } as never));
    expect(e2.code).toBe("bad_request:invalid_draft");
    expect((await store.get(id))?.version).toBe(1);
  });

  it("refuses ids that are not generated ids without touching the file system", async () => {
    const store = openDraftSaveStore(dataDir);
    await writeFile(path.join(dataDir, "secret.json"), JSON.stringify({ hello: 1 }));
    expect(await store.get("../secret")).toBeNull();
    expect(await store.remove("../secret")).toBe(false);
    const e = await conflictOf(store.save("../secret", 1, sampleDraft()));
    expect(e.code).toBe("bad_request:draft_id");
    expect(await readFile(path.join(dataDir, "secret.json"), "utf8")).toContain("hello");
    const e2 = await conflictOf(store.save(newDraftId(), 1, sampleDraft()));
    expect(e2.code).toBe("not_found:draft");
    const e3 = await conflictOf(store.save(newDraftId(), 0, sampleDraft()));
    expect(e3.code).toBe("bad_request:draft_version");
  });

  it("skips and reports a truncated file instead of failing, and serves the backup when there is one", async () => {
    const logger = captureLogger();
    const store = openDraftSaveStore(dataDir, { logger });
    const a = await store.create(sampleDraft("甲稿第一版", "甲"));
    await store.save(a.id, 1, sampleDraft("甲稿第二版", "甲"));
    const b = await store.create(sampleDraft("乙稿", "乙"));
    const c = await store.create(sampleDraft("丙稿", "丙"));
    const dir = path.join(dataDir, "drafts");
    // a: main file cut in half (a crash without atomic writes would look like this); backup intact.
    const full = await readFile(path.join(dir, `${a.id}.json`), "utf8");
    await writeFile(path.join(dir, `${a.id}.json`), full.slice(0, full.length / 2));
    // b: garbage and no backup.
    await writeFile(path.join(dir, `${b.id}.json`), "\u0000\u0000\u0000");
    // stray files a person or another tool left there.
    await writeFile(path.join(dir, "notes.json"), "{}");
    await writeFile(path.join(dir, `${newDraftId()}.json`), JSON.stringify({ format: "other" }));

    const list = await store.list();
    expect(list.map((d) => d.title).sort()).toEqual(["丙", "甲"]);
    expect(list.find((d) => d.id === a.id)?.version).toBe(1);
    expect(store.problems().map((p) => p.file)).toEqual(expect.arrayContaining([`${a.id}.json`, `${b.id}.json`, "notes.json"]));
    expect(logger.lines.some((l) => l.includes(b.id))).toBe(true);
    expect((await store.get(a.id))?.draft.sections[0].text).toBe("甲稿第一版");
    expect(await store.get(b.id)).toBeNull();
    expect((await store.get(c.id))?.version).toBe(1);
    // Saving on top of the recovered backup continues from its version.
    const next = await store.save(a.id, 1, sampleDraft("甲稿修复后", "甲"));
    expect(next.version).toBe(2);
    expect((await store.list()).find((d) => d.id === a.id)?.version).toBe(2);
  });

  it("leaves the last completed save in place when a save dies before its rename", async () => {
    let crash = false;
    const store = openDraftSaveStore(dataDir, {
      beforeCommit: () => {
        if (crash) throw new Error("模拟断电");
      },
    });
    const { id } = await store.create(sampleDraft("已保存的内容"));
    crash = true;
    await expect(store.save(id, 1, sampleDraft("未完成的保存"))).rejects.toThrow("模拟断电");
    crash = false;
    const now = await store.get(id);
    expect(now?.version).toBe(1);
    expect(now?.draft.sections[0].text).toBe("已保存的内容");
    expect((await readdir(path.join(dataDir, "drafts"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await store.save(id, 1, sampleDraft("重试成功"))).version).toBe(2);
  });

  it("ignores temp files from a crash and clears old ones when it opens", async () => {
    const dir = path.join(dataDir, "drafts");
    const store = openDraftSaveStore(dataDir);
    const { id } = await store.create(sampleDraft());
    const oldTmp = path.join(dir, `.${id}.json.123.abcd.tmp`);
    const newTmp = path.join(dir, `.${id}.json.456.ef01.tmp`);
    await writeFile(oldTmp, '{"format":"zongjie-draft-sa');
    await writeFile(newTmp, '{"format":"zongjie-draft-sa');
    const past = new Date(Date.now() - 10 * 60_000);
    await utimes(oldTmp, past, past);
    expect((await store.list()).map((d) => d.id)).toEqual([id]);
    expect(store.problems()).toEqual([]);
    openDraftSaveStore(dataDir);
    const files = await readdir(dir);
    expect(files).not.toContain(path.basename(oldTmp));
    expect(files).toContain(path.basename(newTmp));
  });

  it("removes a draft and its backup", async () => {
    const store = openDraftSaveStore(dataDir);
    const { id } = await store.create(sampleDraft());
    await store.save(id, 1, sampleDraft("改"));
    expect(await store.remove(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
    expect(await store.remove(id)).toBe(false);
    expect(await readdir(path.join(dataDir, "drafts"))).toEqual([]);
  });

  it("lists the most recently saved draft first", async () => {
    let t = Date.parse("2025-03-01T00:00:00Z");
    const store = openDraftSaveStore(dataDir, { now: () => new Date((t += 1000)) });
    const a = await store.create(sampleDraft("a", "甲"));
    const b = await store.create(sampleDraft("b", "乙"));
    await store.save(a.id, 1, sampleDraft("a2", "甲"));
    expect((await store.list()).map((d) => d.id)).toEqual([a.id, b.id]);
  });

  it("sees saves made by another store instance over the same folder (its list cache is by file identity)", async () => {
    const a = openDraftSaveStore(dataDir);
    const b = openDraftSaveStore(dataDir);
    const { id } = await a.create(sampleDraft("一", "标题一"));
    expect((await a.list())[0]).toMatchObject({ version: 1, title: "标题一" });
    await b.save(id, 1, sampleDraft("二", "标题二"));
    expect((await a.list())[0]).toMatchObject({ version: 2, title: "标题二" });
    await b.remove(id);
    expect(await a.list()).toEqual([]);
  });

  it("reports a full disk as a 503 in Chinese, leaving the last save and no temp file behind", async () => {
    let fail: string | null = null;
    const store = openDraftSaveStore(dataDir, {
      beforeCommit: () => {
        if (fail) throw Object.assign(new Error(`${fail}: simulated`), { code: fail });
      },
    });
    const { id } = await store.create(sampleDraft("完好的一版"));
    for (const code of ["ENOSPC", "EROFS", "EACCES"]) {
      fail = code;
      const e = await conflictOf(store.save(id, 1, sampleDraft("写不进去")));
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("unavailable:storage");
      expect(e.status).toBe(503);
      expect(e.message).toMatch(/稿件未能保存/);
      expect(e.message).toContain(code);
    }
    fail = null;
    expect((await store.get(id))?.draft.sections[0].text).toBe("完好的一版");
    expect((await readdir(path.join(dataDir, "drafts"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // Other errors are not dressed up as storage errors.
    fail = "EWHATEVER";
    expect(await conflictOf(store.save(id, 1, sampleDraft("x")))).not.toBeInstanceOf(AppError);
  });

  it("keeps many drafts consistent under concurrent saves and lists", async () => {
    const store = openDraftSaveStore(dataDir);
    const ids = await Promise.all(Array.from({ length: 15 }, (_, i) => store.create(sampleDraft(`稿${i}-v1`, `稿${i}`)).then((d) => d.id)));
    const work = ids.flatMap((id, i) => [1, 2, 3, 4].map(async (round) => {
      // Each client saves on top of whatever it last saw; conflicts are retried after a reload.
      for (;;) {
        const cur = (await store.get(id))!;
        try {
          return await store.save(id, cur.version, sampleDraft(`${cur.draft.sections[0].text}+${round}`, `稿${i}`));
        } catch (e) {
          if ((e as AppError).code !== "conflict:draft_version") throw e;
        }
      }
    }));
    const lists = Array.from({ length: 10 }, () => store.list());
    await Promise.all([...work, ...lists]);
    const final = await store.list();
    expect(final).toHaveLength(15);
    expect(store.problems()).toEqual([]);
    for (const d of final) {
      expect(d.version).toBe(5);
      const text = (await store.get(d.id))!.draft.sections[0].text;
      // Every round's edit landed exactly once: nothing lost, nothing doubled.
      for (const r of ["+1", "+2", "+3", "+4"]) expect(text.split(r).length - 1).toBe(1);
    }
  });
});

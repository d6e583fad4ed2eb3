import { BY_NAME } from "../../../server/checking/typo/names.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { protectedMask } from "../../../server/checking/typo/names.ts";
import { extractNames } from "../../../server/claims/names.ts";
import { loadNameList } from "../../../server/lists/names.ts";
import { findNames, unitParts, type NameKind, type NameSpan } from "../../../server/text/names.ts";

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zj-names-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

const lists = loadNameList();
const kinds = (spans: NameSpan[], by?: string) => spans.filter((s) => !by || s.by === by).map((s) => [s.text, s.kind] as [string, NameKind]);

describe("findNames", () => {
  it("finds units and places by their endings, with the place words in front", () => {
    const text = "西山县公安局联合青石镇派出所走访白甸镇，各派出所参加。";
    const spans = findNames(text, lists, ["rule"]);
    expect(kinds(spans)).toEqual([["西山县公安局", "unit"], ["青石镇派出所", "unit"], ["白甸镇", "place"]]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("finds a person beside a title or by a surname and the shape of a full name", () => {
    expect(kinds(findNames("会议由书记李红梅主持。", lists, ["rule"]))).toEqual([["李红梅", "person"]]);
    expect(kinds(findNames("郝丽艳带队走访。", lists, ["guess"]))).toEqual([["郝丽艳", "person"]]);
    // A guessed word ending like a place is a place, never a person.
    expect(kinds(findNames("走访白甸镇。", lists, ["guess"]))).toEqual([["白甸镇", "place"]]);
  });

  it("finds quoted names of every bracket, not a long citation", () => {
    const text = "建设“雪亮工程”，落实《平安建设条例》和「枫桥经验」。";
    expect(kinds(findNames(text, lists, ["quote"]))).toEqual([["“雪亮工程”", "quoted"], ["《平安建设条例》", "quoted"], ["「枫桥经验」", "quoted"]]);
    expect(findNames(`他说：“${"坚持".repeat(30)}”`, lists, ["quote"])).toEqual([]);
  });

  it("gives tagged words their kind by jieba's tag", () => {
    const spans = findNames("东城区委政法委组织召开会议。", lists, ["tag"]);
    expect(spans.every((s) => s.by === "tag" && s.tag !== undefined)).toBe(true);
    expect(kinds(spans)).toContainEqual(["东城", "place"]);
  });

  it("returns spans in order of their start, each evidence only when asked", () => {
    const spans = findNames("书记李红梅到青石镇派出所调研“雪亮工程”。", lists);
    expect(spans.map((s) => s.start)).toEqual([...spans.map((s) => s.start)].sort((a, b) => a - b));
    expect(new Set(spans.map((s) => s.by))).toEqual(new Set(["rule", "tag", "quote"]));
    expect(findNames("书记李红梅到青石镇派出所调研“雪亮工程”。", lists, [])).toEqual([]);
  });
});

describe("unitParts", () => {
  it("splits a unit's name at its level, preferring the level of a party committee", () => {
    expect(unitParts("西山县委政法委")).toEqual({ place: "西山", level: "县", organ: "委政法委", party: true });
    expect(unitParts("市中区委政法委")).toEqual({ place: "市中", level: "区", organ: "委政法委", party: true });
    expect(unitParts("西山县人民法院")).toEqual({ place: "西山", level: "县", organ: "人民法院", party: false });
    expect(unitParts("XX旗委政法委")).toMatchObject({ place: "XX", level: "旗" });
    expect(unitParts("区委政法委")).toMatchObject({ place: "", level: "区" });
    expect(unitParts("政法委")).toEqual({ place: "", level: "", organ: "政法委", party: false });
  });
});

describe("the name lists from the data folder", () => {
  it("an added surname makes a full name a person, a switched-off one no longer", () => {
    const dir = dataDir({ "names.json": { surnames: ["柴", "!郝"] } });
    const office = loadNameList(dir);
    expect(kinds(findNames("柴丽艳带队走访。", lists, ["guess"]))).toEqual([]);
    expect(kinds(findNames("柴丽艳带队走访。", office, ["guess"]))).toEqual([["柴丽艳", "person"]]);
    expect(kinds(findNames("郝丽艳带队走访。", office, ["guess"]))).toEqual([]);
    // The typo check follows: the name's characters are protected with the office's list only.
    const text = "柴丽艳带队走访。";
    expect([...protectedMask(text, lists).subarray(0, 3)]).toEqual([0, 0, 0]);
    expect([...protectedMask(text, office).subarray(0, 3)]).toEqual([BY_NAME, BY_NAME, BY_NAME]);
  });

  it("an added unit ending makes a unit for the claim check", () => {
    const dir = dataDir({ "names.json": { organs: ["工作站"] } });
    const text = "青石镇工作站受理纠纷。";
    expect(extractNames(text).some((n) => n.kind === "unit")).toBe(false);
    expect(extractNames(text, loadNameList(dir))).toContainEqual({ text: "青石镇工作站", kind: "unit" });
  });

  it("refuses an entry that is no surname, naming the file", () => {
    const dir = dataDir({ "names.json": { surnames: ["Wang"] } });
    expect(() => loadNameList(dir)).toThrow(/names\.json.*姓氏应为一到两个汉字/);
  });
});

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentKind } from "../../../server/corpus/document-kind.ts";
import { ingestBuffer } from "../../../server/ingest/ingest.ts";
import { storeDeps } from "../../helpers/deps.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
const enc = (s: string) => new TextEncoder().encode(s);

/** A short report in this test's own words: paragraphs of prose under headings. */
const REPORT = [
  "某县委政法委2024年工作总结",
  "2024年，县委政法委在县委的坚强领导下，坚持围绕中心、服务大局，统筹推进平安建设和法治建设，各项工作取得新的进展。现将有关情况总结如下。",
  "一、主要工作及成效",
  "（一）扎实推进矛盾纠纷排查化解。全年组织开展集中排查四轮，化解各类矛盾纠纷一千二百余件，调解成功率保持在较高水平，基层调解组织作用进一步发挥。",
  "（二）持续加强基层社会治理。完善网格化服务管理机制，优化网格划分，充实网格员队伍，推动问题在基层发现、在基层解决。",
  "二、存在的问题",
  "基层基础工作仍有薄弱环节，部分网格员业务能力有待提高，信息化手段运用还不够充分。",
  "三、下一步工作打算",
  "我们将继续深化平安建设，健全矛盾纠纷多元化解机制，加强政法队伍建设，为全县经济社会发展营造安全稳定的环境。",
].join("\n");

describe("what an uploaded document is", () => {
  it("takes a report as a report, and every facts list the 起草 page ships as a facts list", () => {
    expect(documentKind(REPORT)).toEqual({ kind: "report" });
    for (const f of readdirSync(path.join(FIXTURES, "facts"))) {
      expect(documentKind(readFileSync(path.join(FIXTURES, "facts", f), "utf8")).kind, f).toBe("facts");
    }
  });

  it("keeps the archive's own sample reports, masked names (xx区, X件) and all", () => {
    const dir = path.resolve(import.meta.dirname, "../../../corpus");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt"))) expect(documentKind(readFileSync(path.join(dir, f), "utf8")).kind, f).toBe("report");
  });

  it("recognises a blank template by its blanks, and says why", () => {
    const template = [
      "（此处填写单位名称）20XX年工作总结",
      "20XX年，在____的坚强领导下，我单位坚持……现将有关情况总结如下：",
      "一、主要工作及成效",
      "（一）____工作。全年开展____活动____场。（此处填写具体做法）",
      "二、存在的问题",
      "（根据本单位实际填写）",
      "三、下一步工作打算",
      "20XX年，我们将____。",
    ].join("\n");
    const k = documentKind(template);
    expect(k.kind).toBe("template");
    expect(k.kind !== "report" && k.reason).toMatch(/模板/);
  });

  it("recognises a list of facts, with or without header lines", () => {
    const facts = ["- 调解纠纷320件", "- 新建调解室12个", "- 培训网格员600人次", "问题：信息化水平不高", "计划：推进智慧政法建设"].join("\n");
    expect(documentKind(facts).kind).toBe("facts");
  });

  it("recognises a text that is no report: mostly not Chinese, or long with none of a report's words", () => {
    expect(documentKind("Quarterly figures for the regional office. ".repeat(20)).kind).toBe("other");
    const story = "春天的山路上开满了野花，小女孩一边唱歌一边摘花，风从山谷里吹来，带着泥土和青草的气味。".repeat(10);
    expect(documentKind(story).kind).toBe("other");
  });

  it("is refused at ingest with the reason, and nothing is stored", async () => {
    const env = await storeDeps();
    try {
      const facts = readFileSync(path.join(FIXTURES, "facts", "tidy.txt"));
      const outcome = await ingestBuffer({ store: env.deps.store }, "要点.txt", new Uint8Array(facts));
      expect(outcome).toMatchObject({ status: "rejected", code: "bad_request:not_a_report" });
      expect((outcome as { message: string }).message).toMatch(/《要点\.txt》.*要点清单.*起草/);
      expect(await env.deps.store.listDocuments()).toEqual([]);
      expect(await ingestBuffer({ store: env.deps.store }, "总结.txt", enc(REPORT))).toMatchObject({ status: "added" });
    } finally {
      await env.cleanup();
    }
  });
});

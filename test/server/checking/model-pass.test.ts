import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { conflictingSuggestions, mergeModelFindings } from "../../../server/checking/model-findings.ts";
import { chunkForModel, parseModelReply, proofreadWithModel, verifyItem } from "../../../server/checking/model-pass.ts";
import type { Finding } from "../../../server/checking/types.ts";
import { createApp } from "../../../server/app.ts";
import { run as check } from "../../../server/cli/check.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { SseParser } from "../../../web/lib/sse.ts";
import { ModelCheckEventSchema } from "../../../server/routes/check-events.ts";
import { lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from "../../fake-openai/server.ts";
import { makeTestDeps } from "../../helpers/deps.ts";

const PROMPTS = path.resolve(import.meta.dirname, "../../../prompts");
const prompts = loadPrompts(PROMPTS, ["check-proofread"]);
const whole = (text: string) => ({ start: 0, end: text.length });
const item = (类型: string, 原文: string, 修改 = "", 说明 = "") => ({ 类型, 原文, 修改, 说明 });

/** The text quoted between the prompt's markers. */
const quoted = (req: FakeRequest) => /<<<原文开始>>>\n([\s\S]*?)\n<<<原文结束>>>/.exec(lastUserMessage(req))![1];

describe("verifying what the model says", () => {
  const text = "我县认真布署平安建设工作，全年化解矛盾纠纷1260件，调解成功率达98.5%。";

  it("keeps a typo whose span occurs verbatim and narrows it to the changed character", () => {
    const v = verifyItem(item("错别字", "认真布署平安", "认真部署平安", "音近致误"), text, whole(text), "m1");
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.finding).toMatchObject({ kind: "typo", text: "布", suggestion: "部", engine: "m1" });
    expect(text.slice(v.finding.start, v.finding.end)).toBe("布");
    expect(v.finding.message).toMatch(/模型复核（m1）/);
  });

  it("drops a span the text does not contain (an invented quote)", () => {
    expect(verifyItem(item("错别字", "认真布置平安", "认真部署平安"), text, whole(text), "m")).toEqual({ ok: false, reason: "not_verbatim" });
  });

  it("drops a span that occurs twice, since it cannot be placed", () => {
    const t = "加强工作。加强工作。";
    expect(verifyItem(item("错别字", "加强工作", "加墙工作"), t, whole(t), "m")).toEqual({ ok: false, reason: "ambiguous" });
  });

  it("drops a typo suggestion of another length, or one that rewrites more than a few characters", () => {
    expect(verifyItem(item("错别字", "认真布署平安", "认真部署了平安"), text, whole(text), "m")).toMatchObject({ ok: false, reason: "length_changed" });
    expect(verifyItem(item("错别字", "认真布署平安建设", "全面推进综合治理"), text, whole(text), "m")).toMatchObject({ ok: false, reason: "too_wide" });
    expect(verifyItem(item("错别字", "认真布署平安", "认真布署平安"), text, whole(text), "m")).toMatchObject({ ok: false, reason: "no_change" });
  });

  it("never lets a figure change, in digits or in Chinese numerals", () => {
    expect(verifyItem(item("错别字", "纠纷1260件", "纠纷1250件"), text, whole(text), "m")).toMatchObject({ ok: false, reason: "figure_touched" });
    const t = "召开专题会议三次，部署工作。";
    expect(verifyItem(item("错别字", "会议三次", "会议五次"), t, whole(t), "m")).toMatchObject({ ok: false, reason: "figure_touched" });
  });

  it("never corrects a quoted name: a slip the model sees there becomes a query with no suggestion", () => {
    const t = "深化“枫桥式派出所”创建，推动工作落实。";
    const v = verifyItem(item("错别字", "“枫桥式派出所”", "“风桥式派出所”"), t, whole(t), "m");
    expect(v).toMatchObject({ ok: true, finding: { kind: "typo", severity: "info", text: "枫" } });
    if (v.ok) {
      expect(v.finding.suggestion).toBeUndefined();
      expect(v.finding.message).toMatch(/请与原始材料核对/);
    }
  });

  it("never corrects a person's or a unit's name either, and takes the model's own 存疑 as a query", () => {
    const t = "城南街道派出所所长王建国带队走访，化解纠纷十余起。";
    const v = verifyItem(item("错别字", "所长王建国带", "所长王健国带"), t, whole(t), "m");
    expect(v).toMatchObject({ ok: true, finding: { severity: "info", text: "建" } });
    if (v.ok) expect(v.finding.suggestion).toBeUndefined();
    const q = verifyItem(item("存疑", "城南街道派出所", ""), t, whole(t), "m");
    expect(q).toMatchObject({ ok: true, finding: { kind: "typo", severity: "info", text: "城南街道派出所" } });
    if (q.ok) expect(q.finding.suggestion).toBeUndefined();
    // An ordinary word right after the name is corrected as usual.
    const w = "派出所所长王建国带队走方群众。";
    expect(verifyItem(item("错别字", "带队走方群众", "带队走访群众"), w, whole(w), "m")).toMatchObject({ ok: true, finding: { text: "方", suggestion: "访" } });
  });

  it("takes a 的/地/得 slip as a same-length typo, and two adjacent slips in one excerpt", () => {
    const t = "各项工作开展的扎实有效，群众满意度稳部提高。";
    expect(verifyItem(item("错别字", "开展的扎实", "开展得扎实"), t, whole(t), "m")).toMatchObject({ ok: true, finding: { text: "的", suggestion: "得" } });
    const u = "认真布暑平安建设。";
    expect(verifyItem(item("错别字", "认真布暑平安", "认真部署平安"), u, whole(u), "m")).toMatchObject({ ok: true, finding: { text: "布暑", suggestion: "部署" } });
  });

  it("keeps a 语病 fix that adds words when no figure or name changes", () => {
    const t = "通过开展专项行动，使全县治安形势持续好转。";
    const v = verifyItem(item("语病", "通过开展专项行动，使全县", "开展专项行动，全县"), t, whole(t), "m");
    expect(v).toMatchObject({ ok: true, finding: { kind: "grammar", suggestion: "开展专项行动，全县" } });
    const t2 = "全县组织开展矛盾纠纷排查。";
    expect(verifyItem(item("语病", "全县组织开展矛盾纠纷排查", "全县组织开展矛盾纠纷排查化解工作"), t2, whole(t2), "m")).toMatchObject({ ok: true, finding: { suggestion: "全县组织开展矛盾纠纷排查化解工作" } });
  });

  it("keeps a 语病 without a suggestion that would change a figure", () => {
    const v = verifyItem(item("语病", "全年化解矛盾纠纷1260件", "全年化解矛盾纠纷1300件"), text, whole(text), "m");
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.finding.kind).toBe("grammar");
      expect(v.finding.suggestion).toBeUndefined();
    }
  });

  it("drops a 语病 that quotes a whole paragraph rather than a clause", () => {
    const t = Array.from({ length: 120 }, (_, i) => String.fromCharCode(0x4e00 + i * 37)).join("");
    expect(verifyItem(item("语病", t.slice(0, 90)), t, whole(t), "m")).toMatchObject({ ok: false, reason: "too_wide" });
  });

  it("rejects items of an unknown type and malformed items", () => {
    expect(verifyItem(item("标点", "布署平安", "部署平安"), text, whole(text), "m")).toMatchObject({ ok: false, reason: "unknown_type" });
    expect(verifyItem({ 原文: 42 }, text, whole(text), "m")).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("reads a JSON reply inside code fences and refuses prose", () => {
    expect(parseModelReply('好的：\n```json\n{"items": [{"类型": "错别字"}]}\n```')).toHaveLength(1);
    expect(parseModelReply("我没有发现问题。")).toBeNull();
    expect(parseModelReply('{"items": "none"}')).toBeNull();
  });

  it("a model finding on a span the rules flagged already is not shown twice", () => {
    const rule: Finding = { kind: "typo", severity: "warning", start: 4, end: 5, text: "布", message: "r", suggestion: "部" };
    const model: Finding = { ...rule, message: "m", engine: "m" };
    const other: Finding = { ...rule, start: 10, end: 11, engine: "m" };
    expect(mergeModelFindings([rule], [model, other])).toEqual([other]);
    // The same fix over a wider span says the same thing.
    const wider: Finding = { kind: "typo", severity: "warning", start: 4, end: 6, text: "布署", message: "m", suggestion: "部署", engine: "m" };
    expect(mergeModelFindings([rule], [wider])).toEqual([]);
  });

  it("where a rule and the model propose different fixes for the same words, both are shown and neither is taken by “take all”", () => {
    const rule: Finding = { kind: "typo", severity: "warning", start: 4, end: 6, text: "权力", message: "r", suggestion: "权利" };
    const model: Finding = { kind: "typo", severity: "warning", start: 4, end: 6, text: "权力", message: "m", suggestion: "权益", engine: "m" };
    expect(mergeModelFindings([rule], [model])).toEqual([model]);
    expect([...conflictingSuggestions([rule, model])]).toEqual([rule, model]);
    const far: Finding = { ...model, start: 20, end: 22 };
    expect(conflictingSuggestions([rule, far]).size).toBe(0);
  });

  it("the prompt states the points a model noticed: line edges, adjacent slips, 的/得 as 错别字, 语病 fixes that add words, 存疑 for names", () => {
    const sys = prompts.render("check-proofread", { text: "x" })[0].content;
    expect(sys).toMatch(/一行开头或结尾时/);
    expect(sys).toMatch(/相邻或相隔不到三个字/);
    expect(sys).toMatch(/“的、地、得”.*算错别字/);
    expect(sys).toMatch(/语病的“修改”可以增删字词.*不得改变事实/);
    expect(sys).toMatch(/“存疑”.*“修改”必须留空/);
  });
});

describe("chunking for the model", () => {
  it("keeps paragraphs whole, covers the text in order and respects the limit", () => {
    const paras = Array.from({ length: 12 }, (_, i) => `第${i + 1}段。${"平安建设扎实推进，".repeat(8 + (i % 5))}`);
    const text = paras.join("\n");
    const chunks = chunkForModel(text, 300);
    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 0; i < chunks.length; i++) {
      expect(chunks[i].end - chunks[i].start).toBeLessThanOrEqual(300);
      if (i > 0) expect(chunks[i].start).toBe(chunks[i - 1].end);
      const prev = chunks[i].start === 0 ? "\n" : text[chunks[i].start - 1];
      expect(prev).toBe("\n"); // starts at a paragraph
    }
    expect(chunks[0].start).toBe(0);
    expect(chunks.at(-1)!.end).toBe(text.length);
  });

  it("cuts a paragraph longer than the limit at sentence ends", () => {
    const text = "综治中心实体化运行。".repeat(60);
    const chunks = chunkForModel(text, 200);
    for (const c of chunks) expect(text[c.end - 1]).toBe("。");
    expect(chunks.at(-1)!.end).toBe(text.length);
  });
});

describe("the model pass against a fake server", () => {
  let fake: FakeOpenAI | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });
  const modelFor = (url: string, timeoutMs = 5000) =>
    createChatModel({ baseURL: url, apiKey: "k", model: "fake-proof", timeoutMs, maxRetries: 0, concurrency: 2 }, silentLogger)!;

  it("keeps verified findings, drops invented spans and figure edits, and labels what it keeps", async () => {
    const text = "一年来，我委认真布署各项工作。\n全年排查化解矛盾纠纷2360件，群众满意度持续提升。";
    fake = await startFakeOpenAI(() => ({
      kind: "text",
      text: JSON.stringify({
        items: [
          item("错别字", "认真布署各项", "认真部署各项", "“布署”应为“部署”"),
          item("错别字", "认真布置各项", "认真部署各项"), // not in the text
          item("错别字", "纠纷2360件", "纠纷2380件"), // a figure
          item("语病", "群众满意度持续提升", "", "主语与谓语搭配欠妥"),
        ],
      }),
    }));
    const r = await proofreadWithModel(text, modelFor(fake.url), prompts, { chunkChars: 2000 });
    expect(r.engine).toBe("fake-proof");
    expect(r.findings.map((f) => [f.kind, f.text, f.suggestion ?? null])).toEqual([
      ["typo", "布", "部"],
      ["grammar", "群众满意度持续提升", null],
    ]);
    expect(r.findings.every((f) => f.engine === "fake-proof")).toBe(true);
    expect(r.rejected).toEqual({ not_verbatim: 1, figure_touched: 1 });
    expect(r.warnings).toEqual([]);
    // The text went to the model between the data markers.
    expect(quoted(fake.chatRequests()[0])).toBe(text);
  });

  it("gives offsets into the whole text when it proofreads in several calls", async () => {
    const first = `${"政法队伍建设持续加强，".repeat(20)}`;
    const text = `${first}\n全县深入开展平安创建，扎实推进网格化管理。`;
    fake = await startFakeOpenAI((req) => {
      const t = quoted(req);
      return { kind: "text", text: JSON.stringify({ items: t.includes("网格化") ? [item("错别字", "扎实推进网格", "扎实推近网格")] : [] }) };
    });
    const r = await proofreadWithModel(text, modelFor(fake.url), prompts, { chunkChars: 230 });
    expect(r.chunks).toBe(2);
    expect(r.findings).toHaveLength(1);
    expect(text.slice(r.findings[0].start, r.findings[0].end)).toBe("进");
  });

  it("survives garbage output and a model that never answers: rules are untouched, the gap is said", async () => {
    const text = "第一段文字，推进平安建设。\n第二段文字，深化法治建设。";
    let n = 0;
    fake = await startFakeOpenAI(() => (n++ === 0 ? { kind: "text", text: "抱歉，我无法完成这个任务。" } : { kind: "hang" }));
    const r = await proofreadWithModel(text, modelFor(fake.url, 1000), prompts, { chunkChars: 15, concurrency: 1 });
    expect(r.chunks).toBe(2);
    expect(r.findings).toEqual([]);
    expect(r.failedChunks).toBe(2);
    expect(r.warnings.join("\n")).toMatch(/模型复核有 1 段未完成：模型返回的内容不是约定的格式，无法识别为复核结果/);
    expect(r.warnings.join("\n")).not.toMatch(/JSON/);
    expect(r.warnings.join("\n")).toMatch(/只有规则检查的结果/);
  }, 15000);

  it("POST /api/check/model streams progress and the verified findings; without a model it says so", async () => {
    fake = await startFakeOpenAI(() => ({ kind: "text", text: JSON.stringify({ items: [item("错别字", "认真布署各项", "认真部署各项")] }) }));
    const t = await makeTestDeps({ env: { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-proof", LLM_API_KEY: "k", CHECK_WORKERS: "0" } });
    try {
      const app = createApp(t.deps);
      const res = await app.request("/api/check/model", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "一年来，我委认真布署各项工作。" }) });
      expect(res.status).toBe(200);
      const events = new SseParser().push(await res.text());
      for (const e of events) expect(ModelCheckEventSchema.safeParse(e).error, e.event).toBeUndefined();
      const progress = events.filter((e) => e.event === "progress");
      expect(progress).toHaveLength(1);
      expect(progress[0].data).toMatchObject({ done: 1, total: 1, findings: [{ kind: "typo", text: "布", suggestion: "部", engine: "fake-proof" }] });
      expect(events.at(-1)).toMatchObject({ event: "done", data: { engine: "fake-proof", kept: 1, failedChunks: 0, rejected: {} } });
    } finally {
      await t.cleanup();
    }
    const offline = await makeTestDeps({ env: { CHECK_WORKERS: "0" } });
    try {
      const res = await createApp(offline.deps).request("/api/check/model", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "文字" }) });
      expect(res.status).toBe(503);
      expect((await res.json()).error).toMatchObject({ code: "unavailable:model" });
    } finally {
      await offline.cleanup();
    }
  }, 30000);
});

describe("zongjie check --model", () => {
  let fake: FakeOpenAI | null = null;
  const saved = { ...process.env };
  afterEach(async () => {
    await fake?.close();
    fake = null;
    for (const k of ["LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY"]) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
  });

  const io = () => {
    let out = "";
    let err = "";
    const sink = (add: (s: string) => void) => new Writable({ write(c, _e, cb) { add(c.toString()); cb(); } });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cli-model-"));
    return { ctx: { dataDir, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), isTTY: false }, out: () => out, err: () => err, dataDir };
  };

  it("adds the model's verified findings, labelled with its name, to the rule findings", async () => {
    // A misspelling the offline typo rule does not know (a rare character), so the model's finding is not a duplicate.
    fake = await startFakeOpenAI(() => ({ kind: "text", text: JSON.stringify({ items: [item("错别字", "认真部罟各项", "认真部署各项")] }) }));
    Object.assign(process.env, { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-proof", LLM_API_KEY: "k" });
    const file = path.join(os.tmpdir(), `zongjie-model-${process.pid}.txt`);
    writeFileSync(file, "一年来，我委认真部罟各项工作，全年排查XX件。\n");
    const t = io();
    try {
      expect(await check([file, "--rules-only", "--model", "--json"], t.ctx)).toBe(0);
      const body = JSON.parse(t.out());
      const model = body.findings.filter((f: Finding) => f.engine === "fake-proof");
      expect(model).toMatchObject([{ kind: "typo", text: "罟", suggestion: "署" }]);
      expect(body.findings.some((f: Finding) => f.kind === "placeholder" && !f.engine)).toBe(true);
      expect(t.err()).toMatch(/模型复核 fake-proof/);
    } finally {
      rmSync(file, { force: true });
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  it("refuses --model with no model configured, naming what to set", async () => {
    delete process.env.LLM_BASE_URL;
    const file = path.join(os.tmpdir(), `zongjie-model-none-${process.pid}.txt`);
    writeFileSync(file, "推进平安建设。\n");
    const t = io();
    try {
      expect(await check([file, "--rules-only", "--model"], t.ctx)).not.toBe(0);
      expect(t.err()).toMatch(/未配置模型（LLM_BASE_URL/);
    } finally {
      rmSync(file, { force: true });
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});

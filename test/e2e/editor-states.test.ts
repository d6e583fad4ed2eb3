/**
 * The editor's states of issue 20, in real Chromium against the real server: a GBK facts file, stop and export,
 * undo and redo, the 成文日期 through export → import → export, 全部采用建议 renumbering headings, a search that
 * matches nothing. Drafting goes to the fake OpenAI-compatible server under test/, which streams slowly, so the
 * stop lands mid-draft. Screenshots go to test-results/screenshots/ (and to E2E_SCREENS when it is set).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { goodSectionText, startFakeOpenAI, type FakeOpenAI } from "../fake-openai/server.ts";
import { ROOT, SHOTS, buildEditor, collectScriptErrors, haveChromium, openBrowser, prepareShots, recordFailure, shot, startZongjie, type Zongjie } from "./harness.ts";

const FACTS = readFileSync(path.join(ROOT, "test/fixtures/facts/tidy.txt"), "utf8");

/** GBK bytes of a text (what Windows Notepad's “ANSI” writes), from the platform's GB18030 decoder run backwards. */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) table.set(dec.decode(Uint8Array.of(hi, lo)), [hi, lo]);
  return Uint8Array.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? [0x3f]))));
}

/** The text of a .docx's body, paragraph by paragraph. */
function docxLines(file: string): string[] {
  const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(file)))["word/document.xml"]);
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("")).filter(Boolean);
}

/** A screenshot under test-results/screenshots/, copied to E2E_SCREENS too when that folder is given. */
async function picture(page: Page, name: string) {
  await shot(page, name);
  const extra = process.env.E2E_SCREENS;
  if (extra) {
    mkdirSync(extra, { recursive: true });
    copyFileSync(path.join(SHOTS, `${name}.png`), path.join(extra, `${name}.png`));
  }
}

describe.skipIf(!haveChromium || Boolean(process.env.E2E_BASE_URL))("editor states in Chromium", () => {
  let fake: FakeOpenAI;
  let server: Zongjie;
  let browser: Browser;
  let page: Page;
  let scriptErrors: string[] = [];

  beforeAll(async () => {
    await buildEditor();
    prepareShots("states-failed-");
    // Slow enough that 停止生成 lands while sections are still pending, one section at a time.
    fake = await startFakeOpenAI((req) => ({ kind: "text", text: goodSectionText(req), chunkSize: 4, chunkDelayMs: 120 }));
    server = await startZongjie({ LLM_BASE_URL: fake.url, LLM_API_KEY: "sk-e2e-states", LLM_MODEL: "fake-slow", LLM_CONCURRENCY: "1" });
    ({ browser, page } = await openBrowser());
    scriptErrors = collectScriptErrors(page);
  }, 180_000);

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(() => recordFailure(page, server, "states-failed-", task.name));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  it("imports a GBK facts file without mojibake, and says 文件为空 for an empty one", async () => {
    await page.goto(`${server.base}/`);
    const empty = path.join(server.dataDir, "空白.txt");
    writeFileSync(empty, "");
    await page.getByLabel("导入事实文件").setInputFiles(empty);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/文件为空/);

    const file = path.join(server.dataDir, "要点-记事本.txt");
    writeFileSync(file, gbk(FACTS));
    await page.getByLabel("导入事实文件").setInputFiles(file);
    const box = page.getByRole("textbox", { name: "事实材料" });
    await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toContain("调解成功6150件");
    const text = await box.inputValue();
    expect(text).toMatch(/^单位：东城区委政法委/);
    expect(text).not.toContain("\uFFFD");
  });

  it("shows each fact in full, wrapped, in the outline", async () => {
    await page.getByRole("button", { name: "提出提纲" }).click();
    await page.locator("ol.outline").waitFor({ timeout: 30_000 });
    const facts = page.locator("ul.facts-in-section .fact-text");
    await expect.poll(() => facts.count()).toBeGreaterThan(3);
    const fit = await facts.evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? "", scroll: e.scrollWidth, client: e.clientWidth, height: e.clientHeight, line: Number.parseFloat(getComputedStyle(e).lineHeight) })));
    for (const f of fit) expect(f.scroll, f.text).toBeLessThanOrEqual(f.client + 1);
    // A long fact takes more than one line rather than being cut.
    expect(fit.some((f) => f.height > f.line * 1.5)).toBe(true);
    await picture(page, "outline-facts-wrapped");
  });

  it("stops generation: 已停止, the written sections kept, export enabled with 【待补】 for the rest", { timeout: 120_000 }, async () => {
    await page.getByRole("button", { name: "生成初稿" }).click();
    await expect
      .poll(async () => page.locator("textarea.section-text").evaluateAll((els) => els.filter((e) => (e as HTMLTextAreaElement).value.length > 30).length), { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(2);
    await page.getByRole("button", { name: "停止生成" }).click();
    const notice = page.locator(".draft > .notice");
    await expect.poll(() => notice.textContent()).toContain("已停止生成");
    // Not reported as a broken connection, nor as sections that failed.
    expect((await page.getByRole("alert").allTextContents()).filter((t) => /连接中断|生成失败/.test(t))).toEqual([]);
    expect(await page.getByText("本节未写完（已停止生成）").count()).toBeGreaterThan(0);
    const exportButton = page.getByRole("button", { name: "导出 .docx" });
    await expect.poll(() => exportButton.isEnabled()).toBe(true);
    await picture(page, "stopped-notice");
    const [download] = await Promise.all([page.waitForEvent("download"), exportButton.click()]);
    const file = path.join(server.dataDir, "stopped.docx");
    await download.saveAs(file);
    const lines = docxLines(file);
    expect(lines).toContain("【待补】");
    // What was written before the stop is in the export.
    const written = (await page.locator("textarea.section-text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))).filter((t) => t.length > 30);
    for (const t of written) expect(lines.join("\n")).toContain(t.split("\n")[0].slice(0, 20));
  });

  it("undoes and redoes typing, a lock and a regeneration from the toolbar and with Ctrl+Z / Ctrl+Shift+Z", { timeout: 120_000 }, async () => {
    // Finish the draft first (regenerate the whole of it), so every section has text.
    await page.getByRole("button", { name: "生成初稿" }).click();
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 100_000 }).toContain("已保存");
    const undo = page.getByRole("button", { name: "撤销", exact: true });
    const redo = page.getByRole("button", { name: "重做", exact: true });
    const area = page.locator("article.section-card.level-2 textarea.section-text").first();
    const before = await area.inputValue();
    await area.click();
    await area.press("End");
    await area.pressSequentially("补充一句。", { delay: 30 });
    expect(await area.inputValue()).toBe(`${before}补充一句。`);
    await picture(page, "undo-buttons");
    await area.press("Control+z");
    await expect.poll(() => area.inputValue()).toBe(before);
    await area.press("Control+Shift+z");
    await expect.poll(() => area.inputValue()).toBe(`${before}补充一句。`);
    await undo.click();
    await expect.poll(() => area.inputValue()).toBe(before);
    await redo.click();
    await expect.poll(() => area.inputValue()).toBe(`${before}补充一句。`);

    // Locking is a step too.
    const card = page.locator("article.section-card.level-2").nth(1);
    await card.getByRole("button", { name: "锁定" }).click();
    await expect.poll(() => card.getByRole("button", { name: "已锁定" }).count()).toBe(1);
    await undo.click();
    await expect.poll(() => card.getByRole("button", { name: "锁定" }).count()).toBe(1);

    // A regenerated section comes back with one undo.
    const third = page.locator("article.section-card.level-2").nth(2).locator("textarea.section-text");
    await third.fill("手工改写的一节。");
    await page.locator("article.section-card.level-2").nth(2).getByRole("button", { name: "重新生成" }).click();
    await expect.poll(() => third.inputValue(), { timeout: 30_000 }).not.toBe("手工改写的一节。");
    await undo.click();
    await expect.poll(() => third.inputValue()).toBe("手工改写的一节。");
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 15_000 }).toContain("已保存");
  });

  it("keeps the 成文日期, the 结尾 and the 落款 through export → import → export", { timeout: 90_000 }, async () => {
    const date = page.getByLabel("成文日期");
    await date.fill("2026-12-06");
    await picture(page, "date-field");
    const exportDocx = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出 .docx" }).click()]);
      const file = path.join(server.dataDir, name);
      await download.saveAs(file);
      return file;
    };
    const first = await exportDocx("first.docx");
    const firstLines = docxLines(first);
    expect(firstLines.at(-1)).toBe("2026年12月6日");
    expect(firstLines.at(-2)).toBe("东城区委政法委");

    const before = page.url();
    await page.getByLabel("导入 .docx 稿件").setInputFiles(first);
    await expect.poll(() => /\?d=/.test(page.url()) && page.url() !== before, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByLabel("成文日期").inputValue()).toBe("2026-12-06");
    const second = await exportDocx("second.docx");
    expect(docxLines(second)).toEqual(firstLines);
    expect(docxLines(second).filter((l) => l === "东城区委政法委")).toHaveLength(1);
  });

  it("全部采用建议 renumbers 一、三、四、 to 一、二、三、 through re-checks, shows the batch and undoes it", async () => {
    await page.getByRole("link", { name: "检查" }).click();
    const text = ["某区2025年工作总结", "一、平安建设", "全年开展平安创建活动。", "三、法治建设", "推进法治宣传教育。", "四、队伍建设", "加强干部培训。"].join("\n");
    await page.getByLabel("粘贴待检查文本").fill(text);
    await page.getByRole("button", { name: "检查粘贴的文本" }).click();
    await page.getByRole("button", { name: /^全部采用建议/ }).click();
    const checked = page.locator(".checked-text");
    await expect.poll(() => checked.textContent(), { timeout: 30_000 }).toContain("二、法治建设");
    expect(await checked.textContent()).toContain("三、队伍建设");
    await expect.poll(() => page.locator(".batch-note").textContent()).toContain("已采用 2 条建议");
    await picture(page, "apply-all-batch");
    await page.getByRole("button", { name: "撤销这批修改" }).click();
    expect(await page.getByLabel("粘贴待检查文本").inputValue()).toBe(text);
  });

  it("says 未找到相关段落 for words the archive lacks, and offers the nearest as 相近内容", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "素材库检索" }).click();
    const box = page.getByRole("searchbox", { name: "检索内容" });
    await box.fill("量子芯片封装良率");
    await box.press("Enter");
    await expect.poll(() => page.locator(".no-match").textContent(), { timeout: 20_000 }).toContain("未找到相关段落");
    expect(await page.getByRole("heading", { name: /相近内容/ }).count()).toBe(1);
    expect(await page.locator(".result-count").count()).toBe(0);
    await picture(page, "search-no-match");
    await box.fill("矛盾纠纷排查化解");
    await box.press("Enter");
    await expect.poll(() => page.locator(".result-count").textContent(), { timeout: 20_000 }).toMatch(/找到 \d+ 段/);
    expect(await page.locator(".no-match").count()).toBe(0);
  });

  it("ran without a script error", () => {
    expect(scriptErrors).toEqual([]);
  });
});

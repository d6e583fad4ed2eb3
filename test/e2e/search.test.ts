/**
 * 素材库检索 end to end in real Chromium, against the real server and the sample archive: a draft is
 * written, then from the search page a passage is found, filtered, opened at its place in the
 * document and attached to the focused section, where the writing page shows it (and keeps it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, buildEditor, collectScriptErrors, recordFailure, expectNoOverlap, haveChromium, openBrowser, prepareShots, shot, startZongjie, type Zongjie } from "./harness.ts";

const FACTS = readFileSync(path.join(ROOT, "test/fixtures/facts/tidy.txt"), "utf8");

describe.skipIf(!haveChromium)("search page in Chromium", () => {
  let server: Zongjie;
  let browser: Browser;
  let page: Page;
  let base = "";
  let scriptErrors: string[] = [];
  let sectionHeading = "";

  beforeAll(async () => {
    await buildEditor();
    prepareShots("failed-search-");
    server = await startZongjie();
    ({ base } = server);
    ({ browser, page } = await openBrowser());
    scriptErrors = collectScriptErrors(page);
  }, 180_000);

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(() => recordFailure(page, server, "failed-search-", task.name));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a draft is written and one of its sections focused", async () => {
    await page.goto(`${base}/`);
    await page.getByRole("textbox", { name: "事实材料" }).fill(FACTS);
    await page.getByRole("textbox", { name: "事实材料" }).press("Control+Enter");
    await expect.poll(() => page.locator("article.section-card").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 60_000 }).toContain("已保存");
    const card = page.locator("article.section-card.level-2").nth(1);
    sectionHeading = (await card.locator("h3").textContent())!.trim();
    await card.locator("textarea").click();
    expect(sectionHeading.length).toBeGreaterThan(2);
  }, 120_000);

  it("searches from the header with the keyboard and filters the results", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "素材库检索" }).click();
    expect(new URL(page.url()).pathname).toBe("/search");
    const box = page.getByRole("searchbox", { name: "检索内容" });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    // The section focused on the writing page is where passages will go.
    expect(await page.getByRole("combobox", { name: "添加到初稿的哪一节" }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0].text)).toBe(sectionHeading);

    await page.keyboard.type("矛盾纠纷排查化解");
    await page.keyboard.press("Enter");
    const results = page.locator("article.result");
    await expect.poll(() => results.count()).toBeGreaterThan(3);
    expect(await results.first().locator(".result-title").textContent()).toMatch(/^《.+》$/);
    expect(await results.first().locator(".result-text mark").count()).toBeGreaterThan(0);
    const marked = await results.first().locator(".result-text mark").allTextContents();
    expect(marked.every((m) => m.length >= 2 && m.split("").every((ch) => "矛盾纠纷排查化解".includes(ch)))).toBe(true);
    await shot(page, "search-results");
    await expectNoOverlap(page, [".search-bar", ".search-filters", ".search-results"]);

    // 问题 only: every passage comes from a problems section.
    await page.getByRole("button", { name: "问题", exact: true }).click();
    await expect.poll(async () => (await results.locator(".role").allTextContents()).every((r) => r === "问题") && (await results.count()) > 0).toBe(true);
    await page.getByRole("button", { name: "问题", exact: true }).click();

    // One year: every passage shows it.
    await page.getByLabel("起始年度").fill("2021");
    await page.getByLabel("截止年度").fill("2021");
    await expect.poll(async () => {
      const years = await results.locator(".result-year").allTextContents();
      return years.length > 0 && years.length === (await results.count()) && years.every((y) => y === "2021 年");
    }).toBe(true);

    // County level only: the sample archive has one county report.
    await page.getByLabel("起始年度").fill("");
    await page.getByLabel("截止年度").fill("");
    await page.getByRole("button", { name: "县级" }).click();
    await expect.poll(async () => new Set(await results.locator(".result-title").allTextContents())).toEqual(new Set(["《X县政法工作汇报》"]));
    await shot(page, "search-filtered");
    await page.getByRole("button", { name: "清除全部" }).click();
    await expect.poll(async () => new Set(await results.locator(".result-title").allTextContents()).size).toBeGreaterThan(1);
  });

  it("attaches a passage with A and opens it at its place with Enter; Esc comes back to the results", async () => {
    const box = page.getByRole("searchbox", { name: "检索内容" });
    await box.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const second = page.locator("article.result").nth(1);
    expect(await second.evaluate((el) => el === document.activeElement)).toBe(true);
    const text = (await second.locator(".result-text").textContent())!;
    const title = (await second.locator(".result-title").textContent())!.replace(/^《|》$/g, "");

    await page.keyboard.press("a");
    await expect.poll(() => page.locator(".attach-bar .notice").textContent()).toBe(`已添加到“${sectionHeading}”的参考材料`);
    expect(await second.getByRole("button", { name: "已在本节" }).count()).toBe(1);

    await page.keyboard.press("Enter");
    await page.locator("mark.passage").first().waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/corpus\//);
    expect(new URL(page.url()).hash).toMatch(/^#at=\d+-\d+$/);
    expect(await page.locator(".corpus-doc h2").textContent()).toBe(title);
    expect(await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "素材库检索" }).getAttribute("aria-current")).toBe("page");
    const shown = (await page.locator("mark.passage").allTextContents()).join("");
    expect(shown).toBe(text);
    // Scrolled to: the marked passage is inside the visible part of the page.
    const box2 = await page.locator("mark.passage").first().boundingBox();
    expect(box2!.y).toBeGreaterThan(0);
    expect(box2!.y).toBeLessThan(768);
    await shot(page, "search-opened-passage");

    await page.keyboard.press("Escape");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/search");
    expect(await page.locator("article.result").count()).toBeGreaterThan(1);
    expect(await page.getByRole("searchbox", { name: "检索内容" }).inputValue()).toBe("矛盾纠纷排查化解");
  });

  it("the writing page shows the attached passage under the section, and a reload keeps it", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "起草" }).click();
    const attached = page.locator(".sources .source").filter({ has: page.locator(".pill", { hasText: "手动添加" }) });
    await attached.first().waitFor();
    expect(await page.locator(".sources .panel-title").textContent()).toContain(sectionHeading);
    await shot(page, "search-attached-source");
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 15_000 }).toContain("已保存");
    await page.reload();
    await page.locator("article.section-card").first().waitFor({ timeout: 15_000 });
    await page.locator("article.section-card.level-2").nth(1).locator("textarea").click();
    await page.locator(".sources .source .pill", { hasText: "手动添加" }).first().waitFor();
    expect(scriptErrors).toEqual([]);
  });

  it("uploads several files at once on the corpus page and lists each file's outcome", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "材料库" }).click();
    await page.locator("table.table tbody tr").first().waitFor();
    const fresh = path.join(server.dataDir, "海淀区委政法委2024年工作总结.txt");
    writeFileSync(fresh, "海淀区委政法委2024年工作总结\n\n2024年，海淀区委政法委坚持稳中求进，现将有关情况总结如下：\n\n一、主要工作及成效\n\n全年化解矛盾纠纷4100件。\n\n二、存在的问题\n\n网格力量仍需充实。\n");
    const bad = path.join(server.dataDir, "setup.exe");
    writeFileSync(bad, "MZ\u0000\u0001");
    // A sample the server ingested at first start, sent again unchanged.
    const again = path.join(ROOT, "corpus", "000_e0d1f4ebb38b7fad.txt");
    await page.getByLabel("选择要上传的材料").setInputFiles([fresh, again, bad]);
    const summary = page.locator(".upload-summary");
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toBe("上传完成：已收录 1 篇，重复 1 篇，失败 1 个");
    const rows = await page.locator(".outcomes li").allTextContents();
    expect(rows[0]).toMatch(/^已收录海淀区委政法委2024年工作总结\.txt/);
    expect(rows[1]).toMatch(/^重复，未收录000_e0d1f4ebb38b7fad\.txt.*未重复/);
    expect(rows[2]).toMatch(/^失败setup\.exe.*setup\.exe/);
    // The list refreshes after the uploads: wait for it rather than read it once.
    await expect.poll(() => page.locator(".corpus-list h2").textContent(), { timeout: 30_000 }).toContain("共 6 篇");
    await expect.poll(() => page.locator("header .hint").last().textContent()).toContain("材料库 6 篇");
    await shot(page, "corpus-bulk-upload");
    expect(scriptErrors).toEqual([]);
  });
});

/**
 * End to end in real Chromium: the built editor served by the real server (spawned with a temp data
 * folder and a free port), driven through a whole summary — facts → outline → streamed draft →
 * sources → check → export. Screenshots of the main screens go to test-results/screenshots/.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph, TextRun } from "docx";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, buildEditor, collectScriptErrors, recordFailure, expectNoOverlap, haveChromium, openBrowser, prepareShots, shot, startZongjie, type Zongjie } from "./harness.ts";

const FACTS = readFileSync(path.join(ROOT, "test/fixtures/facts/tidy.txt"), "utf8");
const PLANTED = "全年共开展专项行动XX次,成效明显。";
// A long heading with a half-width comma: it must wrap in the outline and be fixable from the check page.
const LONG_HEADING = "坚持和发展新时代枫桥经验,推动矛盾纠纷源头预防、多元化解、就地解决，持续提升基层社会治理现代化水平";

describe.skipIf(!haveChromium)("editor in Chromium", () => {
  let server: Zongjie;
  let browser: Browser;
  let page: Page;
  let base = "";
  let dataDir = "";
  let scriptErrors: string[] = [];

  beforeAll(async () => {
    await buildEditor();
    prepareShots();
    server = await startZongjie();
    ({ base, dataDir } = server);
    ({ browser, page } = await openBrowser());
    scriptErrors = collectScriptErrors(page);
  }, 180_000);

  // A failing step leaves a picture of the page behind, next to the screenshots.
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(() => recordFailure(page, server, "failed-", task.name));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the corpus page lists the archive, uploads with progress and shows a cleaned document", async () => {
    await page.goto(`${base}/corpus`);
    await expect.poll(() => page.locator("header .engine").textContent()).toBe("离线引擎");
    const upload = path.join(dataDir, "西城区委政法委2023年工作总结.txt");
    writeFileSync(
      upload,
      "西城区委政法委2023年工作总结\n\n2023年，西城区委政法委坚持以习近平新时代中国特色社会主义思想为指导，现将有关情况总结如下：\n\n一、主要工作及成效\n\n（一）深化平安建设\n\n全区刑事案件发案数同比下降10%，群众安全感持续提升。\n\n二、存在的问题\n\n基层基础仍有薄弱环节。\n\n三、下一步工作打算\n\n持续深化平安西城建设。\n",
    );
    // Record every value the progress bar shows (a small file may jump straight to 100%).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (bar) seen.push(bar.getAttribute("aria-valuenow") ?? "");
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByLabel("选择要上传的材料").setInputFiles(upload);
    await expect.poll(() => page.locator(".outcomes li").first().textContent(), { timeout: 60_000 }).toContain("西城区委政法委2023年工作总结.txt");
    expect(await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress.length)).toBeGreaterThan(0);
    const rows = page.locator("table.table tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(1);
    await shot(page, "corpus-list");
    await page.locator("table.table tbody tr button.link").first().click();
    await page.locator(".doc-text").waitFor();
    expect((await page.locator(".doc-text").textContent())!.length).toBeGreaterThan(50);
    await shot(page, "corpus-document");
    await expectNoOverlap(page, [".doc-main", ".doc-side"]);
  });

  it("writes a summary: facts → outline → streamed draft with sources beside a section", async () => {
    await page.goto(`${base}/`);
    // Facts kept in Word come in through the server's parser and land in the facts box as text.
    const factsDocx = path.join(dataDir, "要点.docx");
    const doc = new Document({ sections: [{ children: FACTS.split("\n").map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
    writeFileSync(factsDocx, new Uint8Array(await Packer.toArrayBuffer(doc)));
    await page.getByLabel("导入事实文件").setInputFiles(factsDocx);
    await expect.poll(() => page.getByRole("textbox", { name: "事实材料" }).inputValue()).toContain("调解成功6150件");
    expect(await page.getByRole("textbox", { name: "事实材料" }).inputValue()).toMatch(/^单位：东城区委政法委\n年度：2025/);

    await page.getByRole("textbox", { name: "事实材料" }).fill(FACTS);
    await page.getByRole("button", { name: "提出提纲" }).click();
    await page.locator("ol.outline").waitFor({ timeout: 30_000 });
    expect(await page.locator("ol.outline .outline-row.level-2").count()).toBeGreaterThanOrEqual(5);

    // A long heading wraps inside its row and is read whole; Enter adds no line break.
    const heading = page.locator("ol.outline .outline-row.level-2 textarea.rename").first();
    await heading.fill(LONG_HEADING);
    await heading.press("Enter");
    expect(await heading.inputValue()).toBe(LONG_HEADING);
    const fit = await heading.evaluate((el) => ({
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      lineHeight: Number.parseFloat(getComputedStyle(el).lineHeight),
    }));
    expect(fit.scrollHeight).toBeLessThanOrEqual(fit.clientHeight + 1);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth + 1);
    expect(fit.clientHeight).toBeGreaterThan(fit.lineHeight * 2);
    await expectNoOverlap(page, [
      "ol.outline .outline-row.level-2 .ordinal",
      "ol.outline .outline-row.level-2 textarea.rename",
      "ol.outline .outline-row.level-2 .outline-meta",
    ]);
    await shot(page, "outline");
    // Ctrl+Enter writes the draft (the same as the 生成初稿 button).
    await page.getByRole("textbox", { name: "事实材料" }).press("Control+Enter");
    const cards = page.locator("article.section-card");
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 60_000 }).toContain("已保存");
    const texts = await page.locator("textarea.section-text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(texts.filter((t) => t.trim().length > 20).length).toBeGreaterThanOrEqual(5);
    expect(texts.join("")).toContain("6200");
    expect(await page.locator("article.section-card.level-2 h3").first().textContent()).toBe(`（一）${LONG_HEADING}`);

    // Focus a work section: its past passages show on the right, with shared words marked.
    const workCard = page.locator("article.section-card.level-2").first();
    await workCard.locator("textarea").click();
    await page.locator(".source").first().waitFor({ timeout: 10_000 });
    expect(await page.locator(".source .source-title").first().textContent()).toMatch(/\S/);
    await shot(page, "writing");
    await expectNoOverlap(page, [".col.left", ".col.centre", ".col.right", ".app-head"]);

    await page.locator(".source").first().getByRole("button", { name: "查看原文" }).click();
    const passage = page.locator("mark.passage");
    await passage.waitFor();
    expect((await passage.textContent())!.length).toBeGreaterThan(10);
    expect(await passage.isVisible()).toBe(true);
    await shot(page, "source-document");
    await page.getByRole("button", { name: "关闭" }).click();
  }, 120_000);

  it("reloading the page keeps the draft", async () => {
    const before = await page.locator("textarea.section-text").first().inputValue();
    await page.reload();
    await page.locator("article.section-card").first().waitFor({ timeout: 15_000 });
    expect(page.url()).toContain("?d=");
    expect(await page.locator("textarea.section-text").first().inputValue()).toBe(before);

    // An edit followed at once by a reload (inside the autosave delay) survives too.
    const area = page.locator("textarea.section-text").first();
    await area.fill(`${before}刚刚补充的一句。`);
    await page.reload();
    await page.locator("article.section-card").first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator("textarea.section-text").first().inputValue()).toBe(`${before}刚刚补充的一句。`);
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 10_000 }).toContain("已保存");
  });

  it("rewrites a section as a diff, regenerates another and never regenerates a locked one", async () => {
    const cards = page.locator("article.section-card.level-2");
    const second = cards.nth(1);
    const area = second.locator("textarea");
    await area.fill("今年一共搞了3次专题培训,效果很好。");
    await second.getByRole("combobox", { name: "改写方式" }).selectOption("polish");
    const diff = second.getByRole("region", { name: "改写建议" });
    await diff.waitFor();
    expect(await diff.locator("del").count()).toBeGreaterThan(0);
    expect(await diff.locator("ins").count()).toBeGreaterThan(0);
    await shot(page, "rewrite-diff");
    await diff.getByRole("button", { name: "接受" }).click();
    const polished = await area.inputValue();
    expect(polished).not.toContain("搞了");
    expect(polished).toContain("3");

    // Regenerate brings the section back from its facts.
    await second.getByRole("button", { name: "重新生成" }).click();
    await expect.poll(() => area.inputValue(), { timeout: 20_000 }).not.toBe(polished);

    // A locked section cannot be regenerated.
    const third = cards.nth(2);
    await third.getByRole("button", { name: "锁定" }).click();
    expect(await third.getByRole("button", { name: "重新生成" }).isDisabled()).toBe(true);
    await third.getByRole("button", { name: "已锁定" }).click();
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 10_000 }).toContain("已保存");
  });

  it("a save from a stale second window is a conflict with a way out", async () => {
    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 10_000 }).toContain("已保存");
    const other = await page.context().newPage();
    await other.goto(page.url());
    const otherArea = other.locator("article.section-card.level-2 textarea").first();
    await otherArea.waitFor();
    await otherArea.fill("另一个窗口写下的文字。");
    await expect.poll(() => other.locator(".save-status").textContent(), { timeout: 10_000 }).toMatch(/已保存（第 \d+ 版/);
    await other.close();

    const area = page.locator("article.section-card.level-2 textarea").first();
    await area.fill("本窗口基于旧版本的修改。");
    const alert = page.locator(".conflict-bar");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("另一个窗口已保存较新的版本");
    await shot(page, "conflict");
    await alert.getByRole("button", { name: "载入最新版本" }).click();
    await expect.poll(() => page.locator("article.section-card.level-2 textarea").first().inputValue()).toBe("另一个窗口写下的文字。");
    expect(await page.locator(".conflict-bar").count()).toBe(0);
  });

  it("checks the draft, highlights a planted placeholder and fixes the title, a heading and a body", async () => {
    const titleBox = page.getByRole("textbox", { name: "标题", exact: true });
    const title = await titleBox.inputValue();
    await titleBox.fill(`${title}(送审稿)`);
    const area = page.locator("article.section-card.level-2 textarea").first();
    await area.click();
    await area.press("End");
    await area.pressSequentially(PLANTED);
    await page.getByRole("link", { name: "检查" }).click();
    await page.getByRole("button", { name: "检查当前初稿" }).click();
    const mark = page.locator("mark.finding.kind-placeholder");
    await mark.first().waitFor({ timeout: 30_000 });
    expect(await mark.allTextContents()).toContain("XX");
    await page.locator(".finding-item", { hasText: "占位符" }).first().locator("button.finding-jump").click();
    await expect.poll(() => mark.first().getAttribute("class")).toContain("active");
    await shot(page, "check");
    await expectNoOverlap(page, [".check-input", ".check-text", ".check-list"]);

    // A reuse finding shows the past passage beside the checked sentence.
    const reuse = page.locator(".finding-item", { hasText: "雷同" }).first();
    if (await reuse.count()) {
      await reuse.locator("button.finding-jump").click();
      await page.locator(".side-by-side").waitFor();
      expect(await page.locator(".side-by-side").textContent()).toContain("往年材料");
      await shot(page, "check-reuse");
    }

    // Half-width marks in the title, in the long heading and beside the placeholder are fixed from
    // here and in the draft too: one by one from its mark, then all at once.
    const bracket = page.locator("mark.finding.kind-punctuation").filter({ hasText: /^\($/ }).first();
    await bracket.click();
    await page.locator(".finding-item.active").getByRole("button", { name: /^采用建议/ }).click();
    await expect.poll(() => page.locator(".checked-text").textContent()).toContain(`${title}（送审稿)`);
    await page.getByRole("button", { name: /^全部采用建议/ }).click();
    // 全部采用建议 re-checks between rounds: wait for the batch to be done rather than read the text once.
    await page.locator(".batch-note").waitFor({ timeout: 30_000 });
    const fixed = (await page.locator(".checked-text").textContent())!;
    expect(fixed).toContain(`${title}（送审稿）\n`);
    expect(fixed).toContain("新时代“枫桥经验”，推动");
    expect(fixed).toContain("XX次，成效明显");
    await shot(page, "check-applied");
    await page.getByRole("link", { name: "起草" }).click();
    expect(await page.getByRole("textbox", { name: "标题", exact: true }).inputValue()).toBe(`${title}（送审稿）`);
    // the half-width comma is fixed, and the registry's form 新时代“枫桥经验” is taken too
    const fixedHeading = LONG_HEADING.replace(",", "，").replace("新时代枫桥经验", "新时代“枫桥经验”");
    expect(await page.locator("article.section-card.level-2 h3").first().textContent()).toBe(`（一）${fixedHeading}`);
    expect(await page.locator("ol.outline .outline-row.level-2 textarea.rename").first().inputValue()).toBe(fixedHeading);
    const texts = await page.locator("textarea.section-text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join("\n"));
    expect(texts).toContain("XX次，成效明显");

    // Any document can be checked: an uploaded file comes back with its text and the findings on it.
    await page.getByRole("link", { name: "检查" }).click();
    const doc = path.join(dataDir, "待查.txt");
    writeFileSync(doc, "某县委政法委2024年工作总结\n\n全年开展宣传活动X次，覆盖群众××人。\n");
    await page.getByLabel("上传待检查文档").setInputFiles(doc);
    await expect.poll(() => page.locator(".checked-text").textContent()).toContain("覆盖群众××人");
    expect(await page.locator("mark.finding.kind-placeholder").allTextContents()).toEqual(expect.arrayContaining(["××"]));
  });

  it("lists saved drafts to reopen", async () => {
    await page.getByRole("link", { name: "我的稿件" }).click();
    const rows = page.locator(".saved-list tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator(".saved-list tr.current").count()).toBe(1);
    await shot(page, "saved");
    await page.locator(".saved-list tr.current button.link").click();
    await page.locator("article.section-card").first().waitFor();
  });

  it("exports the draft as a .docx that opens as a Word document", { timeout: 60_000 }, async () => {
    await page.getByRole("link", { name: "起草" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出 .docx" }).click()]);
    const file = path.join(dataDir, "export.docx");
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(statSync(file).size).toBeGreaterThan(2000);
    const bytes = new Uint8Array(readFileSync(file));
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    const xml = new TextDecoder().decode(unzipSync(bytes)["word/document.xml"]);
    // Digits may sit in runs of their own (Times New Roman), so compare the text without tags.
    expect(xml.replace(/<[^>]+>/g, "")).toContain("6200");

    // The exported file comes back in as a draft of its own (import .docx), saved under a new id.
    const before = page.url();
    await page.getByLabel("导入 .docx 稿件").setInputFiles(file);
    // The import goes through the server, then the debounced autosave gives the imported draft an
    // id of its own: wait until the URL names a draft other than the one we started from.
    await expect.poll(() => /\?d=/.test(page.url()) && page.url() !== before, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator("article.section-card.level-2").count()).toBeGreaterThanOrEqual(5);
    const imported = await page.locator("textarea.section-text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join("\n"));
    expect(imported).toContain("6200");
  });

  it("deletes a corpus document after confirming", async () => {
    await page.getByRole("link", { name: "材料库" }).click();
    const rows = page.locator("table.table tbody tr");
    await rows.first().waitFor();
    const n = await rows.count();
    const row = rows.filter({ hasText: "西城区委政法委2023年工作总结" });
    page.once("dialog", (d) => void d.dismiss());
    await row.getByRole("button", { name: "删除" }).click();
    expect(await rows.count()).toBe(n);
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "删除" }).click();
    await expect.poll(() => rows.count()).toBe(n - 1);
  });

  it("ran the whole way without a script error or a CSP violation in the console", () => {
    expect(scriptErrors).toEqual([]);
  });
});

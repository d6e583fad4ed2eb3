/**
 * The editor with a model configured: the fake OpenAI-compatible server under test/ streams each
 * section slowly, so the browser shows text arriving section by section; the header names the
 * model and the API key never reaches the page.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI } from "../fake-openai/server.ts";
import { ROOT, buildEditor, haveChromium, openBrowser, prepareShots, shot, startZongjie, type Zongjie } from "./harness.ts";

const KEY = "sk-e2e-never-in-the-browser-7f3a";

describe.skipIf(!haveChromium || Boolean(process.env.E2E_BASE_URL))("editor with a model, in Chromium", () => {
  let fake: FakeOpenAI;
  let server: Zongjie;
  let browser: Browser;
  let page: Page;
  const seenBodies: string[] = [];

  beforeAll(async () => {
    await buildEditor();
    prepareShots("model-failed-");
    fake = await startFakeOpenAI((req) => {
      // A rewrite keeps every figure but claims an approval the original never had.
      const original = /<<<原文开始>>>\n([\s\S]*?)\n<<<原文结束>>>/.exec(lastUserMessage(req))?.[1];
      if (original) return { kind: "text", text: `${original.replace(/[。\s]+$/, "")}。以上工作经区委常委会审议通过。` };
      return { kind: "text", text: goodSectionText(req), chunkSize: 6, chunkDelayMs: 60 };
    });
    server = await startZongjie({ LLM_BASE_URL: fake.url, LLM_API_KEY: KEY, LLM_MODEL: "fake-qwen-7b", LLM_CONCURRENCY: "2" });
    ({ browser, page } = await openBrowser());
    page.on("response", async (r) => {
      if (r.url().includes("/api/")) seenBodies.push(await r.text().catch(() => ""));
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  it("names the model in the header and streams the draft in, section by section", async () => {
    await page.goto(`${server.base}/`);
    // The badge names the model as served; what the endpoint probe found follows it (the fake lists no models).
    await expect.poll(() => page.locator("header .engine").textContent()).toMatch(/^模型：fake-qwen-7b/);
    await page.getByRole("textbox", { name: "事实材料" }).fill(readFileSync(path.join(ROOT, "test/fixtures/facts/tidy.txt"), "utf8"));
    await page.getByRole("button", { name: "提出提纲" }).click();
    await page.locator("ol.outline").waitFor();
    await page.getByRole("button", { name: "生成初稿" }).click();

    // Mid-stream: some section has text while others still wait.
    await expect
      .poll(async () => {
        const pending = await page.locator(".pill", { hasText: "生成中" }).count();
        const withText = await page.locator("textarea.section-text").evaluateAll((els) => els.filter((e) => (e as HTMLTextAreaElement).value.length > 0).length);
        return pending > 0 && withText > 0;
      }, { timeout: 30_000, interval: 100 })
      .toBe(true);
    await shot(page, "model-streaming");

    await expect.poll(() => page.locator(".save-status").textContent(), { timeout: 90_000 }).toContain("已保存");
    expect(await page.locator(".pill", { hasText: "生成中" }).count()).toBe(0);
    const texts = await page.locator("textarea.section-text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join("\n"));
    expect(texts).toContain("调解成功6150件");
    expect(await page.locator(".toolbar .engine-of-draft").textContent()).toContain("fake-qwen-7b");
    expect(fake.chatRequests().length).toBeGreaterThan(5);
  }, 150_000);

  it("refuses a model rewrite that claims an approval, says so, and keeps the original on request", async () => {
    const card = page.locator("article.section-card.level-2").first();
    const area = card.locator("textarea.section-text");
    const before = await area.inputValue();
    await card.getByRole("combobox", { name: "改写方式" }).selectOption("polish");
    const region = card.getByRole("region", { name: "改写建议" });
    await region.waitFor({ timeout: 30_000 });
    expect(await region.textContent()).toContain("改写未采用");
    const claims = region.getByRole("list", { name: "说法改变" });
    expect(await claims.textContent()).toContain("审批决定");
    expect(await claims.locator("mark").allTextContents()).toEqual(["经区委常委会审议"]);
    await shot(page, "model-claim-refused");
    await region.getByRole("button", { name: "保留原文" }).click();
    await region.waitFor({ state: "detached" });
    expect(await area.inputValue()).toBe(before);
  }, 60_000);

  it("never lets the API key reach the browser", async () => {
    expect(seenBodies.length).toBeGreaterThan(3);
    for (const body of seenBodies) expect(body).not.toContain(KEY);
    expect(await page.content()).not.toContain(KEY);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(KEY);
  });
});

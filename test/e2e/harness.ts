/**
 * Shared pieces of the browser tests: build the editor, spawn the real server on a free port with a
 * temp data folder, launch Debian's Chromium, take screenshots, check that boxes do not overlap.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { freePort } from "../helpers/ports.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = path.join(ROOT, "test-results", "screenshots");
export const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && process.env.CI) {
  // In CI the browser is installed by .ci/run; its absence is a failure, not a reason to skip.
  throw new Error(`未找到 Chromium（${CHROMIUM}）：CI 中端到端测试必须运行，请安装 chromium 与 fonts-wqy-zenhei`);
}
if (!haveChromium) console.warn(`跳过端到端测试：未找到 ${CHROMIUM}（apt-get install -y chromium fonts-wqy-zenhei）`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "dist" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** web/dist is there and newer than every source file of the editor. */
function distIsFresh(): boolean {
  const index = path.join(ROOT, "web", "dist", "index.html");
  if (!existsSync(index)) return false;
  const sources = Math.max(newestMtime(path.join(ROOT, "web")), statSync(path.join(ROOT, "vite.config.ts")).mtimeMs);
  return statSync(index).mtimeMs > sources;
}

/**
 * vite build of web/ into web/dist when it is missing or stale. Test files run in parallel
 * processes and a build empties web/dist first, so builds take a lock (an atomic mkdir) and a
 * file that finds a fresh build after waiting uses it.
 */
export async function buildEditor() {
  if (process.env.E2E_BASE_URL) return; // a running server has read its index.html already
  const lock = path.join(os.tmpdir(), `zongjie-web-build-${Buffer.from(ROOT).toString("hex").slice(-24)}.lock`);
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a process that died mid-build.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error(`等待编辑器构建锁超时：${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (distIsFresh()) return;
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (r.status !== 0) throw new Error(`vite build 失败：${r.stderr || r.stdout}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Zongjie {
  base: string;
  dataDir: string;
  log(): string;
  stop(): Promise<void>;
}

/** Spawn `tsx server/index.ts` with a temp data folder on a free loopback port; resolves once /api/health answers. */
export async function startZongjie(env: Record<string, string> = {}): Promise<Zongjie> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-e2e-"));
  if (process.env.E2E_BASE_URL) {
    return { base: process.env.E2E_BASE_URL, dataDir, log: () => "", stop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let out = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "server/index.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: "127.0.0.1",
      PORT: String(port),
      ZONGJIE_DATA: dataDir,
      LOG_LEVEL: "warn",
      // No model unless the test gives one: the offline engine drafts, nothing needs the network.
      LLM_BASE_URL: "",
      LLM_API_KEY: "",
      LLM_MODEL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务进程已退出（${child.exitCode}）：\n${out}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`服务未在 120 秒内就绪：\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    dataDir,
    log: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => setTimeout(r, 500));
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium headless with the flags that keep it off the network, and a 1366×768 page. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { browser, page };
}

/** The page's script errors and console errors as they happen (HTTP errors the editor handles, a 409 on purpose, are logged by Chromium as "Failed to load resource" and left out). */
export function collectScriptErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  return errors;
}

/** After a failing step: a picture of the page next to the screenshots, and the server's last log lines. */
export async function recordFailure(page: Page | undefined, server: Zongjie | undefined, prefix: string, testName: string) {
  await page?.screenshot({ path: path.join(SHOTS, `${prefix}${testName.slice(0, 40).replace(/[^\w\u4e00-\u9fff]+/g, "-")}.png`) }).catch(() => {});
  console.error(server?.log().slice(-4000));
}

/** Remove screenshots of earlier failures so the folder shows this run only. */
export function prepareShots(prefix = "failed-") {
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) if (f.startsWith(prefix)) rmSync(path.join(SHOTS, f));
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Boxes of the given elements must not overlap each other (a layout check at 1366×768). */
export async function expectNoOverlap(page: Page, selectors: string[]) {
  const boxes = [];
  for (const s of selectors) {
    const b = await page.locator(s).first().boundingBox();
    expect(b, `${s} 应可见`).not.toBeNull();
    boxes.push({ s, ...b! });
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
      expect(overlap, `${a.s} 与 ${b.s} 重叠`).toBe(false);
    }
  }
}

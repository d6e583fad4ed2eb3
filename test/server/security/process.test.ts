import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../helpers/ports.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ENTRY = path.join(ROOT, "server/index.ts");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const TOKEN = "proc-test-token-9d8c7b6a5f4e3d2c1b0a";

/** Environment for a child server: only what we set, plus PATH/HOME so tsx runs. */
function childEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ZONGJIE_DATA: dataDir, LOG_LEVEL: "info", ...extra };
}

function run(env: NodeJS.ProcessEnv): { child: ChildProcess; out: () => string; exited: Promise<number | null> } {
  // A scratch cwd, so a developer's ./.env in the checkout can't change what we test.
  const child = spawn(TSX, [ENTRY], { cwd: env.ZONGJIE_DATA, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function waitForHealth(url: string, headers: Record<string, string>, ms = 45_000): Promise<Response> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      return await fetch(url, { headers });
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`server did not answer: ${String(last)}`);
}

const haveEntry = existsSync(ENTRY);

describe.skipIf(!haveEntry)("the real server process", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-proc-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses to start on 0.0.0.0 without ZONGJIE_TOKEN, exits non-zero and says why", async () => {
    const p = run(childEnv(dataDir, { HOST: "0.0.0.0", PORT: String(await freePort()) }));
    const timer = setTimeout(() => p.child.kill("SIGKILL"), 40_000);
    const code = await p.exited;
    clearTimeout(timer);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull(); // it exited by itself, it was not killed by our timer
    expect(p.out()).toMatch(/ZONGJIE_TOKEN/);
    expect(p.out()).toMatch(/0\.0\.0\.0/);
  }, 60_000);

  it("starts on 0.0.0.0 with a token and then answers API calls only with it", async () => {
    const port = await freePort();
    const p = run(childEnv(dataDir, { HOST: "0.0.0.0", PORT: String(port), ZONGJIE_TOKEN: TOKEN }));
    try {
      const base = `http://127.0.0.1:${port}`;
      const anon = await waitForHealth(`${base}/api/health`, {});
      expect(await anon.json()).toEqual({ ok: true, authRequired: true });
      expect((await fetch(`${base}/api/drafts`)).status).toBe(401);
      const ok = await fetch(`${base}/api/drafts`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
      expect(p.out()).not.toContain(TOKEN);
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  }, 90_000);

  it("binds 127.0.0.1 by default", async () => {
    const port = await freePort();
    const p = run(childEnv(dataDir, { PORT: String(port) }));
    try {
      const res = await waitForHealth(`http://127.0.0.1:${port}/api/health`, {});
      expect(((await res.json()) as { authRequired: boolean }).authRequired).toBe(false);
      // Reaching the port through another local address of this machine fails when bound to loopback only.
      const { networkInterfaces } = await import("node:os");
      const other = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal);
      if (other) await expect(fetch(`http://${other.address}:${port}/api/health`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  }, 90_000);

  it("never prints the model API key, even when the model endpoint fails", async () => {
    const KEY = "sk-proc-5e1d9c7b3a2f4e6d8c0b1a3f5e7d9c1b";
    const port = await freePort();
    const p = run(childEnv(dataDir, { PORT: String(port), LOG_LEVEL: "debug", LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_API_KEY: KEY, LLM_MODEL: "deepseek-chat", LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "2000" }));
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await waitForHealth(`${base}/api/health`, {});
      const bodies = [await health.text()];
      const post = (url: string, body: unknown) =>
        fetch(base + url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.text());
      bodies.push(await post("/api/drafts", { unit: "某区委政法委", year: 2024, facts: ["排查化解矛盾纠纷1.2万余件"], options: { engine: "llm" } }));
      bodies.push(await post("/api/drafts/new", { draft: { bad: true } }));
      bodies.push(await (await fetch(`${base}/api/nope`)).text());
      expect(bodies[0]).toContain("deepseek-chat");
      expect(bodies[1]).toMatch(/无法连接模型服务|生成失败/); // the model really was called and failed
      await new Promise((r) => setTimeout(r, 300));
      expect(p.out().length).toBeGreaterThan(0);
      expect([...bodies, p.out()].join("\n")).not.toContain(KEY);
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  }, 90_000);
});

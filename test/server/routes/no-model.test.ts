/**
 * With no model set up, every route that needs one says so in words a writer understands: that a model is not
 * connected, what still works, and whom to ask. Environment variables are the administrator's words, so they are
 * named in `zongjie doctor`, .env.example and the CLI, never in what the editor shows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { testDeps } from "../../helpers/deps.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-no-model-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const app = createApp(testDeps(dataDir));

const post = (url: string, body: unknown) => app.request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("routes that need a model, with none set up", () => {
  it.each([
    ["model draft", "/api/drafts", { unit: "青石县委政法委", year: 2026, facts: ["排查矛盾纠纷12件"], options: { engine: "llm" } }],
    ["model check", "/api/check/model", { text: "全县排查矛盾纠纷12件。", year: 2026 }],
    ["model rewrite", "/api/rewrite", { text: "我们排了12件纠纷。", mode: "expand", engine: "llm" }],
  ])("%s: 503 in a writer's words, naming no setting", async (_name, url, body) => {
    const res = await post(url, body);
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/尚未接入大模型/);
    expect(error.message).toMatch(/联系管理员/);
    expect(error.message).not.toMatch(/[A-Z][A-Z0-9]*_[A-Z0-9_]+/);
  });
});

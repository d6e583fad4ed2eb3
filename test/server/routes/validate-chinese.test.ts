/**
 * Validation errors are Chinese and name the field (issue 19): zod's own English messages never reach
 * the writer, whatever the schema forgot to word.
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { issueInChinese } from "../../../server/routes/validate.ts";
import { testDeps } from "../../helpers/deps.ts";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("expected a failure");
  return r.error.issues.map((i) => issueInChinese(i, "json"));
};

const ENGLISH = /[A-Za-z]{4,}/;

describe("zod issues in Chinese", () => {
  it("words every kind of issue in Chinese with the field named", () => {
    const schema = z.object({
      title: z.string().min(2),
      count: z.number().int().max(10),
      tags: z.array(z.string()).min(1),
      kind: z.enum(["区", "县"]),
      when: z.string().date(),
      nested: z.object({ deep: z.boolean() }),
    }).strict();
    const messages = issuesOf(schema, { title: "x", count: 20, tags: [], kind: "省", when: "昨天", nested: { deep: "是" }, extra: 1 });
    expect(messages).toEqual([
      "标题至少 2 个字",
      "字段 count不能大于 10",
      "字段 tags至少要有一项",
      "字段 kind只能是 区、县",
      "字段 when的格式不正确",
      "字段 nested.deep应为是或否（true/false）",
      "不认识的字段：extra",
    ]);
    for (const m of messages) expect(m).not.toMatch(/Invalid|expected|received|Too (small|big)/);
  });
  it("says a required field is missing, and keeps a message the schema wrote in Chinese", () => {
    // a field the editor names is named so (text → 文字); others by their path
    expect(issuesOf(z.object({ text: z.string() }), {})).toEqual(["缺少文字"]);
    expect(issuesOf(z.object({ note: z.string() }), {})).toEqual(["缺少字段 note"]);
    expect(issuesOf(z.object({ text: z.string().min(1, "待检查的文字不能为空") }), { text: "" })).toEqual(["文字：待检查的文字不能为空"]);
    expect(issuesOf(z.object({ text: z.string().max(3, "text 不能超过 3 个字符") }), { text: "abcd" })).toEqual(["text 不能超过 3 个字符"]);
  });
});

describe("on the routes", () => {
  it("answers a body of the wrong shape with a 400 whose message has no English", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-validate-"));
    try {
      const app = createApp(testDeps(dir));
      const post = (route: string, body: unknown) =>
        app.request(route, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      for (const [route, body] of [
        ["/api/rewrite", { text: 5, mode: "louder" }],
        ["/api/check", { text: ["不是文字"], year: "明年" }],
        ["/api/drafts/outline", { unit: 3, year: "x", facts: "一条" }],
        ["/api/drafts/new", { draft: { title: 1 } }],
      ] as const) {
        const res = await post(route, body);
        expect(res.status, route).toBe(400);
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe("bad_request:invalid_input");
        expect(error.message, route).toMatch(/^请求参数无效：/);
        expect(error.message.replace(/字段 [\w.]+|不认识的字段：[\w、]+|只能是 [\w、-]+|true\/false/g, ""), route).not.toMatch(ENGLISH);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

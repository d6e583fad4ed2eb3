import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { AppError } from "../errors.ts";

// zod's own messages (a wrong type, a missing field) in Chinese: no English reaches the writer.
z.config(z.locales.zhCN());

/** The fields a writer can get wrong, by the names the editor shows; others are named by their message alone. */
const FIELD_NAMES: Record<string, string> = {
  q: "检索内容",
  text: "文字",
  year: "年度",
  yearFrom: "起始年度",
  yearTo: "截止年度",
  k: "条数",
  file: "文件",
  files: "文件",
  title: "标题",
  unit: "单位",
  period: "时限",
  facts: "事实",
  problems: "问题",
  plans: "打算",
  level: "层级",
  role: "内容类别",
  tag: "工作条线",
  mode: "改写方式",
  draft: "稿件",
  date: "成文日期",
  sections: "各节",
  outline: "提纲",
};

/** An issue in words: the field's Chinese name when it has one, then the message without a leading field name. */
function issueInWords(i: z.core.$ZodIssue): string {
  const names = i.path.map((p) => FIELD_NAMES[String(p)]).filter(Boolean);
  const message = i.message.replace(/^[A-Za-z]\w* /, "");
  return names.length ? `${names.join("中的")}：${message}` : message;
}

/** zod validator whose failure is an AppError with a Chinese message naming the bad fields in Chinese. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.slice(0, 5).map(issueInWords);
      throw new AppError("bad_request:invalid_input", `请求参数无效：${issues.join("；")}`, {
        details: { issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      });
    }
  });
}

const BODY_KINDS = { json: /^application\/([\w.-]+\+)?json/i, form: /^multipart\/form-data/i } as const;

/**
 * The validator for one kind of body on a route that takes JSON or a multipart upload: it checks the
 * body only when it is of that kind and lets the other kind through. Both are then optional in the
 * typed client's input (`json` or `form`), and the handler reads whichever `c.req.valid` holds.
 */
export function validateIfSent<T extends z.ZodType, Target extends keyof typeof BODY_KINDS>(target: Target, schema: T) {
  const inner = validate(target, schema.optional());
  const handler: typeof inner = async (c, next) => (BODY_KINDS[target].test(c.req.header("content-type") ?? "") ? inner(c, next) : next());
  return handler;
}

import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { AppError } from "../errors.ts";

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

const TARGET_NAMES: Record<string, string> = { json: "请求内容", form: "上传的表单", query: "查询参数", param: "路径参数", header: "请求头", cookie: "Cookie" };

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "是或否（true/false）",
  array: "列表",
  object: "对象",
  date: "日期",
  file: "文件",
  bigint: "整数",
};

/** zod's own (English) messages, as opposed to one a schema wrote. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized key|Expected|Required|Input not instance)/;
const ownMessage = (s: string) => /[\u3400-\u9fff]/.test(s) && !ZOD_DEFAULT.test(s);

type Issue = z.core.$ZodIssue;

/** The field an issue is about, as the writer would name it: its path, or the part of the request. */
function fieldOf(issue: Issue, target: string): string {
  const named = issue.path.map((p) => FIELD_NAMES[String(p)]).filter(Boolean);
  if (named.length) return named.join("中的");
  const path = issue.path.map(String).join(".");
  return path ? `字段 ${path}` : (TARGET_NAMES[target] ?? "请求");
}

/**
 * One zod issue in Chinese, naming the field. A message the schema wrote itself in Chinese is kept
 * (with the field in front when it does not already name it); zod's own English messages are replaced.
 */
export function issueInChinese(issue: Issue, target: string): string {
  const field = fieldOf(issue, target);
  const path = issue.path.map(String).join(".");
  if (ownMessage(issue.message)) return path && !issue.message.includes(path) ? `${field}：${issue.message}` : issue.message;
  const i = issue as Issue & { expected?: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint; values?: unknown[]; keys?: string[] };
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined/.test(issue.message)) return `缺少${field}`;
      return `${field}应为${TYPE_NAMES[i.expected ?? ""] ?? "正确的类型"}`;
    case "too_small": {
      const min = Number(i.minimum);
      if (i.origin === "string") return min <= 1 ? `${field}不能为空` : `${field}至少 ${min} 个字`;
      if (i.origin === "array" || i.origin === "set") return min <= 1 ? `${field}至少要有一项` : `${field}至少 ${min} 项`;
      if (i.origin === "file") return `${field}太小`;
      return `${field}不能小于 ${min}`;
    }
    case "too_big": {
      const max = Number(i.maximum);
      if (i.origin === "string") return `${field}最多 ${max} 个字`;
      if (i.origin === "array" || i.origin === "set") return `${field}最多 ${max} 项`;
      if (i.origin === "file") return `${field}太大`;
      return `${field}不能大于 ${max}`;
    }
    case "invalid_value":
      return i.values?.length ? `${field}只能是 ${i.values.map(String).join("、")}` : `${field}的取值无效`;
    case "invalid_format":
      return `${field}的格式不正确`;
    case "unrecognized_keys":
      return `不认识的字段：${(i.keys ?? []).join("、")}`;
    case "invalid_union":
      return `${field}的格式不正确`;
    case "not_multiple_of":
      return `${field}的数值不符合要求`;
    default:
      return `${field}无效`;
  }
}

/** zod validator whose failure is an AppError with a Chinese message naming the bad fields. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.map(String), message: issueInChinese(i, target) }));
      throw new AppError("bad_request:invalid_input", `请求参数无效：${issues.slice(0, 5).map((i) => i.message).join("；")}`, {
        details: { issues },
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

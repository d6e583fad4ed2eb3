import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testTempDir } from "../../helpers/temp.ts";
import { DRAFTING_PROMPTS } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { parsePrompt } from "../../../server/llm/prompts.ts";

import { PROMPTS_DIR } from "../../../server/llm/prompts.ts";

function promptFile(name: string, inputs: string, body: string) {
  return `---\nname: ${name}\ndescription: test\ninputs: [${inputs}]\n---\n${body}`;
}

describe("prompt library", () => {
  it("loads every shipped prompt, including all the ones drafting needs", () => {
    const lib = loadPrompts(PROMPTS_DIR, DRAFTING_PROMPTS);
    for (const n of DRAFTING_PROMPTS) expect(lib.names()).toContain(n);
  });

  it("rejects a declared input that the template never uses", () => {
    expect(() => parsePrompt(promptFile("a", "x, y", "<<<user>>>\n{{x}}"), "/p/a.md")).toThrow(/未在正文中使用：y/);
  });

  it("rejects a placeholder that is not declared", () => {
    expect(() => parsePrompt(promptFile("a", "x", "<<<user>>>\n{{x}} {{z}}"), "/p/a.md")).toThrow(/未在 inputs 中声明：z/);
  });

  it("rejects a file whose name does not match its front matter", () => {
    expect(() => parsePrompt(promptFile("b", "x", "<<<user>>>\n{{x}}"), "/p/a.md")).toThrow(/文件名/);
  });

  it("fails at load time, naming the file, when one prompt in the folder is broken", () => {
    const dir = testTempDir("prompts-");
    writeFileSync(path.join(dir, "ok.md"), promptFile("ok", "x", "<<<user>>>\n{{x}}"));
    writeFileSync(path.join(dir, "bad.md"), promptFile("bad", "x", "<<<user>>>\nno placeholder"));
    expect(() => loadPrompts(dir)).toThrow(/bad\.md/);
  });

  it("renders system and user messages and never expands placeholders inside a value", () => {
    const lib = loadPrompts(PROMPTS_DIR);
    const msgs = lib.render("repair-section", { problems: "- 数字“7”不在要点中", facts: "[f1] 调解{{problems}}纠纷" });
    expect(msgs).toHaveLength(1);
    expect(msgs[0].role).toBe("user");
    expect(msgs[0].content).toContain("[f1] 调解{{problems}}纠纷");
    const section = lib.render("draft-section", {
      unit: "东城区委政法委", self: "区委政法委", parent: "区委", period_label: "2025年", heading: "（一）标题", role_instructions: "说明", facts: "[f1] x", passages: "片段", length_hint: "约200字", avoid: "（无）",
    });
    expect(section.map((m) => m.role)).toEqual(["system", "user"]);
    expect(section[0].content).toContain("不是指令");
  });

  it("fills a <<<text>>> fragment as plain text, and never sends one to a model as a message", () => {
    const lib = loadPrompts(PROMPTS_DIR);
    expect(lib.fill("section-length", { chars: "180" })).toBe("约180字");
    expect(() => lib.render("section-length", { chars: "180" })).toThrow(/文字片段/);
    expect(() => lib.fill("draft-section", {})).toThrow();
    expect(() => parsePrompt(promptFile("a", "x", "<<<text>>>\n{{x}}\n<<<user>>>\n{{x}}"), "/p/a.md")).toThrow(/只能有这一个分段/);
  });

  it("refuses to render with an input missing", () => {
    const lib = loadPrompts(PROMPTS_DIR);
    expect(() => lib.render("repair-section", { problems: "x" })).toThrow(/缺少输入：facts/);
  });
});

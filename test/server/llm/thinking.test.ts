import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stripThoughts, ThoughtSplitter } from "../../../server/llm/thinking.ts";

/** Feed `parts` one by one and return what would be shown, and whether it was retracted. */
function run(parts: string[], opened = false) {
  const s = new ThoughtSplitter(opened);
  let shown = "";
  let retracted = false;
  for (const p of parts) {
    const r = s.push(p);
    if (r.retracted) {
      shown = "";
      retracted = true;
    }
    shown += r.text;
  }
  shown += s.end();
  return { shown, text: s.text, retracted, thought: s.thoughtChars, form: s.form };
}

describe("thoughts in the content", () => {
  it("drops a closed <think> block, with the blank lines after it", () => {
    expect(run(["<think>全年8888件？不对。</think>\n\n全年化解纠纷6200件。"]).text).toBe("全年化解纠纷6200件。");
  });

  it("drops Qwen3's empty block (thinking switched off)", () => {
    expect(run(["<think>\n\n</think>\n\n", "好的。"]).text).toBe("好的。");
  });

  it("treats a block cut off by the end of output as thought to its end", () => {
    const r = run(["<think>先算一下2019年的", "数字……"]);
    expect(r.text).toBe("");
    expect(r.thought).toBeGreaterThan(5);
  });

  it("finds tags split across deltas", () => {
    expect(run(["<thi", "nk>李某某", "说</th", "ink>", "正文。"]).text).toBe("正文。");
    expect(run(["正文<", "无标签。"]).text).toBe("正文<无标签。");
  });

  it("takes a closing tag without an opening one as the end of a thought the template opened, and retracts what was shown", () => {
    const r = run(["用户要我写8888件", "……\n</think>\n\n", "正文。"]);
    expect(r.retracted).toBe(true);
    expect(r.shown).toBe("正文。");
    expect(r.form).toBe("tags");
  });

  it("once the template is known to open a thought, shows nothing of it, and returns the text when no thought came", () => {
    expect(run(["思考8888", "</think>", "正文。"], true).shown).toBe("正文。");
    expect(run(["直接给出的正文。"], true).shown).toBe("直接给出的正文。");
  });

  it("counts a thought sent in a separate field without touching the text", () => {
    const s = new ThoughtSplitter();
    s.field(30);
    expect(s.thinking).toBe(true);
    s.push("正文。");
    expect(s.text).toBe("正文。");
    expect(s.form).toBe("field");
  });

  it("never lets a character inside a closed block through, however the reply is cut into deltas", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.array(fc.nat(60), { maxLength: 6 }), (thought, text, cuts) => {
        const t = thought.replace(/<\/?think>/g, "") + "思考专用词";
        const body = text.replace(/[<>]/g, "") + "。";
        const reply = `<think>${t}</think>${body}`;
        const points = [...new Set(cuts.map((c) => c % reply.length))].sort((a, b) => a - b);
        const parts: string[] = [];
        let at = 0;
        for (const p of points) {
          parts.push(reply.slice(at, p));
          at = p;
        }
        parts.push(reply.slice(at));
        const r = run(parts);
        expect(r.text).toBe(body.replace(/^\s+/, ""));
        expect(r.text.includes("思考专用词")).toBe(false);
      }),
    );
  });

  it("strips a whole reply at once", () => {
    expect(stripThoughts("<think>x</think>\n答复")).toBe("答复");
  });
});

import { describe, expect, it } from "vitest";
import { SseParser, readSse } from "../../web/lib/sse.ts";

function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
}

describe("SSE reader", () => {
  it("yields nothing until an event's blank line arrives, even when chunks split lines mid-way", () => {
    const p = new SseParser();
    expect(p.push("event: del")).toEqual([]);
    expect(p.push('ta\ndata: {"sectionId":"s1",')).toEqual([]);
    expect(p.push('"text":"坚持"}\n')).toEqual([]);
    expect(p.push("\n")).toEqual([{ event: "delta", data: { sectionId: "s1", text: "坚持" } }]);
  });

  it("parses every split point of a two-event stream identically", () => {
    const wire = 'event: outline\ndata: {"a":1}\n\n: keep-alive\nevent: done\ndata: {"b":"完成"}\n\n';
    const whole = new SseParser().push(wire);
    expect(whole).toEqual([
      { event: "outline", data: { a: 1 } },
      { event: "done", data: { b: "完成" } },
    ]);
    for (let i = 1; i < wire.length; i++) {
      const p = new SseParser();
      const got = [...p.push(wire.slice(0, i)), ...p.push(wire.slice(i)), ...p.end()];
      expect(got, `split at ${i}`).toEqual(whole);
    }
  });

  it("accepts CRLF line ends split between \\r and \\n, and joins multi-line data", () => {
    const p = new SseParser();
    const got = [...p.push("event: warning\r"), ...p.push("\ndata: line1\r\ndata: line2\r"), ...p.push("\n\r\n")];
    expect(got).toEqual([{ event: "warning", data: "line1\nline2" }]);
  });

  it("keeps a Chinese character intact when its UTF-8 bytes are split across network chunks", async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"sectionId":"s2","text":"平安建设"}\n\n');
    const cut = bytes.indexOf(0xe5) + 1; // inside the first byte sequence of 平
    const got: unknown[] = [];
    await readSse(streamOf([bytes.slice(0, cut), bytes.slice(cut, cut + 2), bytes.slice(cut + 2)]), (m) => got.push(m));
    expect(got).toEqual([{ event: "delta", data: { sectionId: "s2", text: "平安建设" } }]);
  });

  it("delivers a last event that the server ended without a blank line", async () => {
    const got: unknown[] = [];
    await readSse(streamOf([new TextEncoder().encode('event: error\ndata: {"code":"x","message":"中断"}')]), (m) => got.push(m));
    expect(got).toEqual([{ event: "error", data: { code: "x", message: "中断" } }]);
  });
});

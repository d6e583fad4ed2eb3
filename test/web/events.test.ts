import { describe, expect, it } from "vitest";
import { DraftEventSchema } from "../../server/drafting/types.ts";
import { ModelCheckEventSchema } from "../../server/routes/check-events.ts";
import { readEvents } from "../../web/lib/events.ts";

const sseResponse = (blocks: string[]) => new Response(blocks.map((b) => `${b}\n\n`).join(""), { headers: { "content-type": "text/event-stream" } });

describe("readEvents", () => {
  it("hands on the events its schema knows, typed, and skips unknown names and data that does not fit", async () => {
    const got: string[] = [];
    await readEvents(
      sseResponse([
        'event: delta\ndata: {"sectionId":"s1","text":"一是"}',
        'event: surprise\ndata: {"x":1}',
        'event: delta\ndata: {"sectionId":"s1"}',
        'event: thinking\ndata: {"sectionId":"s1","elapsedMs":1200,"chars":0,"retract":true}',
        'event: error\ndata: {"code":"upstream:model","message":"模型未响应"}',
      ]),
      DraftEventSchema,
      (e) => {
        if (e.event === "delta") got.push(`delta:${e.data.text}`);
        else if (e.event === "thinking") got.push(`thinking:${e.data.retract}`);
        else got.push(`${e.event}:${"message" in e.data ? e.data.message : ""}`);
      },
    );
    expect(got).toEqual(["delta:一是", "thinking:true", "error:模型未响应"]);
  });

  it("reads the model check's done event with the items the verification dropped", async () => {
    const got: unknown[] = [];
    await readEvents(
      sseResponse(['event: done\ndata: {"engine":"m","chunks":2,"failedChunks":0,"kept":1,"rejected":{"not_verbatim":2}}']),
      ModelCheckEventSchema,
      (e) => got.push(e.event === "done" ? e.data.rejected : null),
    );
    expect(got).toEqual([{ not_verbatim: 2 }]);
  });

  it("says so in Chinese when there is no stream", async () => {
    const res = new Response(null);
    await expect(readEvents(res, ModelCheckEventSchema, () => {})).rejects.toThrow("服务器没有返回数据流");
  });
});

/**
 * A loopback OpenAI-compatible server for tests: chat completions (streaming and not) and
 * embeddings. Each test scripts the replies per request — a good draft, an invented figure, 429
 * then success, a stream cut mid-way, a request that never answers, malformed output — and reads
 * back the requests it received (e.g. to check how passages were quoted in a prompt).
 *
 *   const fake = await startFakeOpenAI((req) => ({ kind: "text", text: "……" }));
 *   createChatModel({ baseURL: fake.url, … }) … ; fake.requests ; await fake.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FakeReply =
  /** A normal answer, streamed in chunks when the request asked for a stream. */
  | { kind: "text"; text: string; chunkSize?: number; delayMs?: number; chunkDelayMs?: number }
  /** An HTTP error status (429, 500 …), with Retry-After seconds when given. */
  | { kind: "status"; status: number; retryAfter?: number; message?: string }
  /** Stream the first `afterChars` characters of `text`, then drop the connection. */
  | { kind: "cut"; text: string; afterChars: number }
  /** Never answer (the client must time out). */
  | { kind: "hang" }
  /** 200 with a body that is not valid OpenAI output. */
  | { kind: "malformed"; body?: string };

export interface FakeRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body (null when it was not JSON). */
  body: any;
  /** Concatenated text of the chat messages, for assertions. */
  text: string;
}

export type FakeScript = FakeReply[] | ((req: FakeRequest) => FakeReply | Promise<FakeReply>);

export interface FakeOpenAI {
  /** Base URL to use as LLM_BASE_URL (ends with /v1). */
  url: string;
  requests: FakeRequest[];
  /** Chat requests only (embeddings left out). */
  chatRequests(): FakeRequest[];
  close(): Promise<void>;
}

/** The user message of a chat request (the last one with role "user"). */
export function lastUserMessage(req: FakeRequest): string {
  const msgs: Array<{ role: string; content: string }> = req.body?.messages ?? [];
  return [...msgs].reverse().find((m) => m.role === "user")?.content ?? "";
}

/** Fact lines "[f1] …" quoted in a drafting prompt, as {id, text}. */
export function factsInPrompt(req: FakeRequest): Array<{ id: string; text: string }> {
  const out: Array<{ id: string; text: string }> = [];
  for (const m of lastUserMessage(req).matchAll(/^\[([fpn]\d+)\]\s*(.+)$/gm)) out.push({ id: m[1], text: m[2].trim() });
  return out;
}

/** What a well-behaved model writes for a section prompt: every fact in a formal 一是/二是 run. */
export function goodSectionText(req: FakeRequest): string {
  const facts = factsInPrompt(req);
  if (facts.length === 0) return "坚持以习近平新时代中国特色社会主义思想为指导，在党委的坚强领导下，统筹发展和安全，推动各项工作取得新成效。现将工作情况总结如下：";
  const ord = "一二三四五六七八九十";
  const items = facts.map((f, i) => `${ord[i % 10]}是${f.text.replace(/[。；，\s]+$/, "")}。`);
  return `坚持统筹谋划、狠抓落实，各项工作扎实推进。${items.join("")}`;
}

function chunkJSON(model: string, content: string | null, finish: string | null) {
  return JSON.stringify({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
  });
}

function fakeEmbedding(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  for (let i = 0; i < text.length; i++) v[(text.codePointAt(i)! * 31 + i) % dim] += 1;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the fake on 127.0.0.1 with a random port. Arrays are consumed in order; the last reply repeats. */
export async function startFakeOpenAI(script: FakeScript): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  let chatIndex = 0;

  const replyFor = async (req: FakeRequest): Promise<FakeReply> => {
    if (typeof script === "function") return script(req);
    const i = Math.min(chatIndex++, script.length - 1);
    return script[i];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const path = (req.url ?? "").replace(/\?.*$/, "");
    const text = Array.isArray(body?.messages) ? body.messages.map((m: any) => String(m.content ?? "")).join("\n") : "";
    const record: FakeRequest = { index: requests.length, method: req.method ?? "", path, headers: req.headers, body, text };
    requests.push(record);

    if (path.endsWith("/embeddings")) {
      const input: string[] = Array.isArray(body?.input) ? body.input : [String(body?.input ?? "")];
      const dim = Number(body?.dimensions) || 8;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          object: "list",
          model: body?.model ?? "fake",
          data: input.map((t, index) => ({ object: "embedding", index, embedding: fakeEmbedding(t, dim) })),
          usage: { prompt_tokens: 0, total_tokens: 0 },
        }),
      );
      return;
    }
    if (!path.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }

    const reply = await replyFor(record);
    const model = body?.model ?? "fake-model";
    switch (reply.kind) {
      case "hang":
        return; // the socket stays open until the client gives up or close() destroys it
      case "status": {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
        res.writeHead(reply.status, headers);
        res.end(JSON.stringify({ error: { message: reply.message ?? `fake status ${reply.status}`, type: "fake" } }));
        return;
      }
      case "malformed":
        res.writeHead(200, { "content-type": body?.stream ? "text/event-stream" : "application/json" });
        res.end(reply.body ?? (body?.stream ? "data: {\"choices\": [ not json\n\n" : "{ not json"));
        return;
      case "cut": {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write(`data: ${chunkJSON(model, reply.text.slice(0, reply.afterChars), null)}\n\n`);
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      case "text": {
        if (reply.delayMs) await sleep(reply.delayMs);
        if (!body?.stream) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              id: "chatcmpl-fake",
              object: "chat.completion",
              created: 0,
              model,
              choices: [{ index: 0, message: { role: "assistant", content: reply.text }, finish_reason: "stop" }],
              usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
            }),
          );
          return;
        }
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const size = reply.chunkSize ?? 16;
        for (let i = 0; i < reply.text.length; i += size) {
          res.write(`data: ${chunkJSON(model, reply.text.slice(i, i + size), null)}\n\n`);
          if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
        }
        res.write(`data: ${chunkJSON(model, null, "stop")}\n\n`);
        res.end("data: [DONE]\n\n");
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith("/chat/completions")),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

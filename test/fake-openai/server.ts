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
import { PROFILES, type ProfileName, type ServerProfile } from "./profiles.ts";

export type { ProfileName } from "./profiles.ts";
export { PROFILES } from "./profiles.ts";

export interface FakeOptions {
  /** Which real server to imitate (docs/models.md); default "openai". */
  profile?: ProfileName;
  /** The served model names (GET …/models); default: whatever a request names, listed as "fake-model". */
  models?: string[];
  /** The window: a prompt of more characters is refused the profile's way (or cut silently, as Ollama does). */
  contextTokens?: number;
  /** The model name the replies report (default: the one requested). */
  servedAs?: string;
  /** Embedding dimension when a request does not ask for one (default 8). */
  embeddingDimension?: number;
  /** Most inputs one embeddings request may carry; more gets a 400 (DashScope allows 10 for v3). */
  embeddingBatchLimit?: number;
}

export type FakeReply =
  /** A normal answer, streamed in chunks when the request asked for a stream. */
  | {
      kind: "text";
      text: string;
      chunkSize?: number;
      delayMs?: number;
      chunkDelayMs?: number;
      /** A reasoning model's thought, sent before the text in the profile's form. */
      thought?: string;
      /** finish_reason of the last chunk (default "stop"; "length": cut off by max_tokens). */
      finish?: "stop" | "length";
      /** Queue this long after the headers before the first chunk, sending nothing or (with
       * `keepAliveEveryMs`) an SSE comment “: keep-alive” at that interval, as DeepSeek does. */
      queuedMs?: number;
      keepAliveEveryMs?: number;
    }
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

function chunkJSON(model: string, content: string | null, finish: string | null, delta?: Record<string, unknown>) {
  return JSON.stringify({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta: delta ?? (content === null ? {} : { content }), finish_reason: finish }],
  });
}

/** The chunks of a thought in the profile's form (tags go into the content; fields are their own deltas). */
function thoughtChunks(profile: ServerProfile, thought: string, size: number): Array<Record<string, unknown>> {
  const parts: string[] = [];
  for (let i = 0; i < thought.length; i += size) parts.push(thought.slice(i, i + size));
  switch (profile.thought) {
    case "tags":
      return [{ content: "<think>" }, ...parts.map((p) => ({ content: p })), { content: "</think>\n\n" }];
    case "orphan-close":
      return [...parts.map((p) => ({ content: p })), { content: "\n</think>\n\n" }];
    case "reasoning":
      return parts.map((p) => ({ reasoning: p, content: null }));
    default:
      return parts.map((p) => ({ reasoning_content: p, content: null }));
  }
}

function fakeEmbedding(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  for (let i = 0; i < text.length; i++) v[(text.codePointAt(i)! * 31 + i) % dim] += 1;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the fake on 127.0.0.1 with a random port. Arrays are consumed in order; the last reply repeats. */
export async function startFakeOpenAI(script: FakeScript, options: FakeOptions = {}): Promise<FakeOpenAI> {
  const profile = PROFILES[options.profile ?? "openai"];
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

    if (req.method === "GET") {
      const ids = options.models ?? ["fake-model"];
      const extras = profile.extras(ids, options.contextTokens ?? null);
      const found = path.endsWith("/models") ? profile.models(ids, options.contextTokens ?? null) : Object.entries(extras).find(([p]) => path.endsWith(p))?.[1];
      if (req.headers.authorization === "Bearer sk-wrong") {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "Authentication Fails (no such user)", type: "authentication_error" } }));
        return;
      }
      res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(found ?? { error: { message: "not found" } }));
      return;
    }
    if (req.headers.authorization === "Bearer sk-wrong") {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Authentication Fails (no such user)", type: "authentication_error" } }));
      return;
    }
    if (path.endsWith("/embeddings")) {
      const input: string[] = Array.isArray(body?.input) ? body.input : [String(body?.input ?? "")];
      if (options.embeddingBatchLimit && input.length > options.embeddingBatchLimit) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `batch size is invalid, it should not be larger than ${options.embeddingBatchLimit}.: input.contents`, type: "invalid_request_error", code: "InvalidParameter" } }));
        return;
      }
      const dim = Number(body?.dimensions) || options.embeddingDimension || 8;
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

    if (options.models && body?.model && !options.models.includes(body.model)) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `model "${body.model}" not found, try pulling it first`, type: "api_error" } }));
      return;
    }
    // The window: one token per character of the messages (a Han character is at most about that).
    if (options.contextTokens && text.length + (Number(body?.max_tokens) || 0) > options.contextTokens) {
      const refusal = profile.contextRefusal(options.contextTokens, text.length + (Number(body?.max_tokens) || 0));
      if (refusal) {
        res.writeHead(refusal.status, { "content-type": "application/json" });
        res.end(JSON.stringify(refusal.body));
        return;
      }
    }
    const reply = await replyFor(record);
    const model = options.servedAs ?? body?.model ?? "fake-model";
    switch (reply.kind) {
      case "hang":
        return; // the socket stays open until the client gives up or close() destroys it
      case "status": {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
        res.writeHead(reply.status, headers);
        res.end(JSON.stringify(reply.status === 429 && !reply.message ? profile.rateLimited() : { error: { message: reply.message ?? `fake status ${reply.status}`, type: "fake" } }));
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
        if (profile.keepAlive) res.write(": keep-alive\n\n: keep-alive\n\n");
        for (let waited = 0; reply.queuedMs && waited < reply.queuedMs; ) {
          const step = Math.min(reply.keepAliveEveryMs ?? reply.queuedMs, reply.queuedMs - waited);
          await sleep(step);
          waited += step;
          if (reply.keepAliveEveryMs) res.write(": keep-alive\n\n");
        }
        if (profile.roleFirst) res.write(`data: ${chunkJSON(model, null, null, { role: "assistant", content: "" })}\n\n`);
        const size = reply.chunkSize ?? 16;
        for (const delta of reply.thought ? thoughtChunks(profile, reply.thought, size) : []) {
          res.write(`data: ${chunkJSON(model, null, null, delta)}\n\n`);
          if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
        }
        for (let i = 0; i < reply.text.length; i += size) {
          res.write(`data: ${chunkJSON(model, reply.text.slice(i, i + size), null)}\n\n`);
          if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
        }
        res.write(`data: ${chunkJSON(model, null, reply.finish ?? "stop")}\n\n`);
        if (profile.usageChunk) res.write(`data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [], usage: { prompt_tokens: text.length, completion_tokens: reply.text.length, total_tokens: text.length + reply.text.length } })}\n\n`);
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

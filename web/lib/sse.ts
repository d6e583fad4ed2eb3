/** One Server-Sent Event as read off the wire: its name and its parsed JSON data. */
export interface SseMessage {
  event: string;
  data: unknown;
}

/**
 * Incremental parser for a text/event-stream. Feed it chunks as they arrive (a chunk may end
 * mid-line or mid-character-sequence); it returns the events completed by that chunk.
 */
export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let nl: number;
    // Lines end in \n, \r\n or \r; a trailing \r may be the first half of \r\n, so wait for more.
    while ((nl = this.nextLineEnd()) >= 0) {
      const line = this.buffer.slice(0, nl);
      const skip = this.buffer[nl] === "\r" && this.buffer[nl + 1] === "\n" ? 2 : 1;
      this.buffer = this.buffer.slice(nl + skip);
      const msg = this.line(line);
      if (msg) out.push(msg);
    }
    return out;
  }

  /** Flush at end of stream: a last event without its blank line still counts. */
  end(): SseMessage[] {
    const out: SseMessage[] = [];
    if (this.buffer.length) {
      const msg = this.line(this.buffer);
      this.buffer = "";
      if (msg) out.push(msg);
    }
    const last = this.dispatch();
    if (last) out.push(last);
    return out;
  }

  private nextLineEnd(): number {
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c === "\n") return i;
      if (c === "\r") return i + 1 < this.buffer.length ? i : -1;
    }
    return -1;
  }

  private line(line: string): SseMessage | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    return null;
  }

  private dispatch(): SseMessage | null {
    if (this.data.length === 0) {
      this.event = "";
      return null;
    }
    const raw = this.data.join("\n");
    const event = this.event || "message";
    this.event = "";
    this.data = [];
    let data: unknown = raw;
    try {
      data = JSON.parse(raw);
    } catch {
      /* not JSON: hand the raw string on */
    }
    return { event, data };
  }
}

/** Read an SSE response body to its end, calling `onMessage` for each event in order. */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (m: SseMessage) => void, signal?: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parser = new SseParser();
  const abort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", abort);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // stream: true keeps a multi-byte character split across chunks intact.
      for (const m of parser.push(decoder.decode(value, { stream: true }))) onMessage(m);
    }
    for (const m of parser.push(decoder.decode())) onMessage(m);
    for (const m of parser.end()) onMessage(m);
  } finally {
    signal?.removeEventListener("abort", abort);
    reader.releaseLock?.();
  }
}

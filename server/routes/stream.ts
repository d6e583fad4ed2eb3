import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { orderedWriter } from "../async.ts";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";

/** An event of a typed stream (its schema sits next to its route): a name and its JSON data. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * Answer with a Server-Sent Events stream of typed events. `run` gets `send`, whose events leave in
 * the order they were sent even from concurrent tasks, and a signal aborted when the client goes
 * away. A failure `run` lets escape is logged and sent as an `error` event (`where` names the
 * route in the log).
 */
export function streamEvents<E extends StreamEvent>(
  c: Context,
  where: string,
  logger: Logger,
  run: (send: (e: E | { event: "error"; data: { code: string; message: string } }) => void, signal: AbortSignal) => Promise<void>,
): Response {
  const ctrl = new AbortController();
  return streamSSE(
    c,
    async (stream) => {
      stream.onAbort(() => ctrl.abort(new AppError("bad_request:cancelled", "已取消")));
      const out = orderedWriter((e: StreamEvent) => stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) }));
      try {
        await run(out.push, ctrl.signal);
      } finally {
        await out.drain();
      }
    },
    async (e, stream) => {
      const err = toAppError(e);
      logger.error(`${where} 数据流出错 → ${err.code}`, err.cause ?? err);
      await stream.writeSSE({ event: "error", data: JSON.stringify({ code: err.code, message: err.message }) });
    },
  );
}

import type { z } from "zod";
import { readSse } from "./sse.ts";

/**
 * Read a typed event stream to its end: each Server-Sent Event is checked against the route's schema
 * (server/drafting/types.ts DraftEventSchema, server/routes/check-events.ts) and handed on typed. An
 * event the schema does not know, or whose data does not fit it, is skipped: an editor older than its
 * server ignores what it cannot show rather than failing the whole stream.
 */
export async function readEvents<S extends z.ZodType<{ event: string; data: unknown }>>(
  res: Response,
  schema: S,
  onEvent: (e: z.infer<S>) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (!res.body) throw new Error("服务器没有返回数据流");
  await readSse(
    res.body,
    (m) => {
      const parsed = schema.safeParse({ event: m.event, data: m.data });
      if (parsed.success) onEvent(parsed.data);
    },
    signal,
  );
}

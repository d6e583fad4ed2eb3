/**
 * The Server-Sent Events of POST /api/check/model, one schema per event. The route sends them
 * through streamEvents (stream.ts) and the editor reads them through readEvents (web/lib/events.ts).
 * No Hono here: the editor imports this file.
 */
import { z } from "zod";
import { FindingSchema, RejectReasonSchema } from "../checking/types.ts";

export const ModelCheckEventSchema = z.discriminatedUnion("event", [
  /** One chunk proofread: how many of how many, and that chunk's verified findings (offsets into the whole text). */
  z.object({ event: z.literal("progress"), data: z.object({ done: z.number().int(), total: z.number().int(), findings: z.array(FindingSchema) }) }),
  /** A reasoning model is thinking before it answers (elapsed ms); no thought text ever arrives. */
  z.object({ event: z.literal("thinking"), data: z.object({ elapsedMs: z.number() }) }),
  z.object({ event: z.literal("warning"), data: z.object({ message: z.string() }) }),
  /** The end: chunks done and failed, findings kept, and the model's items dropped by the verification, by reason. */
  z.object({
    event: z.literal("done"),
    data: z.object({ engine: z.string(), chunks: z.number().int(), failedChunks: z.number().int(), kept: z.number().int(), rejected: z.partialRecord(RejectReasonSchema, z.number().int()) }),
  }),
  z.object({ event: z.literal("error"), data: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ModelCheckEvent = z.infer<typeof ModelCheckEventSchema>;

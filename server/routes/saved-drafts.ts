import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { DraftSchema } from "../drafting/types.ts";
import { AppError } from "../errors.ts";
import { LIMITS, limitBody } from "../middleware/limits.ts";
import { validate } from "./validate.ts";

const SaveBody = z.object({
  baseVersion: z.number().int().min(1),
  draft: DraftSchema,
});

const CreateBody = z.object({ draft: DraftSchema });

/**
 * Saved drafts (autosave of the editor), mounted at /api/drafts next to the drafting routes.
 * POST / (generation) belongs to routes/drafts.ts; this file never defines it.
 */
export function createSavedDraftsRoutes(deps: AppDeps) {
  const { saves } = deps;
  return new Hono()
    .get("/", async (c) => {
      const drafts = await saves.list();
      return c.json({ drafts });
    })
    // A new saved draft from a whole draft (an imported .docx, a copy); the id is generated here.
    .post("/new", limitBody(LIMITS.draftJsonBytes, "稿件"), validate("json", CreateBody), async (c) => {
      const saved = await saves.create(c.req.valid("json").draft);
      return c.json({ id: saved.id, version: saved.version, updatedAt: saved.updatedAt }, 201);
    })
    .get("/:id", async (c) => {
      const saved = await saves.get(c.req.param("id"));
      if (!saved) throw new AppError("not_found:draft", "稿件不存在或已被删除");
      return c.json(saved);
    })
    .put("/:id", limitBody(LIMITS.draftJsonBytes, "稿件"), validate("json", SaveBody), async (c) => {
      const { baseVersion, draft } = c.req.valid("json");
      const saved = await saves.save(c.req.param("id"), baseVersion, draft);
      return c.json({ id: saved.id, version: saved.version, updatedAt: saved.updatedAt });
    })
    .delete("/:id", async (c) => {
      const removed = await saves.remove(c.req.param("id"));
      if (!removed) throw new AppError("not_found:draft", "稿件不存在或已被删除");
      return c.json({ ok: true });
    });
}

import { z } from "zod";

/** The role a part of a report plays in the 工作总结 skeleton. */
export const ROLES = ["title", "opening", "work", "problems", "plans", "closing"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The one label of each role, for the editor (search filters, passages, a document's sections). */
export const ROLE_LABELS: Record<Role, string> = { title: "标题", opening: "开头", work: "成效", problems: "问题", plans: "打算", closing: "结尾" };

export const LevelSchema = z.enum(["区", "县", "市"]);
export type AdminLevel = z.infer<typeof LevelSchema>;

/** Something cleaning removed from the raw text, kept so `corpus show` can display it. */
export const RemovalSchema = z.object({
  kind: z.string(), // e.g. "ad", "paywall", "chrome", "date-line", "counter", "blank"
  text: z.string(),
  line: z.number().int(), // 1-based line number in the decoded raw text
});
export type Removal = z.infer<typeof RemovalSchema>;

/** A heading found in the cleaned text. Offsets are into the cleaned text. */
export const HeadingSchema = z.object({
  level: z.number().int().min(0).max(4), // 0: 第一部分/第一篇/第一章 1: 一、 2: （一） 3: 1. 4: （1）
  ordinal: z.number().int(),
  marker: z.string(), // the marker as written, e.g. "（一）" or "(一)" or "1、"
  text: z.string(), // heading text without marker and without run-in body
  runIn: z.boolean(), // heading runs into its paragraph ("……。正文")
  start: z.number().int(),
  end: z.number().int(),
});
export type Heading = z.infer<typeof HeadingSchema>;

/** A section of the report: the span under a heading (or the title/opening). */
export const SectionSchema = z.object({
  headingPath: z.array(z.string()),
  role: RoleSchema,
  tags: z.array(z.string()),
  start: z.number().int(),
  end: z.number().int(),
});
export type Section = z.infer<typeof SectionSchema>;

export const ReportStructureSchema = z.object({
  title: z.string(),
  year: z.number().int().nullable(),
  level: LevelSchema.nullable(),
  headings: z.array(HeadingSchema),
  sections: z.array(SectionSchema),
  /** Count of 一是/二是… runs found. */
  enumerationRuns: z.number().int(),
});
export type ReportStructure = z.infer<typeof ReportStructureSchema>;

/** A retrievable passage. Offsets `start`/`end` are into the document's cleaned text. */
/** A passage of an archive document, as drafting and checking point to it: where it is and what it says. */
export const PassageSpanSchema = z.object({
  docId: z.string(),
  title: z.string(),
  headingPath: z.array(z.string()),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});

export const ChunkSchema = z.object({
  id: z.string(), // `${docId}:${seq}`
  docId: z.string(),
  seq: z.number().int(),
  title: z.string(),
  year: z.number().int().nullable(),
  headingPath: z.array(z.string()),
  role: RoleSchema,
  tags: z.array(z.string()),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

/** A document after reading, cleaning and structure parsing, before it is stored. */
export const PreparedDocumentSchema = z.object({
  id: z.string(), // stable per source name: re-ingesting the same file name replaces it
  sourceName: z.string(), // the file's base name as given (never used as a path)
  contentHash: z.string(), // sha256 of the cleaned text; unchanged hash → nothing to do
  format: z.enum(["txt", "md", "docx", "doc", "wps", "pdf", "ofd"]),
  encoding: z.string(), // "utf-8", "gb18030", "big5" (Traditional text kept as written), "utf-16le", "utf-16be", "docx"
  title: z.string(),
  year: z.number().int().nullable(),
  level: LevelSchema.nullable(),
  cleanedText: z.string(),
  removed: z.array(RemovalSchema),
  structure: ReportStructureSchema,
});
export type PreparedDocument = z.infer<typeof PreparedDocumentSchema>;

export interface PreparedReport {
  document: PreparedDocument;
  chunks: Chunk[];
  /** What the reader left out of the file (characters XML does not allow…), in Chinese; not stored. */
  notes?: string[];
  /** What the derived indexes need of it, worked out in the parse worker (server/derived.ts); not stored. */
  evidence?: unknown;
}

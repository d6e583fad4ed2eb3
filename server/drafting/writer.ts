/**
 * The write stage of drafting: a SectionWriter turns one outline section, its facts and its
 * retrieved passages into body text verified against the facts. There are two: the offline engine
 * (writer-offline.ts) and the model (writer-model.ts); writer-stage.ts picks one per section.
 */
import type { ChatModel, PromptLibrary } from "../llm/types.ts";
import type { Logger } from "../log.ts";
import type { OfficeLists } from "../lists/office.ts";
import type { CorpusStore } from "../store/types.ts";
import type { DraftRequest } from "./input.ts";
import type { Draft, DraftEvent, DraftSection, DraftWarning, Fact, Outline, OutlineSection, SourceRef } from "./types.ts";
import type { SectionCheck, VerifyContext } from "./verify.ts";

export interface DraftingDeps {
  store?: CorpusStore | null;
  model: ChatModel | null;
  prompts: PromptLibrary;
  logger: Logger;
  signal?: AbortSignal;
  /** Sections written at once with a model (config.llm.concurrency); default 3. */
  concurrency?: number;
  /** Keep the finished draft (deps.saves.create); its id and version go into the `done` event. */
  save?: (draft: Draft) => Promise<{ id: string; version: number }>;
  /** The office's lists (wording, phrases, work lines, registry, names); default: the built-ins. */
  lists?: OfficeLists;
}

export type Emit = (e: DraftEvent) => void;

export type Engine = Draft["engine"];

/** One section to write: its outline entry, its numbered heading, and the facts assigned to it. */
export interface SectionJob {
  section: OutlineSection;
  heading: string;
  facts: Fact[];
}

/** What a draft's sections share while they are written. */
export interface WriteContext {
  /** The first sentences of the sections written so far, which a section written after them must not repeat. */
  openings: Array<{ id: string; text: string }>;
  request: DraftRequest;
  outline: Outline;
  facts: Fact[];
  engine: Engine;
  deps: DraftingDeps;
  emit: Emit;
  verify: VerifyContext;
}

/** A section's verified text; `repaired` when the model was asked to fix its first answer. */
export interface WrittenText {
  text: string;
  check: SectionCheck;
  repaired?: boolean;
}

/** The write stage: one section's body text from its facts and passages, streamed through ctx.emit as `delta`. */
export interface SectionWriter {
  write(job: SectionJob, ctx: WriteContext, sources: SourceRef[]): Promise<WrittenText>;
}

export interface SectionResult {
  section: DraftSection;
  warnings: DraftWarning[];
}

/** The first sentence of a written section, as the later sections are told to avoid it. */
export function openingOf(text: string): string {
  const first = text.split(/(?<=[。！？；：])/)[0]?.trim() ?? "";
  return first.length > 60 ? `${first.slice(0, 60)}……` : first;
}

import type { Config } from "../env.ts";
import type { Logger } from "../log.ts";

/** Secrets in the configuration that must never be logged or sent to a client. */
export function configSecrets(config: Config): string[] {
  const out = new Set<string>();
  if (config.token) out.add(config.token);
  if (config.llm?.apiKey && config.llm.apiKey !== "not-needed") out.add(config.llm.apiKey);
  if (config.embedder.kind === "openai" && config.embedder.apiKey !== "not-needed") out.add(config.embedder.apiKey);
  // Very short values would redact ordinary words; such keys are not real keys anyway.
  return [...out].filter((s) => s.length >= 6);
}

/** Replace every occurrence of each secret in `text` with "***". */
export function redactText(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("***");
  return out;
}

function describe(extra: unknown): string {
  if (extra instanceof Error) {
    // Walk the cause chain: SDK errors often wrap the interesting one.
    const parts: string[] = [];
    let e: unknown = extra;
    for (let i = 0; i < 5 && e; i++) {
      parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
      e = e instanceof Error ? e.cause : undefined;
    }
    return parts.join("\n  caused by: ");
  }
  if (typeof extra === "string") return extra;
  try {
    return JSON.stringify(extra);
  } catch {
    return String(extra);
  }
}

/**
 * A logger that scrubs the given secrets from every message and extra before passing them on.
 * Extras are turned into text first, so a secret inside an error's cause or an object is caught too.
 */
export function redactingLogger(inner: Logger, secrets: string[]): Logger {
  if (secrets.length === 0) return inner;
  const wrap = (fn: Logger["info"]) => (msg: string, extra?: unknown) =>
    extra === undefined ? fn(redactText(msg, secrets)) : fn(redactText(msg, secrets), redactText(describe(extra), secrets));
  return { debug: wrap(inner.debug), info: wrap(inner.info), warn: wrap(inner.warn), error: wrap(inner.error) };
}

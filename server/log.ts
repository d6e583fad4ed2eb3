/** Minimal levelled logger to stderr. Never pass secrets; the model API key is never logged. */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export function createLogger(level: LogLevel = "info"): Logger {
  const at = (l: LogLevel) => (msg: string, extra?: unknown) => {
    if (ORDER[l] < ORDER[level]) return;
    const line = `${new Date().toISOString()} ${l.toUpperCase()} ${msg}`;
    if (extra === undefined) console.error(line);
    else console.error(line, extra instanceof Error ? (extra.stack ?? extra.message) : extra);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

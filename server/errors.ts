/**
 * One error type for the whole server. A code is `kind:subject` (vercel/ai-chatbot style); the kind
 * decides the HTTP status, the message is Chinese and safe to show a user, `cause` stays in the log.
 */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported"
  | "rate_limited"
  | "timeout"
  | "upstream"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
  timeout: 504,
  upstream: 502,
  unavailable: 503,
  internal: 500,
};

export type ErrorCode = `${ErrorKind}:${string}`;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly status: number;
  /** Extra machine-readable detail that is safe to send to the client (never secrets). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.kind = code.split(":")[0] as ErrorKind;
    this.status = STATUS[this.kind] ?? 500;
    this.details = options.details;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Wrap anything thrown into an AppError, keeping the original as the cause. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError("internal:unexpected", "服务器内部错误，请查看日志", { cause: e });
}

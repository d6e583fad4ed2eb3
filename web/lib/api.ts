import { hc } from "hono/client";
import type { AppType } from "../../server/app.ts";

/** An API failure with the server's code and its Chinese message (or one we wrote for the network case). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  constructor(code: string, message: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

const TOKEN_KEY = "zongjie.token";

// The token lives in sessionStorage: it survives a reload but not the closing of the tab.
export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lasts for this page only */
  }
}

export function authHeaders(): Record<string, string> {
  const t = getToken();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

/** Listeners told when the server answers 401, so the shell can ask for the token again. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** Turn a non-OK response into an ApiError, reading the server's {error:{code,message}} body. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let code = `http:${res.status}`;
  let message = res.status === 413 ? "提交的内容过大，请缩减后重试" : "服务器未能完成请求，请稍后重试";
  let details: Record<string, unknown> | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
    if (body?.error?.message) message = body.error.message;
    if (body?.error?.code) code = body.error.code;
    details = body?.error?.details;
  } catch {
    /* not JSON: keep the generic message */
  }
  if (res.status === 401) unauthorizedListeners.forEach((fn) => fn());
  return new ApiError(code, message, res.status, details);
}

/** fetch with the token added and network failures turned into a Chinese ApiError; the typed client sends through it. */
async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(authHeaders())) headers.set(k, v);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (e) {
    if ((e as Error)?.name === "AbortError") throw e;
    throw new ApiError("network:unreachable", "无法连接服务器，请确认 zongjie 服务正在运行", 0);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/**
 * The one way the editor calls the API: request and response types come from the server's routes
 * (AppType), written once. Every call goes through apiFetch, so the token and the Chinese errors apply.
 */
export const client = hc<AppType>("/", {
  headers: () => authHeaders(),
  fetch: (input: RequestInfo | URL, init?: RequestInit) => apiFetch(typeof input === "string" ? input : input instanceof URL ? input.pathname + input.search : input.url, init),
});

/** What the server's probe of the model endpoint found (the same facts as `zongjie doctor`). */
export interface ModelStatus {
  found: boolean | null;
  reasoning: "field" | "tags" | "none" | null;
  contextTokens: number | null;
  firstTokenMs: number | null;
  charsPerSecond: number | null;
  problems: string[];
  notes: string[];
  checkedAt: string;
}

export interface Health {
  ok: boolean;
  authRequired: boolean;
  engines?: {
    drafting: { kind: "llm"; model: string; endpoint?: string; status?: ModelStatus | null } | { kind: "offline" };
    /** The model's proofreading pass runs after the rules. */
    modelCheck?: boolean;
    embedder: { name: string; dimension: number };
  };
  counts?: { documents: number; chunks: number; fingerprints: number };
  /** The largest file the server takes, in MB (MAX_UPLOAD_MB). */
  limits?: { uploadMB: number };
}

/** GET /api/health — answers even without a token (then only {ok, authRequired}). */
export async function fetchHealth(): Promise<Health> {
  const res = await client.api.health.$get();
  return (await res.json()) as Health;
}

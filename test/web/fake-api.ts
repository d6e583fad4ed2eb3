/**
 * A fetch double for the archive and search routes: answers by "METHOD /pathname", hands the handler
 * the parsed URL (query parameters, repeated ones included) and the request body, and records calls.
 */
export interface FakeCall {
  method: string;
  url: URL;
  body: unknown;
}

type Handler = (url: URL, body: unknown) => { status?: number; json: unknown } | Promise<{ status?: number; json: unknown }>;

export function fakeApi(routes: Record<string, Handler>) {
  const calls: FakeCall[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const raw = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, "http://editor.test");
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
    calls.push({ method, url, body });
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return new Response(JSON.stringify({ error: { code: "not_found:route", message: "接口不存在" } }), { status: 404 });
    const r = await handler(url, body);
    return new Response(JSON.stringify(r.json), { status: r.status ?? 200, headers: { "Content-Type": "application/json" } });
  };
  /** Calls to one pathname, in order. */
  const to = (pathname: string) => calls.filter((c) => c.url.pathname === pathname);
  return { fn, calls, to };
}

let seq = 0;
/** A search hit as /api/search returns it. */
export function passage(over: Partial<{ id: string; docId: string; title: string; year: number | null; headingPath: string[]; role: "work" | "problems" | "plans" | "opening"; tags: string[]; text: string; start: number; end: number; score: number }> = {}) {
  const n = seq++;
  const text = over.text ?? `全面推进矛盾纠纷多元化解，全年调处纠纷${100 + n}件。`;
  return {
    id: over.id ?? `d${n}:${n}`,
    docId: over.docId ?? `d${n}`,
    seq: n,
    title: over.title ?? `某区委政法委${2020 + (n % 5)}年工作总结`,
    year: over.year === undefined ? 2020 + (n % 5) : over.year,
    headingPath: over.headingPath ?? ["一、主要工作", "（二）坚持和发展新时代“枫桥经验”"],
    role: over.role ?? "work",
    tags: over.tags ?? ["矛盾纠纷"],
    text,
    start: over.start ?? 40,
    end: over.end ?? 40 + text.length,
    score: over.score ?? 1 / (n + 1),
  };
}

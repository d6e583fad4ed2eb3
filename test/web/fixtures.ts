import type { Draft, DraftSection, Fact, Outline } from "../../server/drafting/types.ts";

/** A small outline as the server proposes it: title, opening, 一、 with two （一）, problems, plans. */
export function sampleOutline(): Outline {
  return {
    title: "某区委政法委2025年工作总结",
    unit: "某区委政法委",
    year: 2025,
    period: "全年",
    sections: [
      { id: "opening", role: "opening", heading: "", level: 0, workLine: null, factIds: [] },
      { id: "work", role: "work", heading: "主要工作及成效", level: 1, workLine: null, factIds: [] },
      { id: "w1", role: "work", heading: "坚决维护国家政治安全", level: 2, workLine: "政治安全", factIds: ["f1"] },
      { id: "w2", role: "work", heading: "化解矛盾纠纷", level: 2, workLine: "矛盾纠纷", factIds: ["f2", "f3"] },
      { id: "problems", role: "problems", heading: "存在的问题", level: 1, workLine: null, factIds: ["p1"] },
      { id: "plans", role: "plans", heading: "下一步工作打算", level: 1, workLine: null, factIds: ["n1"] },
    ],
  };
}

export function sampleFacts(): Fact[] {
  const f = (id: string, kind: Fact["kind"], text: string, workLine: string | null): Fact => ({ id, kind, text, workLine, figures: [], keyTerms: [] });
  return [
    f("f1", "fact", "开展反邪教宣传12场", "政治安全"),
    f("f2", "fact", "排查化解矛盾纠纷6200件", "矛盾纠纷"),
    f("f3", "fact", "新建网格员队伍320名", "基层治理"),
    f("p1", "problem", "基层基础工作仍有薄弱环节", null),
    f("n1", "plan", "深化平安建设", null),
  ];
}

export function section(id: string, text: string, extra: Partial<DraftSection> = {}): DraftSection {
  const o = sampleOutline().sections.find((s) => s.id === id)!;
  return { ...o, text, sources: [], status: "done", ...extra };
}

export function sampleDraft(overrides: Partial<Draft> = {}): Draft {
  const outline = sampleOutline();
  return {
    title: outline.title,
    unit: outline.unit,
    year: 2025,
    period: "全年",
    engine: "offline",
    facts: sampleFacts(),
    sections: outline.sections.map((s) => section(s.id, `${s.heading || "开头"}正文。`)),
    warnings: [],
    stats: {},
    createdAt: "2025-12-01T00:00:00.000Z",
    ...overrides,
  };
}

/** A fetch double answering by "METHOD path"; records every call. */
export function fakeFetch(routes: Record<string, (body: unknown) => { status?: number; json: unknown }>) {
  const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/, "");
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
    calls.push({ method, path, body, headers: new Headers(init.headers) });
    const handler = routes[`${method} ${path}`];
    if (!handler) return new Response(JSON.stringify({ error: { code: "not_found:route", message: "接口不存在" } }), { status: 404 });
    const r = handler(body);
    return new Response(JSON.stringify(r.json), { status: r.status ?? 200, headers: { "Content-Type": "application/json" } });
  };
  return { fn, calls };
}

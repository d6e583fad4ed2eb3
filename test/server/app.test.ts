import { describe, expect, it } from "vitest";
import { realApp } from "../helpers/app.ts";

describe("the assembled app on embedded defaults", () => {
  const app = realApp({ withCorpus: true });

  it("builds the index from corpus/ on first start and keeps the reuse index in step", async () => {
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.engines.drafting).toEqual({ kind: "offline" });
    expect(body.counts.documents).toBe(5);
    expect(body.counts.chunks).toBeGreaterThan(50);
    expect(body.counts.fingerprints).toBeGreaterThan(1000);
  });

  it("says how it serves: searches from the in-memory copy, checks in a worker thread", async () => {
    await app.request(`/api/search?q=${encodeURIComponent("矛盾纠纷排查化解")}`);
    const body = await (await app.request("/api/health")).json();
    expect(body.serving).toEqual({ search: "memory", checkWorkers: 1 });
  });

  it("says in Chinese that an unknown API path does not exist", async () => {
    const res = await app.request("/api/nope");
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe("not_found:route");
    expect(body.error.message).toMatch(/接口不存在/);
  });

  it("drafts offline from facts, checks the draft, and finds a copied passage as specific reuse", async () => {
    const facts = "单位：XX区委政法委\n年度：2025\n- 全年排查矛盾纠纷6200件，调解成功6150件，调解成功率99.2%\n- 组织政法干警培训4期";
    const parsed = await app.request("/api/drafts/parse", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: facts }),
    });
    expect(parsed.status).toBe(200);

    const copied = "开展进京访突出矛盾“百日会战”,化解中央信访联席办交办重点案件36件、省信联办交办案件28件,化解率分别达94.4%、96.4%";
    const res = await app.request("/api/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: `XX县委政法委2025年工作总结\n今年以来，${copied}。`, year: 2025 }),
    });
    expect(res.status).toBe(200);
    const result = await res.json();
    const reuse = result.findings.filter((f: { kind: string; stock?: boolean }) => f.kind === "reuse" && f.stock === false);
    expect(reuse.length).toBeGreaterThan(0);
    expect(reuse[0].source.title).toMatch(/2025年工作总结/);
  });
});

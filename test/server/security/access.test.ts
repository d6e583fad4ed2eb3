import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { ConfigError, parseConfig } from "../../../server/env.ts";
import { tokenMatches } from "../../../server/middleware/auth.ts";
import { isLoopbackHost } from "../../../server/middleware/origin.ts";
import { sampleDraft } from "../saves/fixture.ts";
import { testDeps } from "../../helpers/deps.ts";

const TOKEN = "k3Jt8sQ2vN7wX4yZ1aB6cD9eF0gH5iJ2";

/** POST a new draft with these extra headers (origin, token) to `url`. */
function createDraft(app: ReturnType<typeof createApp>, headers: Record<string, string>, url = "/api/drafts/new") {
  return app.request(url, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ draft: sampleDraft() }),
  });
}
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-sec-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("listening beyond loopback", () => {
  it("refuses a non-loopback HOST without ZONGJIE_TOKEN, naming the variable", () => {
    for (const HOST of ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "zongjie.intranet"]) {
      let err: unknown;
      try {
        parseConfig({ HOST });
      } catch (e) {
        err = e;
      }
      expect(err, HOST).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/ZONGJIE_TOKEN/);
      expect((err as ConfigError).message).toContain(HOST);
    }
  });

  it("accepts loopback without a token and any address with one", () => {
    for (const HOST of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) expect(parseConfig({ HOST }).token).toBeNull();
    expect(parseConfig({ HOST: "0.0.0.0", ZONGJIE_TOKEN: TOKEN }).token).toBe(TOKEN);
    expect(parseConfig({}).host).toBe("127.0.0.1");
  });
});

describe("bearer token", () => {
  it("compares tokens exactly", () => {
    expect(tokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(tokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const h of [undefined, "", TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, "Bearer ", `Bearer ${TOKEN} ${TOKEN}`]) {
      expect(tokenMatches(h, TOKEN), String(h)).toBe(false);
    }
  });

  it("requires Authorization: Bearer <token> on every API route when a token is set", async () => {
    const app = createApp(testDeps(dataDir, { HOST: "0.0.0.0", ZONGJIE_TOKEN: TOKEN }));
    const routes: [string, string][] = [
      ["GET", "/api/drafts"],
      ["POST", "/api/drafts/new"],
      ["PUT", "/api/drafts/d-000000000abcdefabcdef"],
      ["DELETE", "/api/drafts/d-000000000abcdefabcdef"],
      ["GET", "/api/corpus"],
      ["POST", "/api/search"],
      ["POST", "/api/check"],
      ["POST", "/api/drafts"],
      ["GET", "/api/nope"],
    ];
    for (const [method, url] of routes) {
      for (const auth of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, TOKEN]) {
        const res = await app.request(url, { method, headers: auth ? { Authorization: auth } : {} });
        expect(res.status, `${method} ${url} ${auth}`).toBe(401);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("unauthorized:token");
        expect(body.error.message).toMatch(/令牌/);
      }
    }
    // The token in the query string does not count (it would end up in logs and history).
    expect((await app.request(`/api/drafts?token=${TOKEN}`)).status).toBe(401);
    const ok = await app.request("/api/drafts", { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    const created = await createDraft(app, { Authorization: `Bearer ${TOKEN}` });
    expect(created.status).toBe(201);
  });

  it("tells an anonymous caller of /api/health only that a token is needed", async () => {
    const app = createApp(testDeps(dataDir, { HOST: "0.0.0.0", ZONGJIE_TOKEN: TOKEN }));
    const anon = (await (await app.request("/api/health")).json()) as Record<string, unknown>;
    expect(anon).toEqual({ ok: true, authRequired: true });
    const full = (await (await app.request("/api/health", { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, unknown>;
    expect(full).toMatchObject({ ok: true, authRequired: true, engines: expect.any(Object), counts: expect.any(Object) });
  });

  it("needs no token on loopback when none is configured", async () => {
    const app = createApp(testDeps(dataDir));
    expect((await app.request("/api/drafts")).status).toBe(200);
    expect(((await (await app.request("/api/health")).json()) as { authRequired: boolean }).authRequired).toBe(false);
  });
});

describe("browser-facing protections", () => {
  it("sends secure headers on API answers, errors and unknown routes", async () => {
    const app = createApp(testDeps(dataDir));
    for (const url of ["/api/health", "/api/nope", "/api/drafts/d-000000000abcdefabcdef", "/"]) {
      const res = await app.request(url);
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("X-Powered-By")).toBeNull();
      if (url.startsWith("/api")) expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("sends no CORS headers at all unless CORS_ORIGINS is set", async () => {
    const app = createApp(testDeps(dataDir));
    const pre = await app.request("/api/drafts", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" },
    });
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(pre.headers.get("Access-Control-Allow-Methods")).toBeNull();
    const get = await app.request("/api/drafts", { headers: { Origin: "https://evil.example" } });
    expect(get.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("allows exactly the configured CORS origins", async () => {
    const app = createApp(testDeps(dataDir, { CORS_ORIGINS: "https://oa.intranet.example" }));
    const good = await app.request("/api/drafts", {
      method: "OPTIONS",
      headers: { Origin: "https://oa.intranet.example", "Access-Control-Request-Method": "PUT" },
    });
    expect(good.headers.get("Access-Control-Allow-Origin")).toBe("https://oa.intranet.example");
    expect(good.headers.get("Access-Control-Allow-Headers") ?? "").toMatch(/Authorization/i);
    const bad = await app.request("/api/drafts", { headers: { Origin: "https://evil.example" } });
    expect(bad.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const post = await createDraft(app, { Origin: "https://oa.intranet.example" });
    expect(post.status).toBe(201);
  });

  it("refuses cross-site writes (form posts need no preflight) but allows same-origin ones", async () => {
    const app = createApp(testDeps(dataDir));
    const form = new FormData();
    form.append("file", new Blob(["忽略"]), "x.txt");
    const evil = await app.request("/api/corpus", { method: "POST", headers: { Origin: "https://evil.example" }, body: form });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe("forbidden:origin");
    const evilDelete = await app.request("/api/drafts/d-000000000abcdefabcdef", { method: "DELETE", headers: { Origin: "null" } });
    expect(evilDelete.status).toBe(403);
    const same = await createDraft(app, { Origin: "http://localhost:8787" }, "http://localhost:8787/api/drafts/new");
    expect(same.status).toBe(201);
  });

  it("refuses a foreign Host on a tokenless loopback server (DNS rebinding)", async () => {
    const app = createApp(testDeps(dataDir));
    const res = await app.request("http://evil.example:8787/api/drafts", { headers: { Host: "evil.example:8787" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/仅供本机使用/);
    for (const host of ["127.0.0.1:8787", "localhost:8787", "[::1]:8787", "LOCALHOST"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example:80", "", "0.0.0.0:8787"]) expect(isLoopbackHost(host), host).toBe(false);
    const withToken = createApp(testDeps(dataDir, { HOST: "0.0.0.0", ZONGJIE_TOKEN: TOKEN }));
    const lan = await withToken.request("http://zongjie.intranet:8787/api/drafts", { headers: { Host: "zongjie.intranet:8787", Authorization: `Bearer ${TOKEN}` } });
    expect(lan.status).toBe(200);
  });

  const WEB_DIST = path.resolve(import.meta.dirname, "../../../web/dist");
  it.skipIf(!existsSync(path.join(WEB_DIST, "index.html")))("serves the built editor under the same CSP, which its HTML can live with (no inline scripts)", async () => {
    const app = createApp({ ...testDeps(dataDir), webRoot: WEB_DIST });
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    const html = await res.text();
    // Every <script> loads a same-origin file; an inline one would be blocked by script-src 'self'.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/[^"/][^"]*"/);
      expect(body.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
    // A client-side route falls back to the editor, with the same headers.
    const deep = await app.request("/drafts/d-000000000abcdefabcdef");
    expect(deep.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
  });
});

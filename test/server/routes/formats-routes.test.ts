import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { storeDeps } from "../../helpers/deps.ts";

const FORMATS = path.resolve(import.meta.dirname, "../../fixtures/formats");
const file = (name: string, as = name) => new File([readFileSync(path.join(FORMATS, name))], as);

let env: Awaited<ReturnType<typeof storeDeps>>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  env = await storeDeps({ maxUploadMB: 1 });
  app = createApp(env.deps);
});
afterAll(() => env.cleanup());

async function post(route: string, f: File) {
  const form = new FormData();
  form.append("file", f);
  return app.request(route, { method: "POST", body: form });
}

describe("the same readers behind check uploads and draft import", () => {
  it("checks an uploaded PDF and an OFD, returning the text the findings point into", async () => {
    for (const name of ["002.pdf", "002.ofd"]) {
      const res = await post("/api/check", file(name));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { text: string; format: string; findings: Array<{ start: number; end: number }> };
      expect(body.format).toBe(name.split(".")[1]);
      expect(body.text).not.toMatch(/—\s*\d+\s*—/);
      for (const f of body.findings) expect(f.end).toBeLessThanOrEqual(body.text.length);
    }
  });
  it("imports a .doc draft with Word's numbering restored", async () => {
    const res = await post("/api/drafts/import", file("numbering.doc", "稿件.doc"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; format: string };
    expect(body.format).toBe("doc");
    expect(body.text).toContain("\n二、存在的问题\n");
  });
  it("refuses an encrypted PDF with a Chinese reason on both routes", async () => {
    for (const route of ["/api/check", "/api/drafts/import"]) {
      const res = await post(route, file("numbering-encrypted.pdf"));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("bad_request:encrypted");
      expect(body.error.message).toContain("密码");
    }
  });
});

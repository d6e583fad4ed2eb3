import { describe, expect, it } from "vitest";
import { realApp } from "../../helpers/app.ts";

/** Routes that take JSON or a multipart upload, each body kind checked by its own validator. */
describe("a route taking JSON or an upload", () => {
  const app = realApp();

  const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error });

  it("checks an upload's fields and names the missing file in Chinese", async () => {
    for (const url of ["/api/drafts/parse", "/api/check", "/api/drafts/import"]) {
      const form = new FormData();
      form.append("year", "2024");
      const e = await errorOf(await app.request(url, { method: "POST", body: form }));
      expect(e, url).toMatchObject({ status: 400, code: "bad_request:invalid_input" });
      expect(e.message, url).toMatch(/请上传/);
      expect(e.message, url).not.toMatch(/字段|\bfiles?\b|JSON/); // no field names or protocol words
    }
  });

  it("checks a JSON body against its own schema, not the upload's", async () => {
    const e = await errorOf(await app.request("/api/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "" }) }));
    expect(e).toMatchObject({ status: 400, code: "bad_request:invalid_input" });
    expect(e.message).toContain("要检查的文字为空");
  });

  it("refuses a body that is neither, saying what it takes", async () => {
    for (const url of ["/api/drafts/parse", "/api/check"]) {
      const e = await errorOf(await app.request(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "一段文字" }));
      expect(e, url).toMatchObject({ status: 400, code: "bad_request:invalid_input" });
      expect(e.message, url).toMatch(/请填写.*或上传/);
    }
  });
});

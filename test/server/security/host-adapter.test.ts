import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../server/errors.ts";
import { guardOrigin } from "../../../server/middleware/origin.ts";

// The Host guard under the node adapter, where it reads Node's own request instead of the fetch Headers:
// the same answers as through the fetch Headers, a repeated Host included (joined, so never loopback).
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.use("*", guardOrigin({ token: null, corsOrigins: [] }));
  app.get("/api/x", (c) => c.text("ok"));
  app.onError((e, c) => c.text(e instanceof AppError ? e.code : "error", 403));
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A raw GET with these header lines; the status line and body of the answer. */
function rawGet(headerLines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => s.write(`GET /api/x HTTP/1.1\r\n${headerLines.join("\r\n")}\r\nConnection: close\r\n\r\n`));
    let got = "";
    s.on("data", (d) => (got += d));
    s.on("end", () => resolve(got));
    s.on("error", reject);
  });
}

describe("the Host guard through the node adapter", () => {
  it("serves a loopback Host and refuses a foreign one", async () => {
    expect(await rawGet([`Host: 127.0.0.1:${port}`])).toMatch(/^HTTP\/1\.1 200[\s\S]*ok$/);
    expect(await rawGet([`host: localhost:${port}`])).toMatch(/^HTTP\/1\.1 200/);
    expect(await rawGet(["Host: evil.example"])).toMatch(/^HTTP\/1\.1 403[\s\S]*forbidden:host$/);
  });

  it("refuses a repeated Host even when the first is loopback", async () => {
    expect(await rawGet([`Host: 127.0.0.1:${port}`, "Host: evil.example"])).toMatch(/^HTTP\/1\.1 (403[\s\S]*forbidden:host|400)/);
  });
});

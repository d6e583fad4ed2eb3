import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvSchema, parseConfig } from "../../server/env.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("configuration", () => {
  it(".env.example and the README list every variable the server reads", () => {
    const names = Object.keys(EnvSchema.shape);
    const example = readFileSync(path.join(ROOT, ".env.example"), "utf8");
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const n of names) {
      expect(example, n).toMatch(new RegExp(`^#?\\s*${n}=`, "m"));
      expect(readme, n).toContain(`\`${n}\``);
    }
  });

  it("parses the worker and search-memory settings with their limits", () => {
    const c = parseConfig({});
    expect(c.checkWorkers).toBe(1);
    expect(c.searchMemoryMB).toBe(256);
    expect(parseConfig({ CHECK_WORKERS: "0", SEARCH_MEMORY_MB: "0" })).toMatchObject({ checkWorkers: 0, searchMemoryMB: 0 });
    expect(() => parseConfig({ CHECK_WORKERS: "-1" })).toThrow(/CHECK_WORKERS/);
    expect(() => parseConfig({ SEARCH_MEMORY_MB: "lots" })).toThrow(/SEARCH_MEMORY_MB/);
  });
});

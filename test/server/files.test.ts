import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeQuietly, openUnlinked, readFully, writeFully } from "../../server/files.ts";

describe("file helpers", () => {
  it("temporary files are gone from the folder as soon as they are open, and still read and write", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-files-test-"));
    try {
      const [a, b] = openUnlinked("t-", ["a.bin", "b.bin"], dir);
      expect(readdirSync(dir)).toEqual([]);
      writeFully(a, Buffer.from("范文库"), 4);
      const back = Buffer.alloc(9);
      readFully(a, back, 4, "截断");
      expect(back.toString("utf8")).toBe("范文库");
      // A read past the end says so.
      expect(() => readFully(b, Buffer.alloc(1), 0, "临时文件被截断")).toThrow("临时文件被截断");
      closeQuietly([a, b, null]);
      // Closing again (a handle already closed) is quiet.
      expect(() => closeQuietly([a, b])).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The command's help says what each subcommand takes: every flag a subcommand parses is named in its line,
 * no line names a flag the subcommand does not take, and every file format the archive reads is listed.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS, usage } from "../../../server/cli.ts";
import { FORMAT_NAMES, UPLOAD_EXTENSIONS } from "../../../server/corpus/formats.ts";

describe("zongjie --help", () => {
  for (const [name, cmd] of Object.entries(COMMANDS)) {
    it(`names every flag of ${name}, and only those`, async () => {
      const { OPTIONS } = await cmd.load();
      const parsed = Object.keys(OPTIONS).map((k) => `--${k}`).sort();
      const named = [...new Set([...cmd.summary.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))].sort();
      expect(named).toEqual(parsed);
    });
  }

  it("lists every file format the archive reads, and the upload extensions", () => {
    const help = usage();
    for (const ext of Object.keys(FORMAT_NAMES)) expect(help).toContain(`.${ext}`);
    for (const ext of UPLOAD_EXTENSIONS) expect(COMMANDS.ingest.summary).toContain(ext);
    expect(help).toContain("--data");
  });
});

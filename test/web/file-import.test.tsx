import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useDraftSession } from "../../web/features/drafting/api/use-draft-session.ts";
import { fileProblem, setUploadLimitMB } from "../../web/lib/files.ts";
import { fakeFetch } from "./fixtures.ts";

/** GBK bytes of a text, from the platform's GB18030 decoder run backwards over the two-byte range. */
function gbk(text: string): Uint8Array<ArrayBuffer> {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) table.set(dec.decode(Uint8Array.of(hi, lo)), [hi, lo]);
  return Uint8Array.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

/** A File whose size is what the browser reports, without holding the bytes. */
function sized(name: string, size: number): File {
  const f = new File(["x"], name);
  Object.defineProperty(f, "size", { value: size });
  return f;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  setUploadLimitMB(10);
});

describe("a file the editor is given", () => {
  it("is refused before reading when empty or over the server's limit, in plain words", () => {
    expect(fileProblem(sized("要点.txt", 0))).toMatch(/^文件为空/);
    expect(fileProblem(sized("要点.txt", 20 * 1024 * 1024))).toMatch(/^文件过大：不能超过 10 MB（《要点\.txt》有 20 MB）$/);
    setUploadLimitMB(2);
    expect(fileProblem(sized("要点.txt", 3 * 1024 * 1024))).toMatch(/不能超过 2 MB/);
    expect(fileProblem(sized("要点.txt", 1024))).toBeNull();
  });

  it("imports a GBK facts file through the server's decoder, never decoding it in the browser", async () => {
    const text = "单位：某区委政法委\n- 调解纠纷320件";
    const api = fakeFetch({ "POST /api/drafts/import": () => ({ json: { text, format: "txt", encoding: "gb18030" } }) });
    vi.stubGlobal("fetch", api.fn);
    const { result } = renderHook(() => useDraftSession());
    const file = new File([gbk(text)], "要点.txt", { type: "text/plain" });
    const read = vi.fn(async () => new TextDecoder().decode(gbk(text))); // what the browser would read: mojibake
    Object.defineProperty(file, "text", { value: read });
    await act(() => result.current.importFactsFile(file));
    expect(result.current.factsText).toBe(text);
    expect(result.current.error).toBeNull();
    expect(read).not.toHaveBeenCalled();
    const sent = api.calls[0].body as FormData;
    expect(sent.get("file")).toBeInstanceOf(File);
  });

  it("says 文件为空 for an empty file or one with no text, and 文件过大 for a large one, sending nothing for either", async () => {
    const api = fakeFetch({ "POST /api/drafts/import": () => ({ json: { text: " \n ", format: "docx", encoding: "docx" } }) });
    vi.stubGlobal("fetch", api.fn);
    const { result } = renderHook(() => useDraftSession());
    await act(() => result.current.importFactsFile(new File([], "空.txt")));
    expect(result.current.error).toMatch(/^文件为空/);
    await act(() => result.current.importFactsFile(sized("大.txt", 20 * 1024 * 1024)));
    expect(result.current.error).toMatch(/^文件过大：不能超过 10 MB/);
    expect(api.calls).toHaveLength(0);
    await act(() => result.current.importFactsFile(new File(["PK"], "无字.docx")));
    expect(result.current.error).toMatch(/^文件为空/);
    expect(result.current.factsText).toBe("");
  });
});

import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { listZipEntries } from "../../../server/corpus/zip.ts";

/** GBK bytes of a text, from the platform's own GB18030 decoder run backwards over the two-byte range. */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) table.set(dec.decode(Uint8Array.of(hi, lo)), [hi, lo]);
  return Uint8Array.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

/**
 * A .zip as Chinese Windows makes it: entry names in GBK and the UTF-8 flag (bit 11) off. fflate writes UTF-8 names,
 * so the archive is made with an ASCII name of the same byte length, then the name bytes are swapped for GBK ones
 * in the local header and the central directory, and the flag cleared.
 */
function windowsZip(name: string, content: string): Uint8Array {
  const raw = gbk(name);
  const stand = "a".repeat(raw.length);
  const zip = zipSync({ [stand]: new TextEncoder().encode(content) });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let p = 0; p + 4 <= zip.length; p++) {
    const sig = view.getUint32(p, true);
    if (sig === 0x04034b50) {
      view.setUint16(p + 6, view.getUint16(p + 6, true) & ~0x800, true);
      zip.set(raw, p + 30);
    } else if (sig === 0x02014b50) {
      view.setUint16(p + 8, view.getUint16(p + 8, true) & ~0x800, true);
      zip.set(raw, p + 46);
    }
  }
  return zip;
}

describe("zip entry names", () => {
  it("reads names without the UTF-8 flag as GB18030 (archives made on Chinese Windows)", () => {
    const entries = listZipEntries("材料.zip", windowsZip("2023年工作总结.txt", "正文"));
    expect(entries.map((e) => e.name)).toEqual(["2023年工作总结.txt"]);
  });

  it("keeps UTF-8 names as they are, with or without the flag", () => {
    const zip = zipSync({ "政法委总结.txt": new TextEncoder().encode("正文") });
    expect(listZipEntries("材料.zip", zip).map((e) => e.name)).toEqual(["政法委总结.txt"]);
  });
});

/**
 * A Big5 encoder for tests. Node has a Big5 decoder (full ICU) but no encoder, so the table is built by
 * inverting the decoder over the Big5 range 0x8140–0xF9FE: standard Big5 (leads 0xA1–0xF9) first, then
 * the HKSCS leads 0x81–0xA0, keeping the pair an encoder would choose (iconv agrees on the fixture).
 */

let table: Map<string, [number, number]> | null = null;
const LAST_POINTER = new Set(["\u2550", "\u255e", "\u2561", "\u256a", "\u5341", "\u5345"]);

function big5Table(): Map<string, [number, number]> {
  if (table) return table;
  const decoder = new TextDecoder("big5", { fatal: true });
  const map = new Map<string, [number, number]>();
  const leads = [...Array.from({ length: 0xf9 - 0xa1 + 1 }, (_, i) => 0xa1 + i), ...Array.from({ length: 0xa0 - 0x81 + 1 }, (_, i) => 0x81 + i)];
  const trails = [...Array.from({ length: 0x7e - 0x40 + 1 }, (_, i) => 0x40 + i), ...Array.from({ length: 0xfe - 0xa1 + 1 }, (_, i) => 0xa1 + i)];
  for (const lead of leads) {
    for (const trail of trails) {
      let ch: string;
      try {
        ch = decoder.decode(Uint8Array.of(lead, trail));
      } catch {
        continue;
      }
      if (ch.length === 0 || [...ch].length !== 1) continue;
      // Big5 has two codes for a few characters; like the WHATWG encoder, take the later one for these.
      if (map.has(ch) && !LAST_POINTER.has(ch)) continue;
      map.set(ch, [lead, trail]);
    }
  }
  table = map;
  return map;
}

/** Encode text as Big5 bytes; throws on a character Big5 cannot hold (so a test never encodes silently wrong). */
export function encodeBig5(text: string): Uint8Array {
  const map = big5Table();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const pair = map.get(ch);
    if (!pair) throw new Error(`Big5 has no code for ${ch} (U+${cp.toString(16).toUpperCase()})`);
    out.push(...pair);
  }
  return Uint8Array.from(out);
}

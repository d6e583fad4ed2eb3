/**
 * A small XML tag scanner for the readers of .docx numbering and OFD pages, linear in the length of the
 * document whatever it holds. Regular expressions of the form `<X>([\s\S]*?)</X>` scan to the end of the
 * document once per unclosed <X>, so 65,000 unclosed tags cost 65,000 scans (minutes); this scanner looks
 * at each character a bounded number of times: every search starts where the previous one ended.
 *
 * It is not a validating parser: no DTD is read and no entity other than the five predefined ones and
 * character references is expanded (so neither XXE nor “billion laughs” can apply), and a character
 * reference to something XML does not allow (`&#x110000;`, `&#0;`, a lone surrogate) is dropped and
 * counted, never a crash.
 */

export interface XmlTag {
  /** The qualified name as written ("w:p", "ofd:TextObject"). */
  name: string;
  /** The name without its prefix ("p", "TextObject"). */
  local: string;
  /** The raw attribute text between the name and the end of the tag. */
  attrs: string;
  /** `</x>` */
  closing: boolean;
  /** `<x/>` */
  selfClosing: boolean;
  /** Offsets of `<` and just after `>`. */
  start: number;
  end: number;
}

/** Characters dropped while decoding: references to code points XML does not allow. */
export interface XmlNotes {
  droppedChars: number;
}

/**
 * Every start, end and empty-element tag of a document, in order. Comments, processing instructions,
 * CDATA sections and declarations are skipped (each with one forward search); text is what lies between
 * one tag's `end` and the next tag's `start`. An unterminated construct ends the scan.
 */
export function* xmlTags(xml: string): Generator<XmlTag> {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      const close = xml.startsWith("<!--", lt) ? "-->" : xml.startsWith("<![CDATA[", lt) ? "]]>" : ">";
      const end = xml.indexOf(close, lt + 2);
      if (end < 0) return;
      i = end + close.length;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) return;
      i = end + 2;
      continue;
    }
    // The tag runs to the first `>` outside a quoted attribute value.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e /* > */) break;
      else if (c === 0x3c /* < */) break; // a stray `<`: this was no tag; start again from there
    }
    if (j >= n) return;
    if (xml.charCodeAt(j) === 0x3c) {
      i = j;
      continue;
    }
    const closing = next === 0x2f; /* / */
    const body = xml.slice(lt + (closing ? 2 : 1), j);
    const selfClosing = !closing && body.endsWith("/");
    const inner = selfClosing ? body.slice(0, -1) : body;
    const m = /^[^\s/>]+/.exec(inner);
    i = j + 1;
    if (!m) continue;
    const name = m[0];
    const colon = name.indexOf(":");
    yield { name, local: colon >= 0 ? name.slice(colon + 1) : name, attrs: inner.slice(name.length), closing, selfClosing, start: lt, end: j + 1 };
  }
}

/** The attributes of a tag, by qualified name (values not yet decoded). */
export function xmlAttrs(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of attrs.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1], m[2] ?? m[3] ?? "");
  return out;
}

/** Whether XML 1.0 allows this code point in a document (its `Char` production). */
function allowedInXml(cp: number): boolean {
  if (cp === 0x9 || cp === 0xa || cp === 0xd) return true;
  if (cp < 0x20) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp === 0xfffe || cp === 0xffff) return false;
  return cp <= 0x10ffff;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Expand the predefined entities and character references. A reference to a code point XML does not
 * allow is dropped and counted in `notes` (when given); nothing else is expanded.
 */
export function decodeXml(s: string, notes?: XmlNotes): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,16}|#\d{1,20}|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith("#")) {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isSafeInteger(cp) || !allowedInXml(cp)) {
        if (notes) notes.droppedChars++;
        return "";
      }
      return String.fromCodePoint(cp);
    }
    return ENTITY[e];
  });
}

/** The note a reader gives back when characters were dropped. */
export function droppedCharsNote(notes: XmlNotes): string | null {
  return notes.droppedChars > 0 ? `文件中有 ${notes.droppedChars} 个无效字符（XML 不允许的字符编码），已略去` : null;
}

/**
 * A reasoning model's thought never becomes text. Servers deliver it in one of three forms
 * (docs/models.md): a separate field of the streamed delta (`reasoning_content`, or `reasoning`
 * in newer vLLM and in Ollama), or inside the content between `<think>` and `</think>`; and a
 * template that opens the block in the prompt leaves only the closing tag in the output.
 *
 * ThoughtSplitter takes content deltas as they arrive and passes on only what lies outside a
 * thought. A tag may be split across deltas (“<thi” + “nk>”), so a tail that could still become a
 * tag is held back until the next delta decides it. A block that is never closed (the output was
 * cut off while thinking) is thought to its end. A closing tag with no opening one means that
 * everything before it was thought: the visible text gathered so far is dropped from the result
 * (`retracted` tells the caller that what it streamed so far was thought).
 */

const OPEN = "<think>";
const CLOSE = "</think>";

export interface SplitResult {
  /** Visible text to pass on now. */
  text: string;
  /** Characters of thought in this delta. */
  thought: number;
  /** True when a closing tag without an opening one turned the text so far into thought. */
  retracted: boolean;
}

/** The longest suffix of `s` that is a proper prefix of `tag` (a tag that may continue in the next delta). */
function partialTagTail(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) if (s.endsWith(tag.slice(0, n))) return n;
  return 0;
}

export class ThoughtSplitter {
  private inThought: boolean;
  /** Content taken for thought only because the model's template opens the block; text if no close comes. */
  private provisional: string | null;
  private held = "";
  private visible = "";
  /** Characters of thought seen, in the content and in reasoning fields. */
  thoughtChars = 0;
  /** How the thought arrived: in the content's tags, in a separate field, or not at all (yet). */
  form: "tags" | "field" | null = null;

  /**
   * `opened`: the model's template opens the thought in the prompt (learned from an earlier reply
   * with a closing tag only), so its output starts inside a thought. If no closing tag comes, the
   * content was text after all and is returned by end().
   */
  constructor(opened = false) {
    this.inThought = opened;
    this.provisional = opened ? "" : null;
  }

  /** Feed one content delta. */
  push(delta: string): SplitResult {
    let s = this.held + delta;
    this.held = "";
    let text = "";
    let thought = 0;
    let retracted = false;
    while (s) {
      if (this.inThought) {
        const end = s.indexOf(CLOSE);
        if (end < 0) {
          const keep = partialTagTail(s, CLOSE);
          thought += s.length - keep;
          if (this.provisional !== null) this.provisional += s.slice(0, s.length - keep);
          this.held = s.slice(s.length - keep);
          s = "";
        } else {
          thought += end;
          this.inThought = false;
          this.provisional = null;
          s = s.slice(end + CLOSE.length);
        }
        continue;
      }
      const open = s.indexOf(OPEN);
      const close = s.indexOf(CLOSE);
      if (close >= 0 && (open < 0 || close < open)) {
        // A closing tag with no opening one: all visible text up to here was thought.
        thought += this.visible.length + text.length + close;
        this.visible = "";
        text = "";
        retracted = true;
        this.form = "tags";
        s = s.slice(close + CLOSE.length);
        continue;
      }
      if (open >= 0) {
        text += s.slice(0, open);
        this.inThought = true;
        this.form = "tags";
        s = s.slice(open + OPEN.length);
        continue;
      }
      const keep = Math.max(partialTagTail(s, OPEN), partialTagTail(s, CLOSE));
      text += s.slice(0, s.length - keep);
      this.held = s.slice(s.length - keep);
      s = "";
    }
    // Whitespace right after a closed thought (“</think>\n\n”) is not text.
    if (!this.visible && !text.trim()) text = "";
    else if (!this.visible) text = text.replace(/^\s+/, "");
    this.visible += text;
    this.thoughtChars += thought;
    return { text, thought, retracted };
  }

  /** A thought delivered in a separate field (`reasoning_content`, `reasoning`). */
  field(chars: number): void {
    if (chars > 0) {
      this.thoughtChars += chars;
      this.form ??= "field";
    }
  }

  /** End of stream: a held tail that never became a tag is text, unless it sits inside a thought. */
  end(): string {
    if (this.inThought && this.provisional !== null) {
      // The template did not open a thought this time: everything was text.
      this.thoughtChars -= this.provisional.length;
      this.inThought = false;
      this.held = this.provisional + this.held;
      this.provisional = null;
      this.held = this.held.replace(/^\s+/, "");
    }
    const rest = this.inThought ? "" : this.held;
    this.held = "";
    this.visible += rest;
    return rest;
  }

  /** Everything visible so far (the reply as the caller should see it). */
  get text(): string {
    return this.visible;
  }

  /** True while the model is inside a thought (or has produced only thought). */
  get thinking(): boolean {
    return this.inThought || (this.visible === "" && this.thoughtChars > 0);
  }
}

/** Strip every thought from a complete reply (for replies that did not come through a stream). */
export function stripThoughts(reply: string): string {
  const s = new ThoughtSplitter();
  s.push(reply);
  s.end();
  return s.text;
}

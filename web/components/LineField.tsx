import { useLayoutEffect, useRef } from "react";

/**
 * A one-line text (a heading, a title) as a textarea that wraps and grows with it, so a long one is
 * read whole instead of scrolling sideways. It stays one line: Enter adds no line break (Ctrl+Enter
 * still reaches the page) and pasted line breaks are dropped.
 */
export function LineField({ label, value, onChange, className }: { label: string; value: string; onChange: (v: string) => void; className: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.height = "auto";
      // scrollHeight leaves out the border, which border-box sizing counts in the height.
      if (el.scrollHeight) el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
    };
    fit();
    // A narrower column wraps more lines: refit then too.
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [value]);
  return (
    <textarea
      ref={ref}
      className={className}
      rows={1}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/[\r\n]+/g, ""))}
      onKeyDown={(e) => {
        // While an IME is composing, Enter commits the characters: leave it to the IME.
        if (e.key === "Enter" && !e.nativeEvent.isComposing) e.preventDefault();
      }}
    />
  );
}

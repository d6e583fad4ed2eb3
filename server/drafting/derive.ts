/**
 * Derived figures: a figure the facts do not state but that follows from them. The fidelity check and the audit sheet
 * license a figure through this one function, so they agree figure by figure:
 * - given: the facts (or the unit's name) state it, or it is an allowed extra (the report's years);
 * - derived in its sentence: a sum, a difference, a share or a change of two figures the same sentence states and the
 *   facts give (受理1234件，调解成功1200件，成功率97.2% → 1200 ÷ 1234 × 100% = 97.2%). Only figures of the same
 *   sentence are operands, so a figure cannot be matched by chance against every pair of the draft's facts;
 * - derived by the writer: a derivation handed in with the draft (a 同比 change from last year's summary), which
 *   licenses its figure only once the writer confirmed it.
 */
import { splitSentences } from "../text/sentences.ts";
import { extractFigures, isLicensed } from "./figures.ts";
import { figureKey, type Figure } from "../numbers/index.ts";
import type { Derivation } from "./provenance.ts";

export interface FigureLicense {
  figure: Figure;
  licensed: boolean;
  /** How a figure the facts do not give was worked out, and by whom. */
  derivation?: { formula: string; by: "sentence" | "writer"; confirmed: boolean };
}

/** Digits after the decimal point of a figure as written (97.2% → 1). */
function decimals(raw: string): number {
  const m = /\d+\.(\d+)/.exec(raw);
  return m ? m[1].length : 0;
}

const fmt = (v: number) => String(Math.round(v * 1e6) / 1e6);

/** Whether `x` written to `d` decimals is `v`; a whole percent must be nearly exact, or most pairs would round to one. */
function rounds(x: number, v: number, d: number): boolean {
  const scale = 10 ** d;
  if (Math.round(x * scale) / scale !== v) return false;
  return d > 0 || Math.abs(x - v) < 0.05;
}

/** How `f` follows from two other figures of its sentence that the facts give; null when it does not. */
export function deriveInSentence(f: Figure, operands: Figure[]): string | null {
  const others = operands.filter((o) => o.start !== f.start && o.value > 0);
  if (f.kind === "number") {
    const same = others.filter((o) => o.kind === "number" && o.unit === f.unit);
    for (const [i, a] of same.entries()) {
      for (const b of same.slice(i + 1)) {
        if (Math.abs(a.value + b.value - f.value) < 1e-9) return `${fmt(a.value)} + ${fmt(b.value)} = ${fmt(f.value)}`;
        const [hi, lo] = a.value >= b.value ? [a, b] : [b, a];
        if (Math.abs(hi.value - lo.value - f.value) < 1e-9 && f.value > 0) return `${fmt(hi.value)} − ${fmt(lo.value)} = ${fmt(f.value)}`;
      }
    }
    return null;
  }
  const d = decimals(f.raw);
  if (f.kind === "percent") {
    const counts = others.filter((o) => o.kind === "number");
    for (const a of counts) {
      for (const b of counts) {
        if (a === b || a.unit !== b.unit) continue;
        // A share (part of a whole) when the figure states no change; a change (同比上升/下降) when it does.
        if (!f.direction && a.value < b.value && rounds((a.value / b.value) * 100, f.value, d)) return `${fmt(a.value)} ÷ ${fmt(b.value)} × 100% = ${f.raw}`;
        if (f.direction && rounds((Math.abs(a.value - b.value) / b.value) * 100, f.value, d)) return `（${fmt(a.value)} − ${fmt(b.value)}）÷ ${fmt(b.value)} × 100% = ${f.raw}`;
      }
    }
    return null;
  }
  if (f.kind === "points") {
    const rates = others.filter((o) => o.kind === "percent");
    for (const a of rates) for (const b of rates) if (a !== b && a.value > b.value && rounds(a.value - b.value, f.value, d)) return `${a.raw} − ${b.raw} = ${f.raw}`;
  }
  return null;
}

/** Every figure of a text with its license: given by the facts, derived in its sentence, derived by the writer, or none. */
export function licenseFigures(text: string, keys: Set<string>, year: number, derivations: Derivation[] = []): FigureLicense[] {
  const figures = extractFigures(text);
  const spans = splitSentences(text);
  return figures.map((figure) => {
    if (isLicensed(figure, keys, year)) return { figure, licensed: true };
    const span = spans.find((s) => s.start <= figure.start && figure.end <= s.end);
    const given = figures.filter((g) => g !== figure && (!span || (span.start <= g.start && g.end <= span.end)) && keys.has(figureKey(g)));
    const formula = deriveInSentence(figure, given);
    if (formula) return { figure, licensed: true, derivation: { formula, by: "sentence", confirmed: true } };
    const d = derivations.find((x) => figureKey(x) === figureKey(figure));
    if (d) return { figure, licensed: d.confirmed, derivation: { formula: d.formula, by: "writer", confirmed: d.confirmed } };
    return { figure, licensed: false };
  });
}

/** A figure found in text, with its value normalised so "1.2万" and "12000" compare equal. */
export interface Figure {
  start: number; // offset into the text it was found in
  end: number;
  raw: string; // as written, e.g. "1.2万余件", "三成", "99.2%"
  value: number; // normalised: 万/亿 multiplied out, Chinese numerals converted; a percent is 99.2 for "99.2%"
  unit: string; // measure word or unit after the number ("件", "人", "%", "个百分点", "元", …), "" if none
  kind: "number" | "percent" | "points" | "year" | "date" | "ordinal";
  /** 余/多/近/约/左右/超 qualifier, if any */
  approx: string | null;
  /** "up" for 上升/增长/提高, "down" for 下降/减少, when the figure is a change */
  direction: "up" | "down" | null;
}

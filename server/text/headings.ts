/** Heading labels of an outline. No native code: the editor shows the same labels the server writes. */
import { chineseOrdinal } from "./numerals.ts";

/** Headings with their numbering derived from order and level: 一、… then （一）… restarting under each 一、. */
export function headingLabels(sections: ReadonlyArray<{ level: number; heading: string }>): string[] {
  let l1 = 0;
  let l2 = 0;
  return sections.map((s) => {
    if (s.level === 1) {
      l1++;
      l2 = 0;
      return `${chineseOrdinal(l1)}、${s.heading}`;
    }
    if (s.level === 2) {
      l2++;
      return `（${chineseOrdinal(l2)}）${s.heading}`;
    }
    return s.heading;
  });
}

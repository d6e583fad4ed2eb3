/** The name lists: surnames, the endings of units' and places' names (what server/text/names.ts finds names by). */
import { z } from "zod";
import type { NameLists } from "../text/names.ts";
import { defineList } from "./define.ts";

const NameListSchema = z
  .object({
    surnames: z.array(z.string().regex(/^\p{Script=Han}{1,2}$/u, "姓氏应为一到两个汉字")),
    organs: z.array(z.string().regex(/^\p{Script=Han}{2,10}$/u, "单位名称的结尾应为二到十个汉字")),
    placeEndings: z.array(z.string().regex(/^\p{Script=Han}{1,3}$/u, "地名的结尾应为一到三个汉字")),
  })
  .transform(
    (d): NameLists => ({
      surnames: new Set(d.surnames),
      // The longest first: a name is matched by its longest ending (人民调解委员会 before 调解委员会).
      organs: [...d.organs].sort((a, b) => b.length - a.length),
      placeEndings: d.placeEndings,
    }),
  );

/** Surnames, unit endings and place endings; the data folder's names.json extends them. */
export const loadNameList = defineList({ file: "names.json", schema: NameListSchema });

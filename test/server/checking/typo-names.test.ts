import { describe, expect, it } from "vitest";
import { checkTypos, type TypoContext } from "../../../server/checking/typo/index.ts";
import { nameListItems } from "../../../server/checking/typo/names.ts";

// All sentences are written for these tests; none is taken from a report.
const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);
const items = (text: string) => nameListItems(text).map(([a, b]) => text.slice(a, b));

describe("a list of firms' or products' names", () => {
  it("withholds a suggestion inside a name of a list whose items are names (characters the dictionary does not join)", () => {
    const text = "推动麒麟软件、广瀚新材、岚图新能等企业扩产。";
    expect(items(text)).toEqual(["广瀚新材", "岚图新能"]);
    expect(typos(text)).toEqual([]);
    // Without the list guards the same names are read as slips of common words.
    expect(typos(text, { guards: { lists: false } })).toEqual(["瀚→泛", "岚→蓝"]);
  });

  it("still finds a plain slip in a list of terms, whose other items segment cleanly", () => {
    expect(items("加强安全生产、环境保户、食品安全等工作。")).toEqual([]);
    expect(typos("加强安全生产、环境保户、食品安全等工作。")).toEqual(["户→护"]);
  });

  it("still finds a slip in a list of the state's organs with two broken items (organs are known names, not firms')", () => {
    // Two items broken by slips look like names by their characters; their organ endings say they are not.
    const text = "国家卫申健康委、财玫部、农业农村部按职责分工负责。";
    expect(items(text)).toEqual([]);
    expect(typos(text)).toEqual(["申→生"]);
  });

  it("takes items that share a frame for parallel slogans, not names", () => {
    expect(items("做到有案必查、有访必回、有诉必办。")).toEqual([]);
  });

  it("needs a second item that looks like a name: one broken item is a slip", () => {
    expect(items("推动麒麟软件、广瀚新材、飞行汽车等企业扩产。")).toEqual([]);
  });
});

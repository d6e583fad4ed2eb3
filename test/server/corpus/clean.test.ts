import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../../server/corpus/clean.ts";

const FIX = join(import.meta.dirname, "../../fixtures/corpus");
const fixture = (name: string) => readFileSync(join(FIX, name), "utf8");
const kinds = (r: ReturnType<typeof cleanText>) => r.removed.map((x) => x.kind);

describe("cleaning", () => {
  it("removes a promo block before the title, slogans included, and records every line", () => {
    const r = cleanText(fixture("noise-ad-header.txt"));
    expect(r.text.split("\n")[0]).toBe("XX市委政法委2023年上半年工作总结");
    for (const s of ["仅供参考", "范文网", "精选好文", "会员群", "会员福利", "微信", "abc123"]) expect(r.text).not.toContain(s);
    expect(r.removed.map((x) => x.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(kinds(r))).toEqual(new Set(["ad"]));
    expect(r.text).toContain("共排查矛盾纠纷860件，化解842件。");
  });

  it("does not remove short slogans when no ad is in their block", () => {
    const r = cleanText("铸忠诚警魂\n护一方平安\n\nXX区委政法委2023年工作总结\n2023年，全区政法工作取得新成效。");
    expect(r.removed).toEqual([]);
    expect(r.text.startsWith("铸忠诚警魂")).toBe(true);
  });

  it("removes site chrome after the report (阅读全文, 上一篇/下一篇, 猜你喜欢 and the link list under it)", () => {
    const r = cleanText(fixture("noise-chrome-tail.txt"));
    expect(r.text.endsWith("全年打掉涉恶团伙3个。")).toBe(true);
    for (const s of ["展开全文", "上一篇", "下一篇", "责任编辑", "返回顶部", "猜你喜欢", "工作要点", "总结范文"]) expect(r.text).not.toContain(s);
    expect(new Set(kinds(r))).toEqual(new Set(["chrome"]));
    expect(r.removed).toHaveLength(8);
  });

  it("keeps a real paragraph that follows a chrome line", () => {
    const r = cleanText("XX县2023年工作总结\n分享:\n全年共化解矛盾纠纷300件，化解率98%。\n");
    expect(r.text).toBe("XX县2023年工作总结\n全年共化解矛盾纠纷300件，化解率98%。");
    expect(r.removed).toEqual([{ kind: "chrome", text: "分享:", line: 2 }]);
  });

  it("removes paywall markers anywhere in a line and login prompts, keeping the text around them", () => {
    const r = cleanText(fixture("noise-paywall.txt"));
    expect(r.text).toContain("全力维护社会稳定。全年化解信访积案15件");
    expect(r.text).toContain("发案数同比下降8%。\n");
    expect(r.text.endsWith("基层基础工作仍需加强。")).toBe(true);
    for (const s of ["##", "vip", "公众号", "登录后", "开通会员"]) expect(r.text).not.toContain(s);
    expect(r.removed.map((x) => `${x.kind}:${x.text}`)).toEqual([
      "paywall:##vipbegin##",
      "ad:[关注公众号：XX公文，回复“总结”获取全文]",
      "paywall:登录后查看完整内容",
      "paywall:(开通会员即可阅读全文)",
      "paywall:##vipend##",
    ]);
  });

  it("removes the date/counter and page-metadata lines under the title and a repeated title", () => {
    const r = cleanText(fixture("noise-date-dup.txt"));
    expect(r.text.split("\n")).toEqual([
      "XX区委政法委2022年工作总结",
      "2022年，区委政法委在区委的坚强领导下，坚持以人民为中心，扎实推进平安XX建设,各项工作取得明显成效。",
      "一、主要工作",
      "(一)深化平安建设",
      "全区刑事案件同比下降10%;群众安全感达98.5%。",
    ]);
    expect(kinds(r)).toEqual(["meta", "date-line", "duplicate-title"]);
  });

  it("keeps the fuller of two near-identical title lines (site title vs. document title)", () => {
    const r = cleanText("区委政法委2025年工作总结\n2026-01-04 0\nXX区委政法委2025年工作总结\n2025年，XX区委政法委全面落实各项部署。");
    expect(r.text.split("\n")[0]).toBe("XX区委政法委2025年工作总结");
    expect(r.removed).toEqual([
      { kind: "duplicate-title", text: "区委政法委2025年工作总结", line: 1 },
      { kind: "date-line", text: "2026-01-04 0", line: 2 },
    ]);
  });

  it("leaves a 落款 date at the end of the report alone", () => {
    const r = cleanText("XX区委政法委2025年工作总结\n全年工作取得新成效。\nXX区委政法委\n2025年12月30日");
    expect(r.text.endsWith("2025年12月30日")).toBe(true);
    expect(r.removed).toEqual([]);
  });

  it("normalises whitespace only: CRLF, full-width indentation, trailing spaces, blank-line runs, zero-width marks", () => {
    const r = cleanText("\ufeff标题\r\n\r\n\r\n\u3000\u3000第一段，内容 有空格 。  \r\n\t第二段\u200b。\u3000\r\n");
    expect(r.text).toBe("标题\n第一段，内容 有空格 。\n第二段。");
    expect(r.removed).toEqual([]);
  });

  it("keeps report brackets that are not ads", () => {
    const line = "创新开展“*+*+N”网格化矛盾纠纷多元化解工作【*个社区干部+*个网格员+N个相关职能部门人员】。";
    expect(cleanText(line).text).toBe(line);
  });

  it("does not treat long report sentences that mention 会员 or 下载 as ads", () => {
    const line = "组织网格员开展国家安全宣传500余场，引导群众下载国家反诈中心APP，发展平安志愿者协会会员3000余名，群众安全感持续提升。";
    expect(cleanText(line).text).toBe(line);
  });

  it("removes WeChat-article furniture (关注 prompts, QR codes, reprint notices, editor lines, END)", () => {
    const raw = [
      "点击上方蓝字关注我们",
      "XX县委政法委2024年工作总结",
      "2024年，全县政法工作稳中有进。",
      "—END—",
      "长按识别二维码关注",
      "本文来源于网络，如有侵权请联系删除",
      "编辑：李四",
      "审核：王五",
      "分享 | 点赞 | 在看",
    ].join("\n");
    const r = cleanText(raw);
    expect(r.text).toBe("XX县委政法委2024年工作总结\n2024年，全县政法工作稳中有进。");
    expect(r.removed).toHaveLength(7);
  });

  it("strips Markdown markup from .md sources only", () => {
    const md = "# XX区委政法委2024年工作总结\n\n## 一、主要工作\n\n> 全年发案下降8%。\n\n**二、存在的问题**";
    expect(cleanText(md, { markdown: true }).text).toBe("XX区委政法委2024年工作总结\n一、主要工作\n全年发案下降8%。\n二、存在的问题");
    expect(cleanText("# 标题").text).toBe("# 标题");
    expect(cleanText("- 第一项\n* 第二项", { markdown: true }).text).toBe("第一项\n第二项");
  });

  it("keeps short numbered headings and sentences that happen to contain ad-like words", () => {
    const t = "（三）严厉打击侵犯版权行为\n组织干警下载全部学习资料并注册学习平台。\n4.畅通12345热线客服渠道";
    expect(cleanText(t)).toEqual({ text: t, removed: [] });
  });

  it("drops decoration-only lines", () => {
    const r = cleanText("标题\n——————\n正文。\n* * *");
    expect(r.text).toBe("标题\n正文。");
    expect(kinds(r)).toEqual(["decoration", "decoration"]);
  });
});

import { describe, expect, it } from "vitest";
import { dotInDayNames, transitionSentence } from "../../../server/checking/rules/punctuation-names.ts";
import { punctuationInParagraph } from "../../../server/checking/rules/punctuation.ts";
import { checkSpacing } from "../../../server/checking/rules/spacing.ts";
import { openFrameComma } from "../../../server/checking/rules/punctuation-frames.ts";
import { parallelOpeners } from "../../../server/checking/rules/punctuation-frameless.ts";

// Session 12, issue 16: clauses of GB/T 15834/15835 and of the genre that real reports miss again and again.
// Each case is written in our own words, with the ones the clause must leave alone.

const shown = (p: string, found: Array<{ start: number; end: number; suggestion?: string }>) => found.map((f) => [p.slice(f.start, f.end), f.suggestion]);

describe("GB/T 15834 §4.15: the 间隔号 between month and day in the name of a day or an event", () => {
  const days = (p: string) => shown(p, dotInDayNames(p));
  it("reports M.D before the name of a day, a campaign or an event", () => {
    expect(days("各村借助3.12植树节开展普法宣传。")).toEqual([["3.12", "3·12"]]);
    expect(days("围绕11.9消防宣传日组织演练。")).toEqual([["11.9", "11·9"]]);
    expect(days("全力侦破“7.21”系列盗窃案，追回损失。")).toEqual([["7.21", "7·21"]]);
    expect(days("结合5-31世界无烟日开展活动。")).toEqual([["5-31", "5·31"]]);
  });
  it("reports M.D alone in quotes, also with the quotes turned round", () => {
    expect(days("开展“9.1”集中宣传。")).toEqual([["9.1", "9·1"]]);
    expect(days("开展”9.1“集中宣传。")).toEqual([["9.1", "9·1"]]);
  });
  it("leaves decimals, quantities, dates written another way and days that do not exist", () => {
    expect(days("人均撰写心得1.8篇，完成3.2万字。")).toEqual([]);
    expect(days("全年增长6.5，活动经费增加。")).toEqual([]);
    expect(days("新建道路12.4公里，惠及群众。")).toEqual([]);
    expect(days("截至3.15日，已排查完毕。")).toEqual([]);
    expect(days("于2023.12.4开展宪法日宣传。")).toEqual([]);
    expect(days("2.30宣传日开展活动。")).toEqual([]);
    expect(days("发案率为3.05，同比下降。")).toEqual([]);
    expect(days("推行“3-2”工作法，即三级联动、两级考核。")).toEqual([]);
  });
  it("leaves a figure whose following words name no day or event", () => {
    expect(days("平均得分为8.6分，位居前列。")).toEqual([]);
    expect(days("全县指数达到1.2以上。")).toEqual([]);
  });
});

describe("the genre's transition sentence: 现将……如下 and 特此报告 stand as sentences of their own", () => {
  const turn = (p: string) => shown(p, transitionSentence(p));
  it("reports the comma that joins them to the clause before", () => {
    expect(turn("全镇平安建设扎实推进，各项工作取得新进展，现将有关情况总结如下：")).toEqual([["，", "。"]]);
    expect(turn("以上工作均已按期完成，特此报告。")).toEqual([["，", "。"]]);
  });
  it("leaves a stop before them, and an adverbial of basis or purpose that governs the 现将 sentence", () => {
    expect(turn("各项工作取得新进展。现将有关情况总结如下：")).toEqual([]);
    expect(turn("根据区委办公室通知要求，现将本单位工作情况报告如下：")).toEqual([]);
    expect(turn("区委部署以来，对照年度工作要点，现将有关情况报告如下：")).toEqual([]);
    expect(turn("为进一步做好年度考核工作，现将有关情况汇报如下：")).toEqual([]);
  });
  it("leaves 现将 that announces nothing, and 特此 inside a sentence", () => {
    expect(turn("会议结束后，现将材料分发各村，由各村组织学习。")).toEqual([]);
    expect(turn("各村高度重视，特此召开专题会议部署。")).toEqual([]);
  });
  it("runs with the other paragraph clauses", () => {
    const p = "全年各项工作取得明显成效，现将工作情况汇报如下：";
    expect(punctuationInParagraph(p).some((f) => f.suggestion === "。" && p[f.start] === "，")).toBe(true);
  });
});

describe("GB/T 15835: no space between a figure and its % or ‰", () => {
  const spaces = (t: string) => shown(t, checkSpacing(t)).map(([s]) => s);
  it("reports a space before the sign", () => {
    expect(checkSpacing("全镇网格覆盖率达到100 %，办结率98 ‰。").map((f) => f.message)).toEqual(["数字与百分号之间不空格", "数字与百分号之间不空格"]);
  });
  it("leaves the sign against the figure, a unit symbol, and a line whose digits are spaced out", () => {
    expect(spaces("覆盖率达到100%，道路里程20 km。")).toEqual([]);
    expect(spaces("增长速度达到1 0 ．5 ％，较上年提高。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: a comma inside an open frame joins the items of one constituent", () => {
  const frame = (p: string) => openFrameComma(p).map((f) => [p.slice(f.start - 2, f.end + 2), f.suggestion]);
  it("reports 以A，B为X: 以 open at the comma, 为 + a noun after it", () => {
    expect(frame("全年以打造平安乡村，建设法治乡镇为主线，推进各项工作。")).toEqual([["乡村，建设", "、"]]);
    expect(frame("坚持以调解，信访，法律服务为依托，化解矛盾纠纷。")).toEqual([["调解，信访", "、"], ["信访，法律", "、"]]);
  });
  it("leaves a frame closed before the comma, 以 with a verb of its own, and a run of X为Y clauses", () => {
    expect(frame("以创新为动力，以改革为抓手，推进各项工作。")).toEqual([]);
    expect(frame("以重点突破带动全局提升，把蓝图变为现实。")).toEqual([]);
    expect(frame("以点带面促全局，化压力为动力。")).toEqual([]);
    expect(frame("成立了以书记任组长，副书记为副组长，各站所负责人为成员的领导小组。")).toEqual([]);
    expect(frame("以更高标准推进工作，切实为群众解难题。")).toEqual([]);
  });
  it("reports a preposition + A，B，C + 等 + a noun", () => {
    expect(frame("重点对东岭，西岭，南岭等村的道路进行硬化。")).toEqual([["东岭，西岭", "、"], ["西岭，南岭", "、"]]);
  });
  it("reports 从A，B的N上: a viewpoint open over the comma", () => {
    expect(frame("要从维护社会稳定，保障群众权益的高度上认识这项工作。")).toEqual([["稳定，保障", "、"]]);
  });
  it("leaves 从 closed before the comma, and items that are no verb phrases", () => {
    expect(frame("从实际出发，维护群众权益的做法得到认可。")).toEqual([]);
    expect(frame("从群众反映，部门反馈的情况上看，问题已基本解决。")).toEqual([]);
  });
  it("leaves items with a verb, and two items of different lengths", () => {
    expect(frame("对此，各村迅速行动等待验收。")).toEqual([]);
    expect(frame("在抓好宣传，开展培训等方面下功夫。")).toEqual([]);
    expect(frame("对企业，个体工商户等市场主体加强指导。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: short noun phrases that open with the same word are items of one series", () => {
  const par = (p: string, year?: number) => parallelOpeners(p, year).map((f) => [p.slice(f.start - 2, f.end + 2), f.suggestion]);
  it("reports the comma between them", () => {
    expect(par("全面排查辖区内的重点场所，重点人群，做到底数清楚。")).toEqual([["场所，重点", "、"]]);
    expect(par("压实责任，各乡镇，各部门的主要负责人亲自抓。")).toEqual([["乡镇，各部", "、"]]);
    expect(par("各乡镇，各部门要高度重视。")).toEqual([["乡镇，各部", "、"]]);
  });
  it("leaves clauses that open alike, a clause taking up the last one's words, and verbs the dictionary calls nouns", () => {
    expect(par("重点抓好矛盾化解，重点推进源头治理。")).toEqual([]);
    expect(par("逐步完善农村金融服务，农村信用社要扩大贷款。")).toEqual([]);
    expect(par("彻底改变旧做法，旧做法的弊端很多。")).toEqual([]);
    expect(par("干部要学理论，学法律，提高素质。")).toEqual([]);
  });
  it("holds reports on years before GB/T 15834-1995 to the usage of their time", () => {
    expect(par("各乡镇，各部门要高度重视。", 1980)).toEqual([]);
  });
});

/**
 * Readings of session 12, each a class of meaning with a faithful and an unfaithful side: a plan that
 * governs the bare clauses after it in its sentence, a completion that is only a condition or a question,
 * 可以 that judges rather than permits, 以后 after a done verb, shares said as 一小半 and 大半, a body put
 * in place of another in one clause, a rank as an outcome, a time to come said completed, and a
 * negation whose thing stands before a light verb. All sentences are written for the test.
 */
import { describe, expect, it } from "vitest";
import { bodiesIn } from "../../../server/claims/bodies.ts";
import { splitClauses } from "../../../server/claims/clauses.ts";
import { compareClaims } from "../../../server/claims/compare.ts";
import { clauseClaims } from "../../../server/claims/markers.ts";
import { refusing } from "../../../server/claims/types.ts";
import { negatedPredicateIn } from "../../../server/claims/negation-events.ts";
import { saidElsewhere } from "../../../server/claims/said-elsewhere.ts";
import { claimOptions, figureJudgement } from "../../../server/rewrite/figure-judgement.ts";
import type { RewriteMode } from "../../../server/rewrite/types.ts";

const UNIT = "西山县委政法委";
const held = (before: string, after: string, mode: RewriteMode = "polish") => compareClaims(before, after, { unit: UNIT, ...claimOptions(mode) });
const refusedKinds = (before: string, after: string, mode: RewriteMode = "polish") => [...new Set(refusing(held(before, after, mode)).map((c) => c.kind))];

describe("a plan governs the bare clauses after it in its sentence", () => {
  it("reads what follows the plan as planned, until a clause states a status of its own", () => {
    const clauses = splitClauses("下半年准备办个调解擂台赛，每个乡镇出一支队，上个月已经报了名。");
    expect(clauses.map((c) => c.claims.statuses)).toEqual([["planned"], ["planned"], ["done"]]);
  });

  it("accepts the plan written over the merged clause, and still refuses the content said done", () => {
    const note = "下半年准备办个调解擂台赛，每个乡镇出一支队。";
    expect(refusedKinds(note, "拟于下半年举办调解擂台赛，拟由每个乡镇各组一支队伍参赛。")).toEqual([]);
    expect(refusedKinds(note, "拟于下半年举办调解擂台赛，每个乡镇已各组一支队伍参赛。")).toContain("status");
  });

  it("reads a completion that the next step waits on as a condition (先试一试，弄好了再铺开)", () => {
    expect(clauseClaims("弄好了再铺开").statuses).not.toContain("done");
    expect(clauseClaims("弄好了").statuses).toContain("done");
    expect(refusedKinds("打算先在东关社区试一试，弄好了再铺开。", "拟先在东关社区试点，待运行顺畅后再推开。")).toEqual([]);
  });

  it("reads a question of whether as no negation and no completion (查一查到底装了没有)", () => {
    expect(clauseClaims("查一查到底装了没有").negations).toBe(0);
    expect(clauseClaims("看他们改没改").negations).toBe(0);
    expect(clauseClaims("所有村都没有排查").negations).toBe(1);
    expect(clauseClaims("所有没有排查的村").negations).toBe(1);
    expect(clauseClaims("核实是否安装到位").statuses).not.toContain("done");
    expect(refusedKinds("月底回头查一查，看探头到底装了没有。", "月底将开展复查，核实探头是否安装到位。")).toEqual([]);
    expect(refusedKinds("月底回头查一查，看探头到底装了没有。", "月底已开展复查，探头均已安装到位。")).toContain("status");
  });

  it("reads 以后 after a done verb as after, not as a time to come", () => {
    expect(clauseClaims("交了材料以后审得慢").statuses).not.toContain("planned");
    expect(clauseClaims("这类检查以后每季度搞一次").statuses).toContain("planned");
  });

  it("reads 又回头 as going back, not as later", () => {
    expect(clauseClaims("当事人又回头找镇里").statuses).toEqual([]);
    expect(clauseClaims("回头再去一趟").statuses).toContain("planned");
  });
});

describe("可以 and 决不 read by what follows them", () => {
  it("reads 可以 that ends its clause as a judgement or an assent, not a permit", () => {
    expect(clauseClaims("效果还可以").modality).toEqual([]);
    expect(clauseClaims("书记说可以").modality).toEqual([]);
    expect(clauseClaims("可以先在两个村试").modality).toEqual(["permit"]);
    expect(refusedKinds("群众反映还可以。", "群众反映尚可。")).toEqual([]);
    expect(refusedKinds("书记说可以先在两个村试。", "书记要求必须在两个村先行试点。")).toContain("modality");
  });

  it("reads 解决不了 as a negation, as 难以解决 is", () => {
    expect(clauseClaims("镇里解决不了").negations).toBe(1);
    expect(clauseClaims("决不允许").negations).toBe(0);
    expect(refusedKinds("这事镇里解决不了。", "此事镇级难以解决。")).toEqual([]);
    expect(refusedKinds("这事镇里解决不了。", "此事已由镇里解决。")).not.toEqual([]);
  });
});

describe("shares said in words", () => {
  it("reads 一小半 as a part and 大半 as most: one put in place of the other is refused", () => {
    expect(clauseClaims("投诉占了一小半").scope).toContain("partial");
    expect(clauseClaims("投诉占了大半").scope).toContain("most");
    expect(clauseClaims("忙了大半年").scope).toEqual([]);
    expect(refusedKinds("物业投诉占了全部投诉的一小半。", "物业投诉占全部投诉的大半。")).toContain("scope");
    expect(refusedKinds("物业投诉占了全部投诉的一小半。", "物业投诉占全部投诉的一小半。")).toEqual([]);
  });

  it("reads 全部 as the whole a share is taken of after 占, not as a scope", () => {
    expect(clauseClaims("占全部村居的六成").scope).toEqual([]);
    expect(refusedKinds("创建达标的占全部村居的六成多。", "创建达标的占村居六成多。", "shorten")).toEqual([]);
  });
});

describe("who did the work, per clause", () => {
  it("reads bodies by organ word, line and officer", () => {
    expect([...bodiesIn("公安局、人民检察院和司法局")].sort()).toEqual(["公安", "司法", "检察院"].sort());
    // A unit said by the body it belongs to is that body (派出所 → 公安, 法庭 → 法院).
    expect([...bodiesIn("派出所和法庭")].sort()).toEqual(["公安", "法院"].sort());
    expect([...bodiesIn("退休法官")]).toEqual(["法院"]);
    expect([...bodiesIn("加强教育管理")]).toEqual([]);
  });

  it("refuses one body put in place of another in a clause, when both are named elsewhere", () => {
    const note = "这次法院、检察院、公安都来人了，公安那边还有两份没交。";
    expect(refusedKinds(note, "此次法院、检察院、公安均派员参加，公安尚有2份未提交。")).toEqual([]);
    expect(refusedKinds(note, "此次法院、检察院、公安均派员参加，法院尚有2份未提交。")).toContain("name");
    expect(refusedKinds("新来的调解员都是退休法官。", "新聘调解员均为退休检察官。")).toContain("name");
  });

  it("reads the line at the end of a list's first item (需要住建、人社等部门), and a quantifier before 部门 as nobody", () => {
    expect(refusedKinds("这事得住建、人社一起来。", "此事需要住建、人社等部门共同参与。")).toEqual([]);
    expect(refusedKinds("有些部门办得慢。", "部分部门办理较慢。")).toEqual([]);
    expect(refusedKinds("这事得住建、人社一起来。", "此事需要住建、城管等部门共同参与。")).toContain("name");
  });

  it("reads a 发了 of a document as issuing it", () => {
    expect(refusedKinds("查出的问题都发了整改通知书。", "对查出的问题均已下发整改通知书。")).toEqual([]);
    expect(refusedKinds("查出的问题都跟他们说了。", "对查出的问题均已下发整改通知书。")).toContain("approval");
  });
});

describe("results and times", () => {
  it("refuses a rank the note does not state, and accepts one it does", () => {
    expect(refusedKinds("今年调成了三百多件。", "今年调解成功300余件，调解成功率位居全市前列。")).toContain("outcome");
    expect(refusedKinds("今年调成了三百多件，在全市排在前面。", "今年调解成功300余件，位居全市前列。")).toEqual([]);
  });

  it("refuses a check the note puts at the month's end said completed then", () => {
    expect(refusedKinds("月底再抽查一次。", "已于月底完成了抽查。")).toContain("status");
    expect(refusedKinds("月底再抽查一次。", "并于月底完成了抽查。")).toContain("status");
    expect(refusedKinds("月底再抽查一次。", "月底将再开展一次抽查。")).toEqual([]);
  });

  it("refuses 没有新增 said 仍有新增: existence is no pending work", () => {
    expect(refusedKinds("今年也没有新增吸毒人员。", "今年仍有新增吸毒人员。")).toContain("negation");
    expect(refusedKinds("今年也没有新增吸毒人员。", "今年未新增吸毒人员。")).toEqual([]);
  });

  it("reads a negation before a light verb as negating the thing in front (火灾今年没出)", () => {
    expect(refusedKinds("大的火灾今年没出。", "今年发生过较大火灾。")).toContain("negation");
    expect(refusedKinds("大的火灾今年没出。", "今年未发生较大火灾。")).toEqual([]);
  });
});

describe("bodies, offices and causes named by the rewrite", () => {
  it("refuses a school named by its number that the note does not list", () => {
    expect(refusedKinds("县三中、实验小学都去讲了。", "县三中、县五中、实验小学均已开展宣讲。")).toContain("name");
    expect(refusedKinds("县三中、实验小学都去讲了。", "县三中、实验小学均已开展宣讲。")).toEqual([]);
  });

  it("refuses a qualifier of an office the note does not give (常务, 分管……的, 第一)", () => {
    expect(refusedKinds("会由常务副县长主持。", "会议由分管政法的副县长主持。")).toContain("name");
    expect(refusedKinds("会由分管政法的副县长主持。", "会议由分管政法工作的副县长主持。")).toEqual([]);
  });

  it("reads no body of this county in another's (去邻县学习其调解中心)", () => {
    expect(refusedKinds("去邻县看了他们的调解中心。", "赴邻县学习其调解中心做法。")).toEqual([]);
  });

  it("refuses a cause the note does not give, and keeps one it gives in its own words", () => {
    expect(refusedKinds("今年没出电信诈骗大案。", "由于宣传覆盖到位，今年未发生电信诈骗大案。")).toContain("cause");
    expect(refusedKinds("今年没出电信诈骗大案。", "得益于预警劝阻机制，今年未发生电信诈骗大案。")).toContain("cause");
    expect(refusedKinds("围墙没修，主要是钱还没到。", "围墙尚未修建，主要因资金尚未到位。")).toEqual([]);
    expect(refusedKinds("今年没出电信诈骗大案。", "由于宣传覆盖到位，今年未发生电信诈骗大案。", "expand")).not.toContain("cause");
  });
});

describe("times and events a negation or a deadline governs", () => {
  it("reads a deadline before a completion as a time to come, unless the clause tells it done", () => {
    expect(clauseClaims("剩下的说汛期前弄完").statuses).toContain("planned");
    expect(clauseClaims("剩下的汛期前弄完了").statuses).not.toContain("planned");
    expect(clauseClaims("三年前建成").statuses).not.toContain("planned");
    expect(refusedKinds("剩下的水利站说汛期前弄完。", "其余部分水利站表示将于汛期前完成。")).toEqual([]);
    expect(refusedKinds("剩下的水利站说汛期前弄完。", "其余部分水利站已于汛期前完成。")).toContain("status");
  });

  it("takes no light verb as the event a negation negates (没出事 and 排查出 share only 出)", () => {
    const [quiet] = splitClauses("今年没出事。");
    expect(negatedPredicateIn([quiet], "排查出重点人员40人")).toBe(false);
    expect(negatedPredicateIn([quiet], "今年出了事")).toBe(true);
    expect(negatedPredicateIn(splitClauses("没发现问题。"), "发现问题")).toBe(true);
    expect(refusedKinds("排出来的重点人员是40个，没出事。", "排查出重点人员40人，出了事。")).toContain("negation");
  });
});

describe("a negation said in another clause", () => {
  it("flags a negation gained in one place when another place lost one, even where that loss was read as weak", () => {
    const bc = splitClauses("排出来的人是40个，都有人盯，没出事。");
    const ac = splitClauses("排查出40人，均落实专人盯控，未发生问题。");
    const lost = { rule: "negation:flip-other", kind: "negation" as const, before: "没", after: "", beforeText: "排出来的人是40个，没出事", afterText: "排查出40人", message: "", weak: true };
    const gained = { rule: "negation:flip-other", kind: "negation" as const, before: "", after: "未", beforeText: "都有人盯", afterText: "均落实专人盯控，未发生问题", message: "" };
    expect(saidElsewhere([lost, gained], bc, ac, ac.map((c) => c.text).join("，")).every((c) => c.weak)).toBe(true);
    // Without a loss anywhere, the gained negation stays refused.
    expect(saidElsewhere([gained], bc, splitClauses("排查出40人，均落实专人盯控，未发生问题，未出事。"), "").some((c) => !c.weak)).toBe(true);
  });
});

describe("a figure said again", () => {
  it("shows the note's value repeated where the rewrite refers back to it, and refuses a value put in place of another", () => {
    const note = "积案年初是12件，化好了9件，还有3件，准备年后再接访一次。";
    expect(figureJudgement(note, "一是年初积案12件，已化解9件，尚余3件；二是剩余3件拟于年后再接访一次。", "enumerate").refusal.added).toEqual([]);
    expect(figureJudgement(note, "一是年初积案12件，已化解3件，尚余3件；二是剩余3件拟于年后再接访一次。", "enumerate").refusal.added).not.toEqual([]);
    expect(figureJudgement(note, "年初积案12件，化解3件，尚余3件，剩余3件拟年后接访。", "shorten").refusal.added).not.toEqual([]);
  });
});

describe("work done in part", () => {
  it("reads a verb done for a share of the work as done in part and under way for the rest", () => {
    expect(clauseClaims("村里的探头装了一大半").statuses).toEqual(["ongoing", "done"]);
    expect(refusedKinds("村里的探头装了一大半。", "村级探头正在安装。")).toEqual([]);
    expect(refusedKinds("村里的探头装了一大半。", "村级探头已全部安装完毕。")).not.toEqual([]);
  });
});

describe("a place read across two words", () => {
  it("only flags a place dropped whose front and ending both stay, and still refuses a place put in place of another", () => {
    const note = "社区戒毒社区康复的人今年报到率百分之百。";
    const spans = held(note, "社区戒毒、社区康复人员今年报到率达100%。").filter((c) => c.kind === "name");
    expect(spans.every((c) => c.weak)).toBe(true);
    expect(refusedKinds("柳河乡的调解室建好了。", "青石镇调解室已建成。")).toContain("name");
    expect(refusedKinds("柳河乡的调解室建好了。", "调解室已建成。")).toContain("name");
  });
});

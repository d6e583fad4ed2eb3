/**
 * Refusal needs strong, explicit evidence on both sides; what is weaker is a flag for the writer. One
 * test per rule of that method (docs/claims.md, "Strong evidence"). All sentences are written for the test.
 */
import { describe, expect, it } from "vitest";
import { compareClaims } from "../../../server/claims/compare.ts";
import { refusing } from "../../../server/claims/types.ts";
import { claimOptions, figureJudgement } from "../../../server/rewrite/figure-judgement.ts";
import type { RewriteMode } from "../../../server/rewrite/types.ts";

const UNIT = "西山县委政法委";
const held = (before: string, after: string, mode: RewriteMode = "polish") => compareClaims(before, after, { unit: UNIT, ...claimOptions(mode) });
const refusedKinds = (before: string, after: string, mode: RewriteMode = "polish") => [...new Set(refusing(held(before, after, mode)).map((c) => c.kind))];
const flaggedKinds = (before: string, after: string) => held(before, after).filter((c) => c.weak).map((c) => c.kind);

describe("negations", () => {
  it("refuses a definite negation dropped or added where the other side speaks of the same event", () => {
    expect(refusedKinds("回访时当事人还没签字。", "回访时当事人签字确认。")).toContain("negation");
    expect(refusedKinds("入户排查中没发现问题。", "入户排查中发现问题。")).toContain("negation");
    expect(refusedKinds("村里同意调解。", "村里不同意调解。")).toContain("negation");
  });

  it("refuses one event of several losing its negation while another keeps it", () => {
    expect(refusedKinds("台账没有归档、登记不规范。", "台账已归档、登记不规范。")).toContain("negation");
  });

  it("only flags a negation said in other words, about no event the other side names", () => {
    expect(refusedKinds("这次走访一户都没落下。", "本次走访实现全覆盖。")).toEqual([]);
    expect(flaggedKinds("这次走访一户都没落下。", "本次走访实现全覆盖。")).toContain("negation");
  });

  it("holds a negation to the predicate it negates, not to what the predicate takes", () => {
    // 不认 said as 有异议: the objection kept in other words; the 协议 both speak of is not the event.
    expect(refusedKinds("当事人不认调解协议。", "当事人对调解协议有异议。")).toEqual([]);
    expect(flaggedKinds("当事人不认调解协议。", "当事人对调解协议有异议。")).toContain("negation");
    expect(refusedKinds("当事人不认调解协议。", "当事人认可调解协议。")).toContain("negation");
    // A light verb (搞, 出) says too little of the event: what it takes decides, as before.
    expect(refusedKinds("今年没搞网格员比武。", "今年开展网格员比武。")).toContain("negation");
    // Where the note negates and the rewrite says the matter is done outright, the claim is achieved.
    expect(refusedKinds("有2个人老是找不到。", "2人已取得联系。")).toContain("negation");
  });

  it("only flags a shortfall said in a clause of its own, and still refuses a definite negation there", () => {
    const note = "反诈这块，今年我们进村入户讲了60多场，但老年人还是容易上当，上个月又有一个老太太被骗了两万多。";
    const rest = "上月又发生1起老年人被骗案件，涉案金额2万余元。";
    expect(refusedKinds(note, `反诈宣传方面，今年进村入户开展宣讲60余场，但老年群体防骗意识依然薄弱，${rest}`)).toEqual([]);
    expect(flaggedKinds(note, `反诈宣传方面，今年进村入户开展宣讲60余场，但老年群体防骗意识依然薄弱，${rest}`)).toContain("negation");
    expect(refusedKinds(note, `反诈宣传方面，今年进村入户开展宣讲60余场，但防骗知识仍未普及，${rest}`)).toContain("negation");
  });

  it("reads work still being done as not done: a not-yet said as 尚在/仍在 is kept, said done is refused", () => {
    expect(refusedKinds("会议纪要还没整完。", "会议纪要尚在整理中。")).toEqual([]);
    expect(refusedKinds("会议纪要还没整完。", "会议纪要已整理完毕。")).toContain("status");
  });

  it("only flags a shortfall or a wait (薄弱, 尚需, 待) said on one side", () => {
    expect(refusedKinds("村里调解员力量跟得上。", "村级调解力量仍较薄弱。")).toEqual([]);
    expect(refusedKinds("减速带等交警那边弄。", "减速带待交警部门安装。")).toEqual([]);
  });
});

describe("approvals", () => {
  it("reads an approval waited for, asked for or not yet given as none", () => {
    expect(refusedKinds("方案报给领导了，等批了再发。", "方案已报领导审阅，待批准后印发。")).toEqual([]);
    expect(refusedKinds("预算还没批下来。", "预算尚未获批。")).toEqual([]);
  });

  it("reads 批了 in a note as approval given, and still refuses an approval added", () => {
    expect(refusedKinds("他请假外出，批了。", "其外出请假已获批准。")).toEqual([]);
    expect(refusedKinds("方案报给领导了，等批了再发。", "方案经领导批准，已印发。")).toContain("approval");
  });
});

describe("scope and modality", () => {
  it("only flags a limit added where the note said none, or 全部 left out", () => {
    expect(refusedKinds("走访记录有几本不全。", "部分走访记录不完整。")).toEqual([]);
    expect(refusedKinds("摄像头装了大半。", "摄像头已安装大部分。")).toEqual([]);
    expect(refusedKinds("全部乡镇都报了。", "各乡镇已报送。")).toEqual([]);
  });

  it("refuses a scope put in place of another, a limit dropped, and 全部 added", () => {
    expect(refusedKinds("各村调解室都建起来了。", "各村调解室部分已建立。")).toContain("scope");
    expect(refusedKinds("综治中心基本建成。", "综治中心已建成。")).toContain("scope");
    expect(refusedKinds("网格员走访了出租房。", "网格员走访了全部出租房。")).toContain("scope");
  });

  it("only flags an obligation left out or a hedge added alone; refuses a hedge dropped or a permission made a duty", () => {
    expect(refusedKinds("矫正对象须每周报到。", "矫正对象每周报到。")).toEqual([]);
    expect(refusedKinds("抓了个偷电瓶的。", "抓获涉嫌盗窃电瓶人员1名。")).toEqual([]);
    expect(refusedKinds("疑似有人在店里赌博。", "有人在店里赌博。")).toContain("modality");
    expect(refusedKinds("可以请司法所一起调。", "必须请司法所共同调处。")).toContain("modality");
  });
});

describe("deadlines and how a note binds", () => {
  it("reads a deadline (周五前) as a time to come, and refuses it said done (已于周五前报送)", () => {
    const note = "材料周五前要报市里，我们还在弄。";
    expect(refusedKinds(note, "材料须于周五前报送市里，目前正在准备。")).toEqual([]);
    expect(refusedKinds(note, "材料已于周五前报送市里。")).toContain("status");
    expect(refusedKinds("材料周五前报市里。", "材料已于周五前报送市里。")).toContain("status");
  });

  it("only flags a modality added where the note had none; refuses one put in place of another", () => {
    expect(refusedKinds("有几个村写了不合规的条款，让他们改了。", "对写有不合规条款的几个村，已要求其修改。")).toEqual([]);
    expect(flaggedKinds("有几个村写了不合规的条款，让他们改了。", "对写有不合规条款的几个村，已要求其修改。")).toContain("modality");
    expect(refusedKinds("村里可以自己定。", "村里必须自行确定。")).toContain("modality");
  });

  it("reads an estimate or a report of what is to come (估摸, 说是要) as a time to come, and 以后 after a done verb as after", () => {
    expect(refusedKinds("验收时间还没定，估摸着在10月份。", "验收时间尚未确定，预计在10月份。")).toEqual([]);
    expect(refusedKinds("补贴标准说是要涨。", "补贴标准拟予提高。")).toEqual([]);
    // 说要 under a time gone by is a plan of then, now told as done: saying it planned again is refused.
    expect(refusedKinds("去年说要建的服务站，今年弄好了。", "服务站计划今年建成。")).toContain("status");
    expect(refusedKinds("街道报上来以后我们马上协调了公安。", "接到街道报告后，立即协调公安。")).toEqual([]);
  });

  it("reads issuing in a clerk's words (发下去了) as 下发, and 没收齐 as a not-yet", () => {
    expect(refusedKinds("整改通知都发下去了。", "整改通知已全部下发。")).toEqual([]);
    expect(refusedKinds("整改方案弄好了。", "整改方案已印发。")).toContain("approval");
    expect(refusedKinds("整改情况到现在还没收齐。", "整改情况尚未收齐。")).toEqual([]);
  });

  it("reads waiting on a decision (等批) as under way, and 已获……审批通过 as approved: said done, refused", () => {
    expect(refusedKinds("材料还在市里等批。", "材料尚在市里待批。")).toEqual([]);
    expect(refusedKinds("材料还在市里等批。", "材料已获市里审批通过。")).toEqual(expect.arrayContaining(["status", "approval"]));
  });

  it("reads 经……审核 as a review: added, it is refused", () => {
    expect(refusedKinds("材料周五前报市里。", "材料经分管领导审核后于周五前报市里。")).toContain("approval");
  });
});

describe("names", () => {
  it("reads each line of work of a counted or listed set of agencies, and 支书 as 党支部书记", () => {
    const note = "抽了公安、交通、自然资源三家的案卷。";
    expect(refusedKinds(note, "抽查公安、交通、自然资源三个部门的案卷。")).toEqual([]);
    expect(refusedKinds(note, "抽查公安、交通、生态环境三个部门的案卷。")).toContain("name");
    expect(refusedKinds("我跟村支书跑了好几趟。", "本人与村党支部书记多次上门。")).toEqual([]);
    expect(refusedKinds("我跟村支书跑了好几趟。", "本人与镇党委书记多次上门。")).toContain("name");
  });

  it("refuses a grass-roots body brought in that the note does not mention", () => {
    expect(refusedKinds("已经约了住建局下周去现场。", "已约住建局、街道办下周到现场。")).toContain("name");
    expect(refusedKinds("街道的人也去了。", "街道办工作人员一同前往。")).toEqual([]);
  });
});

describe("status", () => {
  it("reads 回头, 下周 and 再 as a time to come: a plan word on them is no change, and saying them done is", () => {
    expect(refusedKinds("几户房东没联系上，回头再跑一趟。", "少数房东尚未联系上，拟再次上门。")).toEqual([]);
    expect(refusedKinds("已经约了住建局下周一起去现场。", "住建局已到现场查看并解决。")).toContain("status");
  });

  it("reads 等……再 as a wait: what it waits for is still to come, and saying the work done is refused", () => {
    expect(refusedKinds("还有2个村说等验收完了再挂牌。", "另有2个村计划验收结束后挂牌。")).toEqual([]);
    expect(refusedKinds("还有2个村说等验收完了再挂牌。", "另有2个村已挂牌。")).toContain("status");
    expect(refusedKinds("还有3所学校说考试忙，等考完了再去。", "另有3所学校计划考试结束后开展。")).toEqual([]);
  });
});

describe("figures", () => {
  const judge = (a: string, b: string) => figureJudgement(a, b, "polish");
  it("refuses a value changed, and shows the same value said more or less loosely", () => {
    expect(judge("调好了四十来件。", "已调处化解45件。").refusal.added.map((f) => f.value)).toEqual([45]);
    const loose = judge("调好了四十来件。", "已调处化解40件。");
    expect(loose.refusal.added).toEqual([]);
    expect(loose.refusal.missing).toEqual([]);
    expect(loose.requalified.map((f) => f.value)).toEqual([40]);
  });

  it("reads a clerk's bare numerals, 快/小 (nearly), 好几 (over), 点 (decimal), 月份 and colloquial measures", () => {
    for (const [note, formal] of [
      ["大概摸出来三百多", "排查出300余件"], ["快六十件了", "近60件"], ["小一百人", "近100人"], ["十好几个", "10余个"],
      ["四点五万", "4.5万"], ["三月份开始", "3月起"], ["来了五拨人", "接待5批"], ["估计有三四百，", "约300多人，"],
    ]) {
      const v = judge(note, formal).refusal;
      expect([note, v.added.length + v.missing.length]).toEqual([note, 0]);
    }
    // A value changed in those wordings is still refused.
    expect(judge("大概摸出来三百多", "排查出500余件").refusal.added.length).toBe(1);
    expect(judge("快六十件了", "近80件").refusal.added.length).toBe(1);
  });

  it("reads a capital numeral as a figure only beside a numeral or 元 (队伍 names no 5)", () => {
    expect(judge("网格员队伍不稳定。", "网格员队伍面临断档。").refusal).toEqual({ added: [], missing: [] });
    expect(judge("捐了伍仟元。", "捐款5000元。").refusal).toEqual({ added: [], missing: [] });
    expect(judge("捐了伍仟元。", "捐款6000元。").refusal.added.map((f) => f.value)).toEqual([6000]);
  });

  it("shows, not refuses, a count of one said another way, and 双方 with no count to match", () => {
    const r = judge("抓了个偷电瓶的。业主跟物业谈了。", "抓获1名盗窃电瓶人员。组织业主与物业双方协商。");
    expect(r.refusal.added).toEqual([]);
    expect(r.requalified.length).toBe(2);
  });
});

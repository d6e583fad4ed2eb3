import { describe, expect, it } from "vitest";
import { claimsBeyondFacts, compareClaims } from "../../../server/claims/compare.ts";
import { splitClauses } from "../../../server/claims/clauses.ts";
import { clauseClaims } from "../../../server/claims/markers.ts";
import { extractNames, unitNames } from "../../../server/claims/names.ts";
import { figureViolations } from "../../../server/rewrite/figure-judgement.ts";
import { PAIRS, UNIT } from "./pairs.ts";

const kinds = (before: string, after: string) => [...new Set(compareClaims(before, after, { unit: UNIT }).map((c) => c.kind))].sort();

describe("claims of a rewrite, hand-written pairs", () => {
  it.each(PAIRS)("$before → $after", ({ before, after, changed }) => {
    // Every pair keeps its figures: the figure guard alone would let each of them through.
    const f = figureViolations(before, after);
    expect([...f.added, ...f.missing]).toEqual([]);
    expect(kinds(before, after)).toEqual([...changed].sort());
  });

  it("catches every unfaithful pair and passes every faithful one", () => {
    const unfaithful = PAIRS.filter((p) => p.changed.length > 0);
    const faithful = PAIRS.filter((p) => p.changed.length === 0);
    expect(unfaithful.filter((p) => kinds(p.before, p.after).length > 0)).toHaveLength(unfaithful.length);
    expect(faithful.filter((p) => kinds(p.before, p.after).length === 0)).toHaveLength(faithful.length);
    // Each guard has at least one case of its own and one faithful control in its group.
    for (const k of ["status", "negation", "modality", "scope", "approval", "name"]) expect(unfaithful.some((p) => p.changed.includes(k as never))).toBe(true);
  });

  it("says which claim changed, with the wording before and after and the clauses they sit in", () => {
    const [c] = compareClaims("计划年内建成综治中心3个", "年内已建成综治中心3个");
    expect(c).toMatchObject({ kind: "status", before: "计划", after: "已", beforeText: "计划年内建成综治中心3个", afterText: "年内已建成综治中心3个" });
    expect(c.message).toContain("计划中");
    expect(c.message).toContain("已完成");
  });
});

describe("what a clause claims", () => {
  it("reads a plan as governing the completion verb after it", () => {
    expect(clauseClaims("计划年内建成").status).toBe("planned");
    expect(clauseClaims("年内建成").status).toBe("done");
    expect(clauseClaims("正在建设").status).toBe("ongoing");
  });

  it("does not read negation into words that negate nothing", () => {
    for (const s of ["不断加强", "未成年人保护", "不仅如此", "打击非法集资", "无人机巡查", "不少群众"]) expect(clauseClaims(s).negations, s).toBe(0);
    for (const s of ["未发生", "没有实现", "尚未建成", "不够熟练", "无一遗漏"]) expect(clauseClaims(s).negations, s).toBe(1);
  });

  it("splits clauses and drops their enumeration markers", () => {
    expect(splitClauses("一是建成3个；二是计划建设2个。").map((c) => c.text)).toEqual(["建成3个", "计划建设2个"]);
  });
});

describe("proper names", () => {
  it("finds people, places, units and quoted projects, and no generic ones", () => {
    const names = extractNames("王小明同志带领西山县青石镇派出所、大河村调委会推进“雪亮工程”，全县各乡镇积极参与。").map((n) => n.text);
    expect(names).toEqual(expect.arrayContaining(["王小明", "“雪亮工程”", "大河村"]));
    expect(names.some((n) => n.includes("青石镇"))).toBe(true);
    expect(names.some((n) => /各乡镇|全县/.test(n))).toBe(false);
  });

  it("does not take common words that jieba's dictionary tags as names for places or people", () => {
    const text = "持续推进立体化社会治安防控体系建设，群众满意度明显提升，深度融合各部门、镇力量，打造高素质队伍，增强向心力，坚持以习近平新时代中国特色社会主义思想为指导。";
    expect(extractNames(text)).toEqual([]);
  });

  it("lets a unit name itself and its superiors", () => {
    const allowed = unitNames("西山县委政法委");
    expect(allowed).toEqual(expect.arrayContaining(["西山县委政法委", "西山县", "县委", "市委政法委", "中央政法委"]));
  });
});

describe("a drafted section against its facts", () => {
  // Sections as a capable model writes them from the facts: stock framing, facts reworded a little.
  const FAITHFUL: Array<[string[], string]> = [
    [["组织政法干警开展理论学习和业务培训12期，参训1860人次", "开展廉政警示教育4次，签订廉政承诺书320份"],
      "始终把政治建设摆在首位，持续深化政法队伍教育整顿成果。一是扎实开展理论学习和业务培训，全年组织政法干警培训12期，参训1860人次，干警履职能力明显增强。二是从严抓好党风廉政建设，开展廉政警示教育4次，签订廉政承诺书320份，营造了风清气正的良好氛围。"],
    [["全年共排查矛盾纠纷6200件，调解成功6150件，调解成功率99.2%", "受理群众来信来访1350件次，按期办结率100%"],
      "坚持和发展新时代“枫桥经验”，深入推进矛盾纠纷多元化解。全年共排查矛盾纠纷6200件，调解成功6150件，调解成功率达99.2%；受理群众来信来访1350件次，按期办结率100%，努力做到小事不出村、大事不出镇、矛盾不上交。"],
    [["基层网格员队伍流动性较大，业务能力有待提升", "矛盾纠纷源头预防机制还不够健全", "政法信息化建设与实战需求相比还有差距"],
      "在肯定成绩的同时，我们也清醒认识到工作中还存在一些不足：一是基层网格员队伍流动性较大，业务能力有待进一步提升；二是矛盾纠纷源头预防机制还不够健全；三是政法信息化建设与实战需求相比仍有差距。"],
    [["新增高清视频监控点位540个，群众安全感达到98.6%", "全区划分基础网格612个，配备专兼职网格员1230名"],
      "坚持以人民为中心，持续推进立体化社会治安防控体系建设。一是新增高清视频监控点位540个，全区治安防控网络更加严密，群众安全感达到98.6%。二是深化网格化服务管理，全区划分基础网格612个，配备专兼职网格员1230名，基层治理基础进一步夯实。"],
  ];

  it.each(FAITHFUL)("passes a faithful model-style section (%#)", (facts, text) => {
    expect(claimsBeyondFacts(text, facts, { unit: "东城区委政法委", allowed: ["枫桥经验"] })).toEqual([]);
  });

  it("passes a plans section that opens with next year and 将, its plans written without 计划", () => {
    const text = "2026年，我们将坚持以习近平新时代中国特色社会主义思想为指导，重点抓好以下工作：一是持续深化平安东城建设，不断完善社会治安防控体系；二是加强网格员队伍建设，切实提升基层治理效能。";
    const facts = ["持续深化平安东城建设，完善社会治安防控体系", "明年打算加强网格员队伍建设，提升基层治理效能"];
    expect(claimsBeyondFacts(text, facts, { unit: "东城区委政法委", impliedPlan: true })).toEqual([]);
    // Outside a plans section the lead (我们将……重点抓好以下工作：) makes each item a plan, which the first fact is not.
    expect([...new Set(claimsBeyondFacts(text, facts, { unit: "东城区委政法委" }).map((c) => c.kind))]).toEqual(["status"]);
  });

  const facts = ["计划年内建成综治中心3个", "初步建立矛盾纠纷多元化解机制"];

  it("passes a section that states its facts as they are, among stock lines", () => {
    const text = "坚持和发展新时代“枫桥经验”，着力把矛盾化解在基层。一是计划年内建成综治中心3个。二是初步建立矛盾纠纷多元化解机制。";
    expect(claimsBeyondFacts(text, facts, { unit: UNIT, allowed: ["“枫桥经验”"] })).toEqual([]);
  });

  it("flags a section that reports a plan as done, inflates a scope, or names a village the facts never mention", () => {
    const text = "一是年内已建成综治中心3个。二是全面建立矛盾纠纷多元化解机制，大河村率先试点。";
    const found = claimsBeyondFacts(text, facts, { unit: UNIT }).map((c) => c.kind).sort();
    expect(found).toEqual(["name", "scope", "status"]);
  });

  it("allows the unit and its superior, and an approval only when a fact has it", () => {
    expect(claimsBeyondFacts("在县委的坚强领导下，西山县委政法委初步建立矛盾纠纷多元化解机制。", facts, { unit: UNIT })).toEqual([]);
    expect(claimsBeyondFacts("经县委常委会审议，初步建立矛盾纠纷多元化解机制。", facts, { unit: UNIT }).map((c) => c.kind)).toEqual(["approval"]);
  });
});

describe("outcome claims in a rewrite", () => {
  it("refuses an evaluation the note does not state, and accepts one it does", () => {
    const kinds = (a: string, b: string, strictAdded = true) => compareClaims(a, b, { strictAdded }).map((c) => c.kind);
    expect(kinds("办了两期反诈讲座，来了80多人。", "举办反诈讲座2期，参加80余人，群众防骗意识明显提升。")).toContain("outcome");
    expect(kinds("接待上访的5批，当场答复了3批。", "接待来访群众5批，当场答复3批，群众均表示满意。")).toContain("outcome");
    expect(kinds("办了两期讲座，大家防骗意识提高了不少。", "举办讲座2期，群众防骗意识明显提高。")).not.toContain("outcome");
    expect(kinds("办了两期反诈讲座。", "举办反诈讲座2期，群众防骗意识明显提升。", false)).not.toContain("outcome");
  });
});

describe("negations a clause does not claim", () => {
  const negs = (s: string) => clauseClaims(s).negations;
  it("reads an A-不-A question and 不是……就是 as no negation, and 难以 as one", () => {
    expect(negs("下一步要不要扩大试点")).toBe(0);
    expect(negs("能不能请派出所协助")).toBe(0);
    expect(negs("不是证据不足就是过了时效")).toBe(1);
    expect(negs("巡逻力量跟不上")).toBe(1);
    expect(negs("巡逻力量难以跟上")).toBe(1);
    expect(compareClaims("考核时要不要打分还没定", "考核时是否打分尚未确定").filter((c) => c.kind === "negation")).toEqual([]);
    expect(compareClaims("值守人员跟不上", "值守人员难以跟上").filter((c) => c.kind === "negation")).toEqual([]);
    expect(compareClaims("值守人员跟不上", "值守人员已配齐").map((c) => c.kind)).toContain("negation");
    expect(compareClaims("头一回去扑了个空", "第一次前往未发现线索").filter((c) => c.kind === "negation")).toEqual([]);
    expect(compareClaims("头一回去扑了个空", "第一次前往即查获线索").map((c) => c.kind)).toContain("negation");
  });
});

describe("formal wordings of a permit and of a time to come", () => {
  const kinds = (a: string, b: string) => compareClaims(a, b).map((c) => c.kind);
  it("reads 可 before a verb as 可以, and 以后 as a plan", () => {
    expect(kinds("司法所说可以先在两个村试一试", "司法所表示可先在2个村试点")).not.toContain("modality");
    expect(kinds("司法所说可以先在两个村试一试", "司法所要求必须先在2个村试点")).toContain("modality");
    expect(kinds("这种排查以后可以每月搞一次", "此类排查今后可每月开展一次")).toEqual([]);
    expect(kinds("这种排查以后可以每月搞一次", "此类排查已每月开展一次")).toContain("status");
    expect(clauseClaims("认可度较高，不可替代").modality).toEqual([]);
  });
});

describe("agencies a rewrite brings in", () => {
  const names = (a: string, b: string) => compareClaims(a, b).filter((c) => c.kind === "name").map((c) => c.after);
  it("refuses an agency the note does not mention, not one it does or a generic one", () => {
    expect(names("跟住建一起查了工地", "会同住建部门、应急管理部门检查工地")).toEqual(["管理部门"]);
    expect(names("跟住建一起查了工地", "会同住建部门检查工地")).toEqual([]);
    expect(names("剩下的交给部门了", "其余交相关部门办理")).toEqual([]);
    expect(names("县里的干部都来了", "县直机关干部均已参加，其余交办部门跟进")).toEqual([]);
    expect(names("线索报给了镇里", "线索已报送镇党委和公安机关").length).toBeGreaterThan(0);
  });
});

/**
 * Readings that carry across writers (docs/claims.md, session 11): where the work was as slots (level,
 * side, whole or part), approximate shares as figures with a range, and a list's lead clause that
 * plans governing its items. Each faithful wording is accepted and each unfaithful one refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RUNS } from "../properties/arbitraries.ts";
import { judgeRewrite } from "../../../server/rewrite/judge.ts";

const UNIT = "西山县委政法委";
const refused = (from: string, to: string, mode: "polish" | "enumerate" | "shorten" = "polish") => judgeRewrite(from, to, mode, { unit: UNIT }).refused;

describe("places and levels as slots", () => {
  it("refuses a level put in place of another, even where the note names that level elsewhere", () => {
    const note = "这个调解室是县级的示范点，市里还没来验收。";
    expect(refused(note, "该调解室为县级示范点，尚未经市里验收。")).toBe(false);
    expect(refused(note, "该调解室为市级示范点，尚未经市里验收。")).toBe(true);
  });
  it("refuses a body's level raised (镇上的调解员 → 县调解员) and a superior replaced (市里 → 省里)", () => {
    const note = "石门坎村两户人家因为宅基地吵了好几年，这回镇上的调解员帮着调好了。";
    expect(refused(note, "石门坎村两户村民宅基地纠纷持续多年，经镇调解员调解已化解。")).toBe(false);
    expect(refused(note, "石门坎村两户村民宅基地纠纷持续多年，经县调解员调解已化解。")).toBe(true);
    const up = "老街改造的那起纠纷，我们报到市里去了，现在等市里回话。";
    expect(refused(up, "老街改造相关纠纷已上报市里，目前正等待市里答复。")).toBe(false);
    expect(refused(up, "老街改造相关纠纷已上报省里，目前正等待省里答复。")).toBe(true);
  });
  it("refuses the sides of a place swapped and a part of an area made the whole", () => {
    const sides = "河北片的几个村今年搞了三次联防演练，河南片的还没搞。";
    expect(refused(sides, "河北片区部分村今年开展联防演练3次，河南片区尚未开展。")).toBe(false);
    expect(refused(sides, "河南片区部分村今年开展联防演练3次，河北片区尚未开展。")).toBe(true);
    const part = "城区这几个小区的电动车充电桩都装好了，乡下的还没顾上。";
    expect(refused(part, "城区上述小区电动车充电桩均已安装到位，农村地区尚未推进。")).toBe(false);
    expect(refused(part, "全县上述小区电动车充电桩均已安装到位，农村地区尚未推进。")).toBe(true);
  });
  it("reads a level at a clause's start (区里牵头) and a side in a topic (城西那片的……，)", () => {
    const note = "城西那片的群租房问题，区里牵头在整，我们配合。";
    expect(refused(note, "城西片区群租房问题由区里牵头整治，本委配合推进。")).toBe(false);
    expect(refused(note, "城西片区群租房问题由市里牵头整治，本委配合推进。")).toBe(true);
    expect(refused(note, "城东片区群租房问题由区里牵头整治，本委配合推进。")).toBe(true);
  });
  it("does not read the writing unit as a place of the work", () => {
    expect(refused("村里的纠纷这个月都调完了。", "县委政法委指导各村本月完成纠纷调处。")).toBe(false);
  });
});

describe("approximate shares as figures with a range", () => {
  it("reads 一大半 as more than half, the share 过半, 一半以上 and 大部分 name", () => {
    const note = "今年排查出来的矛盾纠纷，一大半都是邻里之间的小事。";
    for (const ok of ["今年排查出的矛盾纠纷中，过半为邻里间的小纠纷。", "今年排查出的矛盾纠纷一半以上为邻里间的小纠纷。", "今年排查出的矛盾纠纷大部分为邻里间的小纠纷。"]) expect(refused(note, ok)).toBe(false);
    expect(refused(note, "今年排查出的矛盾纠纷中，八成为邻里间的小纠纷。")).toBe(true);
    expect(refused(note, "今年排查出的矛盾纠纷中，不到一半为邻里间的小纠纷。")).toBe(true);
  });
  it("reads 七至八成 as 七八成, and keeps about half apart from most", () => {
    expect(refused("村里的网格员七八成是兼职的。", "村级网格员中七至八成为兼职人员。")).toBe(false);
    expect(refused("村里的网格员七八成是兼职的。", "村级网格员中九成为兼职人员。")).toBe(true);
    expect(refused("装了智能门禁的小区差不多一半。", "约半数小区已安装智能门禁。")).toBe(false);
    expect(refused("装了智能门禁的小区差不多一半。", "大部分小区已安装智能门禁。")).toBe(true);
  });
});

describe("a list's lead clause that plans governs its items", () => {
  const note = "下一步打算干两件事：把剩下五个村的网格划好；再给网格员上一次培训。";
  it("accepts the items written without a plan word of their own", () => {
    expect(refused(note, "下一步拟重点做好两项工作：一是完成剩余5个村的网格划分；二是组织网格员培训1次。", "enumerate")).toBe(false);
  });
  it("reads no plan from 计划 as a noun, and only flags a lead's items numbered as its siblings", () => {
    expect(refused("工作计划执行情况表明：今年完成排查3次；走访群众200户。", "工作计划执行情况表明：一是今年完成排查3次；二是走访群众200户。", "enumerate")).toBe(false);
    const siblings = "明年打算把握以下几点：把网格划细；把调解员配齐。各乡镇搞好落实。";
    expect(refused(siblings, "一是明年拟把握以下几点：把网格划细；二是把调解员配齐；三是各乡镇搞好落实。", "enumerate")).toBe(false);
  });
  it("refuses an item said done", () => {
    expect(refused(note, "下一步重点做好两项工作：一是已完成剩余5个村的网格划分；二是组织网格员培训1次。", "enumerate")).toBe(true);
  });
});

describe("a lead clause's count of its items counts the list, not the work", () => {
  const note = "存在的问题：有的村调解员年纪太大；经费还没落实；场地也不够。";
  it("accepts a count of the items a restructuring adds, and refuses one that does not match them", () => {
    expect(refused(note, "存在的问题主要有三个方面：一是部分村调解员年龄偏大；二是经费尚未落实；三是场地不足。", "enumerate")).toBe(false);
    expect(refused(note, "存在的问题主要有四个方面：一是部分村调解员年龄偏大；二是经费尚未落实；三是场地不足。", "enumerate")).toBe(true);
  });
  it("accepts the note's count of its items left out", () => {
    const counted = "今年主要干了四件事：进学校宣传讲了十二场；排查吸毒人员查了八十多人；帮扶社区戒毒人员二十一个；还搞了一次演练。";
    expect(refused(counted, "今年主要开展了以下工作：开展禁毒宣传进校园12场，排查吸毒人员80余人，帮扶社区戒毒人员21名，组织演练1次。")).toBe(false);
  });
});

describe("a negation that names who does not govern what they then did", () => {
  it("refuses 未通过人员已于下月完成补考 for those the note has retake the test next month", () => {
    const note = "参加普法考试的干部，差不多八成都过了，没过的下个月补考。";
    expect(refused(note, "参加普法考试的干部约八成已通过，未通过人员计划下月参加补考。")).toBe(false);
    expect(refused(note, "参加普法考试的干部约八成已通过，未通过人员已于下月完成补考。")).toBe(true);
  });
});

describe("waiting on another's answer is under way", () => {
  const note = "老街改造的那起纠纷，我们报到市里去了，现在等市里回话。";
  it("accepts the wait in formal words and refuses the answer said given", () => {
    expect(refused(note, "老街改造相关纠纷已上报市里，目前正等待市里答复。")).toBe(false);
    expect(refused(note, "老街改造相关纠纷已上报市里，市里已作出答复。")).toBe(true);
  });
  it("reads 等 listing a set (公安等部门) as no wait", () => {
    expect(refused("公安等部门的意见都收到了。", "公安等部门的意见均已收到。")).toBe(false);
  });
});

/**
 * Generated from a vocabulary of levels, sides and shares: a clerk's word and a formal one for the same
 * value are accepted, a formal word for another value is refused.
 */
describe("generated place and share pairs", () => {
  const LEVELS = [
    { c: ["省里", "省上"], f: ["省里", "省级"] },
    { c: ["市里", "市上"], f: ["市里", "市级"] },
    { c: ["县里", "县上"], f: ["县里", "县级"] },
    { c: ["镇里", "镇上", "乡里"], f: ["乡镇", "镇级", "镇里"] },
  ];
  const SHARES = { most: { c: ["一大半", "大半数", "多一半", "过半"], f: ["过半", "一半以上", "半数以上", "大部分", "多数"] }, other: ["八成", "三成", "不到一半", "两成"] };
  const pick = <T,>(xs: readonly T[], k: number) => xs[k % xs.length];
  it("a level, a side or a share said formally is accepted; another value is refused", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), (l, other, i, j) => {
        const level = pick(LEVELS, l);
        const elsewhere = pick(LEVELS.filter((x) => x !== level), other);
        const note = `这起纠纷报到${pick(level.c, i)}去了，现在等${pick(level.c, i + 1)}回话。`;
        const f = pick(level.f, j);
        expect(refused(note, `该纠纷已上报${f}，目前正等待${f}答复。`), note).toBe(false);
        const g = pick(elsewhere.f, j);
        expect(refused(note, `该纠纷已上报${g}，目前正等待${g}答复。`), `${note} → ${g}`).toBe(true);
        const sides = "东西南北";
        const d = sides[i % 4];
        const e = sides[(i + 1 + (j % 3)) % 4];
        expect(refused(`城${d}的出租屋这个月查了一遍。`, `本月对城${d}出租屋开展一轮排查。`)).toBe(false);
        expect(refused(`城${d}的出租屋这个月查了一遍。`, `本月对城${e}出租屋开展一轮排查。`), `${d} → ${e}`).toBe(true);
        const share = `今年的纠纷${pick(SHARES.most.c, i)}是邻里纠纷。`;
        expect(refused(share, `今年纠纷中${pick(SHARES.most.f, j)}为邻里纠纷。`), share).toBe(false);
        expect(refused(share, `今年纠纷中${pick(SHARES.other, j)}为邻里纠纷。`), share).toBe(true);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { checkArithmetic } from "../../../server/checking/rules/arithmetic.ts";
import { checkCollocation } from "../../../server/checking/rules/collocation.ts";
import { checkConsistency } from "../../../server/checking/rules/consistency.ts";
import { checkGrammarFrames } from "../../../server/checking/rules/grammar-frames.ts";
import { checkLeaders } from "../../../server/checking/rules/leaders.ts";
import { checkNumberWords } from "../../../server/checking/rules/number-words.ts";
import { checkOutdated } from "../../../server/checking/rules/outdated.ts";
import { checkText } from "../../../server/checking/check.ts";
import { loadCollocations } from "../../../server/lists/collocations.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Issue 16, session 11 (gram11). Every sentence here is our own; each case below is a class the rule
// implements, with the neighbours it must leave alone.

const registry = loadRegistry();
const collocations = loadCollocations();

describe("consistency: shares of a total the report states", () => {
  const shares = (t: string) => checkConsistency(t, { year: 2024, registry }).filter((f) => f.message.includes("应占")).map((f) => f.text);
  it("reports shares that do not follow from the total stated with 共", () => {
    const t = "全年共接待群众来信来访400件次。\n一是涉土地问题较多，分别为120件和80件，各占全年信访总量40%、26.7%。\n二是重复信访共60件，占信访总量15%。";
    expect(shares(t)).toEqual(["40%", "26.7%"]);
  });
  it("leaves a share that follows from another count of the text, and shares of totals not stated", () => {
    expect(shares("全年共支出900万元。其中教育支出为300万元，用于校舍的为60万元，占教育支出总数的20%。")).toEqual([]);
    expect(shares("本市粮食产量为50万吨，占全省总量的12%。")).toEqual([]);
  });
});

describe("consistency: what was mediated cannot exceed what was received", () => {
  const over = (t: string) => checkConsistency(t, { year: 2024, registry }).filter((f) => f.message.includes("受理")).map((f) => f.text);
  it("reports a mediated count above the received count of the same thing", () => {
    expect(over("截至目前，共调解邻里纠纷90件，受理各类矛盾纠纷75件，成功化解纠纷70件。")).toEqual(["共调解邻里纠纷90件"]);
  });
  it("leaves counts in order, other things, and cases closed (carried over from last year)", () => {
    expect(over("全年受理矛盾纠纷80件，调解纠纷76件，调解成功74件。")).toEqual([]);
    expect(over("受理信访事项40件，调解矛盾纠纷52件。")).toEqual([]);
    expect(over("受理各类案件300件，审结案件320件。")).toEqual([]);
  });
});

describe("arithmetic: a change stated in its own clause", () => {
  const changes = (t: string) => checkArithmetic(t, { year: 2024, registry }).map((f) => f.text);
  it("checks the change against the counts of its ；-clause, 件 and 件次 as one unit", () => {
    expect(changes("共受理来信来访500件次，较去年同期400件次，上升25%；其中来信300件，较去年同期250件次，上升30%。")).toEqual(["30%"]);
  });
  it("leaves a change that agrees, and an increment stated beside the total", () => {
    expect(changes("共受理来信来访500件次，较去年同期400件次，上升25%；其中来信300件，较去年同期250件次，上升20%。")).toEqual([]);
    expect(changes("全年收购总额1200亿元，比上年增加150亿元，增长14.3%。")).toEqual([]);
  });
});

describe("numbers: figures inside set words, and the parts of a date (GB/T 15835)", () => {
  const nums = (t: string) => checkNumberWords(t).map((f) => [f.text, f.suggestion]);
  it("writes the five-year periods, the first of a post and the enumerators in Chinese numerals", () => {
    expect(nums("全面启动“75”普法，制定第7个5年规划。")).toEqual([["75", "七五"], ["第7个5年", "第七个五年"]]);
    expect(nums("县长任第1副组长。")).toEqual([["第1", "第一"]]);
    expect(nums("成效明显。2是抓好宣传。")).toEqual([["2是", "二是"]]);
    expect(nums("“145”规划开局之年。")).toEqual([["145", "十四五"]]);
    expect(nums("启动“85”普法，成立“85”依法治市领导小组。")).toEqual([["85", "八五"], ["85", "八五"]]);
    expect(nums("成立“85”依法治市领导小组。")).toEqual([]);
  });
  it("reports a day without 日 and a year without 年", () => {
    expect(nums("活动自3月1日启动，至3月20结束。")).toEqual([["3月20", "3月20日"]]);
    expect(nums("一、2023主要工作\n")).toEqual([["2023", "2023年"]]);
  });
  it("reports 余 and 多 together", () => {
    expect(nums("动员志愿者200余多人参加。")).toEqual([["余多", "余"]]);
  });
  it("leaves quantities, counts of days and complete dates", () => {
    expect(nums("发放资料75份，“75”这个数字。第1名。12月19个乡镇。2023年3月20日结束。第2023号。")).toEqual([]);
    expect(nums("共有2023人参加。2是一个偶数。")).toEqual([]);
  });
});

describe("wording: fixed formulations and titles from the registry", () => {
  const out = (t: string, year = 2022) => checkOutdated(t, { year, registry }).map((f) => f.suggestion ?? f.text);
  it("reports the thought, the core and the strategy written short", () => {
    expect(out("坚持以习近平新时代特色社会主义思想为指导。")).toEqual(["习近平新时代中国特色社会主义思想"]);
    expect(out("这是以为核心的党中央作出的决策。")).toEqual(["以习近平同志为核心的党中央"]);
    expect(out("协调推进“四个全覆盖”战略布局。")).toEqual(["“四个全面”战略布局"]);
    expect(out("协调推进“四个全面”战略布局。")).toEqual([]);
  });
  it("names the heads of bodies by their organic laws", () => {
    expect(out("市人大副主任某某、县人大主任某某、市人民检察院院长某某出席。")).toEqual(["人大常委会副主任", "人大常委会主任", "检察院检察长"]);
    expect(out("市人大常委会副主任某某、镇人大主席某某、市人大财经委副主任委员某某、法院院长某某出席。")).toEqual([]);
  });
  it("dates 法制教育 and 法制讲座 like 法制宣传, and leaves the named day", () => {
    expect(out("建立领导干部法制讲座制度，深化法制教育。", 2020)).toEqual(["法治讲座", "法治教育"]);
    expect(out("建立领导干部法制讲座制度。", 2015)).toEqual([]);
    expect(out("开展国家宪法日暨全国法制宣传日活动。", 2017)).toEqual([]);
  });
});

describe("wording: the General Secretary's speeches without his name", () => {
  const out = (t: string) => checkLeaders(t, { year: 2014, registry }).filter((f) => f.message.includes("缺少姓名")).map((f) => f.suggestion);
  it("reports 总书记 alone before his speeches and instructions", () => {
    expect(out("认真学习党的十八大和总书记一系列重要讲话精神。")).toEqual(["习近平总书记"]);
    expect(out("贯彻总书记重要指示。")).toEqual(["习近平总书记"]);
  });
  it("leaves the full name, and a misspelt one (the name rule's finding)", () => {
    expect(out("认真学习习近平总书记系列重要讲话精神。")).toEqual([]);
    expect(out("认真学习习近萍总书记重要讲话精神。")).toEqual([]);
  });
});

describe("a year no one gave: campaigns and bodies date the text", () => {
  const kinds = async (text: string, year?: number) =>
    (await checkText(text, { year })).findings.filter((f) => f.kind === "outdated").map((f) => f.text);
  const t = "社区深入推进扫黑除恶专项斗争，综治办牵头排查，做好法制宣传。";
  it("does not report an ended campaign or a merged body when the year is only today's", async () => {
    expect(await kinds(t)).toEqual(["法制宣传"]);
  });
  it("reports them when the writer gives the year", async () => {
    expect(await kinds(t, 2024)).toEqual(["扫黑除恶专项斗争", "综治办", "法制宣传"]);
  });
  it("says in its answer when the year was assumed", async () => {
    expect((await checkText(t)).yearAssumed).toBe(true);
    expect((await checkText(t, { year: 2024 })).yearAssumed).toBeUndefined();
    expect((await checkText(`2019年，${t}`)).yearAssumed).toBeUndefined();
  });
});

describe("grammar: collocations and redundant pairs (collocations.json)", () => {
  const g = (t: string) => checkCollocation(t, { year: 2024, registry, collocations }).map((f) => f.text);
  it("reports verbs with objects they cannot take, read past a 对…的 modifier and a coordination", () => {
    expect(g("进一步增强群众对平安建设的知晓度和参与率。")).toEqual(["增强"]);
    expect(g("强化执法检查力度。")).toEqual(["强化"]);
    expect(g("各地采取并开展了一系列有力措施。")).toEqual(["开展"]);
    expect(g("召开入户宣传共计30余次。")).toEqual(["召开"]);
    expect(g("党委听取全年工作情况。")).toEqual(["听取"]);
  });
  it("leaves objects the verb takes", () => {
    expect(g("增强决策透明度和公众参与度。")).toEqual([]);
    expect(g("增强获得感与满意度。")).toEqual([]);
    expect(g("召开宣传动员大会。")).toEqual([]);
    expect(g("党委听取全年工作情况汇报。")).toEqual([]);
    expect(g("提高覆盖面和成功率。")).toEqual([]);
  });
  it("reports 进行展开, 共……共计 and 各项的", () => {
    expect(g("结合中心工作进行展开。")).toEqual(["进行"]);
    expect(g("全年共受理来信来访共计50件。")).toEqual(["共受理来信来访共计"]);
    expect(g("各项的制度得到落实。")).toEqual(["各项的"]);
    expect(g("发展各门各类的职业学校，共计50所。")).toEqual([]);
    expect(g("新发展共青团员共计120名。")).toEqual([]);
  });
});

describe("grammar: a verb written again after its own adverbial (句式杂糅)", () => {
  const g = (t: string) => checkGrammarFrames(t).filter((f) => f.message.includes("杂糅")).map((f) => f.text);
  it("reports the second verb with its localiser", () => {
    expect(g("司法所为充分发挥人民调解在化解基层矛盾方面发挥作用，组织了培训。")).toEqual(["方面发挥"]);
    expect(g("着力加强队伍在执法办案中加强规范。")).toEqual(["中加强"]);
  });
  it("leaves two verbs in parallel clauses and verbs that official prose repeats", () => {
    expect(g("充分发挥调解组织在基层治理中的基础作用、更好发挥律师作用。")).toEqual([]);
    expect(g("发挥调解作用，在矛盾化解方面发挥优势。")).toEqual([]);
    expect(g("提高群众在平安建设中提高参与度。")).toEqual([]);
  });
});

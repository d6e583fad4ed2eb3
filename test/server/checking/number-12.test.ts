import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { checkArithmetic } from "../../../server/checking/rules/arithmetic.ts";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { checkConsistency } from "../../../server/checking/rules/consistency.ts";

const ctx = { year: 2025, registry: loadRegistry() };
const found = (text: string, year = 2025) =>
  checkNumberForm(text, { ...ctx, year }).filter((f) => f.severity !== "info").map((f) => [f.text, f.suggestion]);
const notes = (text: string) => checkNumberForm(text, ctx).filter((f) => f.severity === "info").map((f) => f.text);

describe("one form per kind: a 汉字 count among Arabic statistics (GB/T 15835-2011 §4.3)", () => {
  it("warns on a 汉字 count whose sentence states other counts in Arabic figures", () => {
    expect(found("全镇在原有十二个调委会的基础上新建了3个调解室，配备了46名调解员。")).toEqual([["十二个", "12个"]]);
  });

  it("reads 百余/千余/万余 with a counted unit as a count, a warning when it is the tally of a clause", () => {
    expect(found("活动当天发放资料2万余份，接待群众来访千余人次。")).toEqual([["千余人次", "1000余人次"]]);
    expect(found("全年走访企业36家，帮助协调解决问题百余件；")).toEqual([["百余件", "100余件"]]);
  });

  it("leaves as a note a 汉字 count with no Arabic count in its sentence, or a 千余 before its noun", () => {
    const text = "全年受理纠纷326件，调解成功318件。重点抓好十个方面工作。带动上下游千余家企业落户，新增企业58家。";
    expect(found(text)).toEqual([]);
    expect(notes(text)).toEqual(["十个", "千余家"]);
  });

  it("keeps set names, titles and ranks in 汉字 (十件民生实事, 十户长, 前六名)", () => {
    expect(found("办好十件民生实事，惠及群众12万人；选聘十户长86人；考评位列全省前六名，新增示范点15个。")).toEqual([]);
  });

  it("keeps numerals that are morphemes of set words, idioms and abbreviations (§4.2.3) out of the count", () => {
    expect(found("践行三个代表重要思想，做到两个维护，一把手亲自抓，坚持四下基层，一是走访群众120人，二是办结案件36件，选派第一书记5名，落实三项机制，投入资金30万元。")).toEqual([]);
  });

  it("judges reports from 1987 on, the year of the rules on figures in publications", () => {
    expect(found("新建了十二个调委会、3个调解室，配备了46名调解员。", 1980)).toEqual([]);
  });
});

describe("one form per kind: months (GB/T 15835-2011 §4.3)", () => {
  it("warns on a 汉字 month in a text that writes its months in Arabic, a tie included", () => {
    const text = "11月份，全镇网格员上报事件920件。\n十一月份，上报安全隐患170件。\n截至11月底，办结率99%。\n十一月二十日召开推进会。";
    expect(found(text)).toEqual([["十一月份", "11月份"], ["十一月二十日", "11月20日"]]);
  });

  it("leaves 汉字 months alone where they are the majority, in a 汉字 date, lunar, quoted or a name", () => {
    expect(found("三月份启动，五月份推进，至7月底完成。")).toEqual([]);
    expect(found("2025年3月召开会议，5月总结，二〇二五年十二月二十日再次召开。")).toEqual([]);
    expect(found("3月、5月、7月各开展一次，农历正月十五、腊月二十三，“三月三”节庆，十月革命，一月一通报，阳春三月。")).toEqual([]);
  });
});

describe("an approximate figure says once how it approximates (GB/T 15835-2011 §3.3)", () => {
  it("reports 余 or 多 after a decimal", () => {
    expect(found("全乡总人口3.2余人，总户数8970户。").map(([t]) => t)).toEqual(["3.2余"]);
    expect(found("全乡总人口3.2万余人，投入120余万元。")).toEqual([]);
  });

  it("reports 左右 or 上下 after 余 or 多", () => {
    expect(found("参加培训300余人左右，覆盖120多户上下。")).toEqual([["左右", ""], ["上下", ""]]);
    expect(found("参加培训300人左右，统一多方力量上下联动，三十多年来上下一心。")).toEqual([]);
  });
});

describe("an impossible share (a part of a whole is at most 100%)", () => {
  const errors = (text: string) => checkArithmetic(text, ctx).map((f) => [f.text, f.suggestion]);

  it("reports a share, 比例, 比重, 满意度 or 占……的 over 100%", () => {
    expect(errors("手册发放比例达到1080%，群众满意度达到105%，涉法信访占全县信访总量的130%。").map(([t]) => t)).toEqual(["1080%", "105%", "130%"]);
  });

  it("leaves fulfilment, growth, deduction ratios and shares of a plan or budget alone", () => {
    expect(errors("任务完成率达120%，案件数同比增长150%，加计扣除比例提高到175%，支出占预算数的106.5%，占比100%。")).toEqual([]);
  });
});

describe("a ratio named by its two counts (结收比 = 结案 ÷ 收案)", () => {
  const errors = (text: string) => checkArithmetic(text, ctx).map((f) => [f.text, f.suggestion]);

  it("reports a ratio that does not follow from its counts, with the computed value", () => {
    expect(errors("全年收案数共268件，结案数共251件，结收比为93.75%。")).toEqual([["93.75%", "93.66%"]]);
  });

  it("accepts a ratio that follows from its counts, and leaves 同比 and 占比 to their own rules", () => {
    expect(errors("全年收案数共268件，结案数共251件，结收比为93.66%。")).toEqual([]);
    expect(errors("受理案件268件，办结251件，同比为93.75%。")).toEqual([]);
  });
});

describe("a heading that lost its number in a numbered run (GB/T 9704-2012 §7.3.3)", () => {
  const numbering = (text: string) => checkNumbering(text, ctx).filter((f) => f.severity !== "info").map((f) => [f.text, f.suggestion]);

  it("reports the one unnumbered heading line between 二、 and 四、, not the 四、", () => {
    const text = "一、案件受理情况\n\n全年受理案件52件。\n\n二、案件办理情况\n\n办结48件。\n\n队伍建设情况\n\n开展培训3次。\n\n四、下一步打算\n\n继续推进。";
    expect(numbering(text)).toEqual([["队伍建设情况", "三、队伍建设情况"]]);
  });

  it("reports a run-in item that lost its 2. in a run of 1. and 3.", () => {
    const text = "1.党建引领。全镇划分网格120个。\n人房关联。全镇关联户籍人口16万人。\n3.事件上报。网格员上报事件9213件。";
    expect(numbering(text)).toEqual([["人房关联。全镇关联户籍人口16万人。", "2.人房关联。全镇关联户籍人口16万人。"]]);
  });

  it("keeps the gap report where no line or more than one has the heading's shape", () => {
    expect(numbering("一、基本情况\n\n全年受理案件52件。\n\n三、下一步打算\n\n继续推进。")).toEqual([["三、", "二、"]]);
    expect(numbering("一、基本情况\n\n全年受理案件52件。\n\n队伍建设\n\n制度建设\n\n三、下一步打算\n\n继续推进。")).toEqual([["三、", "二、"]]);
  });
});

describe("a named period and its years agree (the registry's periods)", () => {
  it("reports a range off by a year beside 十四五 or a 普法 period, with the period's years", () => {
    expect(found("全县“十四五”时期（2022—2025年）规划项目全部开工。")).toEqual([["2022—2025年", "2021—2025年"]]);
    expect(found("2020年至2025年“八五”普法规划实施以来。").map(([, s]) => s)).toEqual(["2021至2025年"]);
  });

  it("accepts the period's own years, a part of it named as such, and ranges further off", () => {
    expect(found("“十四五”时期（2021—2025年），“十四五”后三年（2023—2025年），“十三五”期间（2016—2020年）。")).toEqual([]);
    expect(found("“十五五”规划，2018—2022年的数据表明。")).toEqual([]);
  });
});

describe("shares of a stated total are whole numbers of its items", () => {
  const shares = (text: string) => checkConsistency(text, ctx).map((f) => f.text);

  it("reports a share of a small total that no whole count gives, once, reading 总量 as the total's lead", () => {
    const text = "上半年全县信访总量143件次，同比上升9.2%。从领域看，主要集中在土地征收、劳动保障等领域，分别占全县信访总量的16.57%、12.57%、9.14%。";
    expect(shares(text)).toEqual(["16.57%"]);
  });

  it("accepts shares that are whole counts of the total, and totals too large to tell", () => {
    expect(shares("上半年全县信访总量143件次。主要集中在土地征收、劳动保障等领域，分别占全县信访总量的16.78%、12.59%、9.09%。")).toEqual([]);
    expect(shares("全年信访总量14300件次。主要集中在土地、劳动等领域，分别占全县信访总量的16.5%、12.6%。")).toEqual([]);
  });
});

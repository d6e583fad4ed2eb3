import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkTypoList } from "../../../server/checking/typo/list-rule.ts";
import { loadTypoList } from "../../../server/lists/typos.ts";
import { checkTypos } from "../../../server/checking/typo/index.ts";
import { checkText } from "../../../server/checking/check.ts";
import { AppError } from "../../../server/errors.ts";

const listed = (text: string, dataDir?: string) =>
  checkTypoList(text, loadTypoList(dataDir)).map((f) => `${f.text}→${f.suggestion}:${f.severity}`);

describe("the office's list of misspellings", () => {
  it("flags written forms that are never right", () => {
    expect(listed("年初即召开会议专题布署，全面按装监控探头。")).toEqual(["布署→部署:warning", "按装→安装:warning"]);
    expect(listed("既使任务再重，也要按时完成。")).toEqual(["既使→即使:warning"]);
    expect(listed("核对报帐凭证和银行帐户。")).toEqual(["帐→账:warning", "帐→账:warning"]);
  });

  it("reads 帐 as 账 wherever it is about accounts, and leaves the tent and the curtain", () => {
    expect(listed("建立工作台帐，理清糊涂帐，核对流水帐。")).toEqual(["帐→账:warning", "帐→账:warning", "帐→账:warning"]);
    expect(listed("搭建救灾帐篷，发放蚊帐和营帐。")).toEqual([]);
  });

  it("writes 作出 before an abstract object, with 了 or modifiers between (公文 usage), and leaves 做出 a thing", () => {
    expect(listed("为平安建设做出了突出贡献，为维护稳定做出积极努力，及时做出部署。")).toEqual(["做出→作出:warning", "做出→作出:warning", "做出→作出:warning"]);
    expect(listed("依法做出的行政处罚决定。")).toEqual(["做出→作出:warning"]);
    expect(listed("学员做出了三道菜，做出样品送检，做出成绩。")).toEqual([]);
  });

  it("writes 好像 for a comparison from 1987 on", () => {
    const at = (year: number) => checkTypoList("工作好象没有尽头。", loadTypoList(), undefined, year).map((f) => f.suggestion);
    expect(at(2025)).toEqual(["好像"]);
    expect(at(1957)).toEqual([]);
  });

  it("leaves the right forms and unrelated words alone", () => {
    expect(listed("年初即召开会议专题部署，全面安装监控探头，核对银行账户，搭建救灾帐篷。")).toEqual([]);
  });

  it("flags 截止 only before a point in time", () => {
    expect(listed("截止目前，共受理案件320件。")).toEqual(["截止→截至:warning"]);
    expect(listed("截止2025年底，全县建成调解室45个。")).toEqual(["截止→截至:warning"]);
    expect(listed("申报截止日期为6月30日。")).toEqual([]);
    expect(listed("截止到年底，任务全部完成。")).toEqual([]);
    expect(listed("报名已于昨日截止。")).toEqual([]);
  });

  it("writes 其他 for 其它 (公文 usage since 2006), and leaves older reports", () => {
    expect(listed("其它工作同步推进。")).toEqual(["其它→其他:warning"]);
    expect(checkTypoList("其它工作同步推进。", loadTypoList(), undefined, 1988).map((f) => f.text)).toEqual([]);
  });

  it("judges an older report by its own time's standard (账 for 帐 from 2002, 覆盖 from 1986)", async () => {
    const text = "完善社会统筹和个人帐户相结合的制度，森林复盖率明显提高。";
    const at = (year?: number) => checkTypoList(text, loadTypoList(), undefined, year).map((f) => f.text);
    expect(at(1995)).toEqual(["复盖"]);
    expect(at(1980)).toEqual([]);
    expect(at(2002)).toEqual(["帐", "复盖"]);
    // No year given: today's standard.
    expect(at()).toEqual(["帐", "复盖"]);
    // Through the whole check, which passes the report's year.
    const typos = async (year: number) => (await checkText(text, { year })).findings.filter((f) => f.kind === "typo").map((f) => f.text);
    expect(await typos(1997)).toEqual(["复盖"]);
    // Nor does another rule read the older form as a slip.
    expect(await typos(1980)).toEqual([]);
    expect(await typos(2025)).toEqual(["帐", "复盖"]);
  });

  it("decides a pair of real words by its neighbours (权利/权力, 形势/形式, 调解/调节, 履行/旅行 …)", () => {
    expect(listed("依法保障当事人享有的诉讼权力，明确权力和义务。")).toEqual(["权力→权利:warning", "权力和义务→权利和义务:warning"]);
    expect(listed("规范权力运行，依法行使权力，公开权力清单。")).toEqual([]);
    expect(listed("推行政府权利清单制度。")).toEqual(["权利→权力:warning"]);
    expect(listed("当前维稳形式依然严峻，要认真研判形势。")).toEqual(["形式→形势:warning"]);
    expect(listed("宣传形式更加多样，活动形式丰富。")).toEqual([]);
    expect(listed("全年诉前调节矛盾纠纷1200件，依法调节各类案件，新聘调节员30名。")).toEqual(["调节矛盾→调解矛盾:warning", "调节→调解:warning", "调节员→调解员:warning"]);
    expect(listed("发挥价格调节作用，调节供需。")).toEqual([]);
    expect(listed("认真旅行监管职责，严防泄漏个人信息。")).toEqual(["旅行→履行:warning", "泄漏→泄露:warning"]);
    expect(listed("组织干部外出旅行，排查燃气泄漏隐患。")).toEqual([]);
    expect(listed("依法侦察终结案件45件，妥善办理申述案件。")).toEqual(["侦察→侦查:warning", "申述→申诉:warning"]);
    expect(listed("完善懂事会议事规则，实行领导干部终生追责。")).toEqual(["懂事→董事:warning", "终生→终身:warning"]);
    expect(listed("这个孩子很懂事，终生难忘。")).toEqual([]);
    expect(listed("依法办理行事案件，对发现的问题即时整改，设置两年过度期。")).toEqual(["行事→刑事:warning", "即时→及时:warning", "过度→过渡:warning"]);
    expect(listed("做到依规行事，实行即时结算，防止过度包装。")).toEqual([]);
    expect(listed("防止过渡开发，发布招聘启示，排查调出矛盾纠纷，加强社区校正。")).toEqual(["过渡→过度:warning", "启示→启事:warning", "调出→调处:warning", "社区校正→社区矫正:warning"]);
    expect(listed("从中得到启示，调出监控录像。")).toEqual([]);
    expect(listed("选拔年青干部，对附合条件的案件依法判处缓行，做到公平公证。")).toEqual(["年青→年轻:warning", "附合→符合:warning", "缓行→缓刑:warning", "公证→公正:warning"]);
    expect(listed("年青一代朝气蓬勃，车辆缓行，到公证处办理公证。")).toEqual([]);
    expect(listed("竖立先进典型，克复困难，起动应急响应，组织律诗事务所参与，检查长列席会议。")).toEqual(["竖立→树立:warning", "克复→克服:warning", "起动→启动:warning", "律诗→律师:warning", "检查长→检察长:warning"]);
    expect(listed("竖立界桩，克复失地，起动发动机，学写律诗，新生报到。")).toEqual([]);
  });

  it("judges 制订 before a law's name by the standard of the report's year (the 立法法 of 2000)", () => {
    const text = "制订地方性法规3件。";
    const at = (year?: number) => checkTypoList(text, loadTypoList(), undefined, year).map((f) => f.text);
    expect(at(2025)).toEqual(["制订"]);
    expect(at(1990)).toEqual([]);
    expect(listed("制订工作方案。")).toEqual([]);
  });

  it("flags set phrases written with a wrong character (一视同人, 既往开来)", () => {
    expect(listed("对各类市场主体一视同人，继往开来、既往开来。")).toEqual(["一视同人→一视同仁:warning", "既往开来→继往开来:warning"]);
  });

  it("honours a context that rules an entry out (坚决对… is not 决对)", () => {
    expect(listed("坚决对黑恶势力说不。")).toEqual([]);
    expect(listed("这样做决对不行。")).toEqual(["决对→绝对:warning"]);
  });

  it("reports the span, text and suggestion the editor applies", () => {
    const text = "认真布署各项工作。";
    const [f] = checkTypos(text);
    expect(f).toMatchObject({ kind: "typo", start: 2, end: 4, text: "布署", suggestion: "部署" });
    expect(f.message).toContain("部署");
  });

  it("corrects a listed misspelling inside a unit's name", () => {
    expect(checkTypos("依法移送区人民检查院审查起诉。").map((f) => `${f.text}→${f.suggestion}`)).toEqual(["检查院→检察院"]);
  });

  it("corrects a listed form inside a quoted term, never inside a title in 《》", () => {
    expect(checkTypos("开展“布署行动”，理清“糊涂帐”。").map((f) => `${f.text}→${f.suggestion}`)).toEqual(["布署→部署", "帐→账"]);
    expect(checkTypos("学习《关于加强台帐管理的通知》。")).toEqual([]);
  });
});

describe("the data folder's typos.json", () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  const withFile = (content: string) => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-typos-"));
    writeFileSync(path.join(dir, "typos.json"), content);
    return dir;
  };

  it("adds entries and switches a built-in one off", () => {
    const d = withFile(JSON.stringify({ entries: [{ wrong: "综治中兴", right: "综治中心" }, { wrong: "其它", off: true }] }));
    expect(listed("其它乡镇综治中兴建设同步推进。", d)).toEqual(["综治中兴→综治中心:warning"]);
    expect(listed("其它乡镇同步推进。")).toEqual(["其它→其他:warning"]);
  });

  it("refuses a malformed file with a Chinese message that names it", () => {
    const d = withFile(JSON.stringify({ entries: [{ wrong: "布署" }] }));
    expect(() => loadTypoList(d)).toThrow(AppError);
    expect(() => loadTypoList(d)).toThrow(/清单文件无法使用：.*typos\.json.*right/);
    // One character is wrong only in a context: an entry of one character needs a condition.
    expect(() => loadTypoList(withFile(JSON.stringify({ entries: [{ wrong: "象", right: "像" }] })))).toThrow(/前后条件/);
    const bad = withFile("{not json");
    expect(() => loadTypoList(bad)).toThrow(/不是有效的 JSON/);
  });

  it("refuses a condition that is not a regular expression", () => {
    const d = withFile(JSON.stringify({ entries: [{ wrong: "截止", right: "截至", followedBy: "(" }] }));
    expect(() => loadTypoList(d)).toThrow(/不是有效的正则表达式/);
  });
});
